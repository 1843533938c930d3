import type { Lang } from '~/components/calculators/shared/locale';
import { panelStrings } from './strings/panels';
import type { SpeedPoint } from './view';

interface Props {
  id: string;
  /** Element id of the note under the chart that says which figures are exact, estimated or expected. */
  boundsId: string;
  series: SpeedPoint[];
  ridge: number | null;
  /** Requests the KV cache holds at the chosen context (capped by max_num_seqs), marked on the batch axis; 0 when vLLM would not start. */
  fitLimit: number;
  lang: Lang;
  n: (v: number, digits?: number) => string;
}

/** A log-axis tick label: enough decimals that 0.1 and 0.01 do not both read "0". */
export function tickLabel(v: number, n: (v: number, digits?: number) => string): string {
  return n(v, v < 1 ? Math.ceil(-Math.log10(v) - 1e-9) : 0);
}

const W = 560;
const H = 260;
const PAD = { l: 64, r: 16, t: 16, b: 40 };

/**
 * Aggregate and per-sequence decode tokens/s against the batch, both axes logarithmic, with the batch where the
 * roofline turns compute-bound marked. A plain SVG (no chart library), coloured from Starlight's variables.
 */
export function DecodeChart({ id, boundsId, series, ridge, fitLimit, lang, n }: Props) {
  const t = panelStrings(lang);
  const ridgeText = ridge === null ? t.chartNoRidge : t.chartRidge(n(ridge));
  const text = {
    title: t.chartTitle,
    x: t.chartX,
    y: t.chartY,
    aggregate: t.chartAggregate,
    perSeq: t.chartPerSeq,
    ridge: ridgeText,
    fit: fitLimit >= 1 ? t.chartFitLimit(n(fitLimit)) : t.chartNoStart,
    desc: `${t.chartDesc(ridgeText)} ${fitLimit >= 1 ? t.chartFitLimit(n(fitLimit)) : t.chartNoStart}`,
  };
  const xs = series.map((p) => p.batch);
  const ys = series.flatMap((p) => [p.tokensPerSecond, p.perSequence]).filter((v) => v > 0);
  const x0 = Math.log2(xs[0]!);
  const x1 = Math.log2(xs[xs.length - 1]!);
  const y0 = Math.floor(Math.log10(Math.min(...ys)));
  const y1 = Math.ceil(Math.log10(Math.max(...ys)));
  const px = (b: number) => PAD.l + ((Math.log2(b) - x0) / (x1 - x0 || 1)) * (W - PAD.l - PAD.r);
  const py = (v: number) => H - PAD.b - ((Math.log10(v) - y0) / (y1 - y0 || 1)) * (H - PAD.t - PAD.b);
  const points = (list: SpeedPoint[], pick: (p: SpeedPoint) => number) => list.map((p) => `${px(p.batch).toFixed(1)},${py(pick(p)).toFixed(1)}`).join(' ');
  // Full strength where the KV cache holds the batch, faded beyond (the last fitting point starts the faded part).
  const lastFit = series.reduce((last, p, i) => (p.fits ? i : last), -1);
  const inside = lastFit >= 0 ? series.slice(0, lastFit + 1) : [];
  const beyond = series.slice(Math.max(0, lastFit));
  const yTicks = Array.from({ length: y1 - y0 + 1 }, (_, i) => 10 ** (y0 + i));
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return (
    <>
      <figure class="srv-chart" id={id}>
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
          <title id={titleId}>{text.title}</title>
          <desc id={descId}>{text.desc}</desc>
          {yTicks.map((v) => (
            <g key={v}>
              <line class="srv-grid" x1={PAD.l} x2={W - PAD.r} y1={py(v)} y2={py(v)} />
              <text class="srv-tick" x={PAD.l - 6} y={py(v) + 4} text-anchor="end">
                {tickLabel(v, n)}
              </text>
            </g>
          ))}
          {xs.map((b) => (
            <text key={b} class="srv-tick" x={px(b)} y={H - PAD.b + 16} text-anchor="middle">
              {n(b)}
            </text>
          ))}
          {ridge !== null && (
            <g>
              <rect class="srv-compute-zone" x={px(ridge)} y={PAD.t} width={W - PAD.r - px(ridge)} height={H - PAD.t - PAD.b} />
              <line class="srv-ridge" x1={px(ridge)} x2={px(ridge)} y1={PAD.t} y2={H - PAD.b} />
            </g>
          )}
          {fitLimit >= xs[0]! && fitLimit <= xs[xs.length - 1]! && (
            <g class="srv-fit-mark" data-fit-limit={String(fitLimit)}>
              <line class="srv-fit" x1={px(fitLimit)} x2={px(fitLimit)} y1={PAD.t} y2={H - PAD.b} />
              <text
                class="srv-fit-label"
                x={px(fitLimit) + (px(fitLimit) > W / 2 ? -4 : 4)}
                y={PAD.t + 12}
                text-anchor={px(fitLimit) > W / 2 ? 'end' : 'start'}
              >
                {text.fit}
              </text>
            </g>
          )}
          {inside.length > 0 && <polyline class="srv-line-aggregate" points={points(inside, (p) => p.tokensPerSecond)} />}
          {inside.length > 0 && <polyline class="srv-line-perseq" points={points(inside, (p) => p.perSequence)} />}
          <polyline class="srv-line-aggregate srv-beyond" points={points(beyond, (p) => p.tokensPerSecond)} />
          <polyline class="srv-line-perseq srv-beyond" points={points(beyond, (p) => p.perSequence)} />
          <text class="srv-axis" x={(PAD.l + W - PAD.r) / 2} y={H - 4} text-anchor="middle">
            {text.x}
          </text>
          <text class="srv-axis" x={14} y={(PAD.t + H - PAD.b) / 2} text-anchor="middle" transform={`rotate(-90 14 ${(PAD.t + H - PAD.b) / 2})`}>
            {text.y}
          </text>
        </svg>
        <figcaption>
          <span class="srv-key srv-key-aggregate">{text.aggregate}</span> <span class="srv-key srv-key-perseq">{text.perSeq}</span> · {text.ridge} · {text.fit};{' '}
          {t.chartBeyond}
        </figcaption>
      </figure>
      <p class="srv-bounds" id={boundsId}>
        {t.boundsNote}
      </p>
    </>
  );
}
