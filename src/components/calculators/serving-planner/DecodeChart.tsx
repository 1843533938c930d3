import type { Lang } from '~/components/calculators/shared/locale';
import { panelStrings } from './strings/panels';
import type { SpeedPoint } from './view';

interface Props {
  id: string;
  series: SpeedPoint[];
  ridge: number | null;
  /** Requests the KV cache holds at the chosen context, marked on the batch axis. */
  fitLimit: number;
  lang: Lang;
  n: (v: number) => string;
}

const W = 560;
const H = 260;
const PAD = { l: 64, r: 16, t: 16, b: 40 };

/**
 * Aggregate and per-sequence decode tokens/s against the batch, both axes logarithmic, with the batch where the
 * roofline turns compute-bound marked. A plain SVG (no chart library), coloured from Starlight's variables.
 */
export function DecodeChart({ id, series, ridge, fitLimit, lang, n }: Props) {
  const t = panelStrings(lang);
  const ridgeText = ridge === null ? t.chartNoRidge : t.chartRidge(n(ridge));
  const text = {
    title: t.chartTitle,
    x: t.chartX,
    y: t.chartY,
    aggregate: t.chartAggregate,
    perSeq: t.chartPerSeq,
    ridge: ridgeText,
    fit: t.chartFitLimit(n(fitLimit)),
    desc: t.chartDesc(ridgeText),
  };
  const xs = series.map((p) => p.batch);
  const ys = series.flatMap((p) => [p.tokensPerSecond, p.perSequence]).filter((v) => v > 0);
  const x0 = Math.log2(xs[0]!);
  const x1 = Math.log2(xs[xs.length - 1]!);
  const y0 = Math.floor(Math.log10(Math.min(...ys)));
  const y1 = Math.ceil(Math.log10(Math.max(...ys)));
  const px = (b: number) => PAD.l + ((Math.log2(b) - x0) / (x1 - x0 || 1)) * (W - PAD.l - PAD.r);
  const py = (v: number) => H - PAD.b - ((Math.log10(v) - y0) / (y1 - y0 || 1)) * (H - PAD.t - PAD.b);
  const line = (pick: (p: SpeedPoint) => number) => series.map((p) => `${px(p.batch).toFixed(1)},${py(pick(p)).toFixed(1)}`).join(' ');
  const yTicks = Array.from({ length: y1 - y0 + 1 }, (_, i) => 10 ** (y0 + i));
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return (
    <figure class="srv-chart" id={id}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
        <title id={titleId}>{text.title}</title>
        <desc id={descId}>{text.desc}</desc>
        {yTicks.map((v) => (
          <g key={v}>
            <line class="srv-grid" x1={PAD.l} x2={W - PAD.r} y1={py(v)} y2={py(v)} />
            <text class="srv-tick" x={PAD.l - 6} y={py(v) + 4} text-anchor="end">
              {n(v)}
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
        {fitLimit >= xs[0]! && fitLimit <= xs[xs.length - 1]! && <line class="srv-fit" x1={px(fitLimit)} x2={px(fitLimit)} y1={PAD.t} y2={H - PAD.b} />}
        <polyline class="srv-line-aggregate" points={line((p) => p.tokensPerSecond)} />
        <polyline class="srv-line-perseq" points={line((p) => p.perSequence)} />
        <text class="srv-axis" x={(PAD.l + W - PAD.r) / 2} y={H - 4} text-anchor="middle">
          {text.x}
        </text>
        <text class="srv-axis" x={14} y={(PAD.t + H - PAD.b) / 2} text-anchor="middle" transform={`rotate(-90 14 ${(PAD.t + H - PAD.b) / 2})`}>
          {text.y}
        </text>
      </svg>
      <figcaption>
        <span class="srv-key srv-key-aggregate">{text.aggregate}</span> <span class="srv-key srv-key-perseq">{text.perSeq}</span> · {text.ridge}
        {fitLimit >= 1 ? ` · ${text.fit}` : ''}
      </figcaption>
    </figure>
  );
}
