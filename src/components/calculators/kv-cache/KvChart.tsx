import { byteUnitName, bytesIn, bytesUnitPower, type ByteUnits } from '~/lib/format/format-bytes';
import { formatNumber } from '~/lib/format/format-number';
import type { ModelSpec } from '~/lib/model/model-spec';
import { chartSeries, type ChartSeries } from './chart-series';
import type { KvInputs } from './view';

interface Props {
  id: string;
  lang: 'zh-CN' | 'en';
  /** The model as chosen (before the attention override): the chart compares its attention kinds. */
  model: ModelSpec;
  inputs: Pick<KvInputs, 'groups' | 'batch' | 'kvDtype'>;
  maxSeqLen: number;
  current: { seqLen: number; bytes: number; kind: string };
  /** Memory left for the KV cache on the chosen GPU; drawn as a line when positive. */
  freeBytes: number;
  units: ByteUnits;
  text: { title: string; x: string; y: (unit: string) => string; now: string; free: string };
}

const W = 640;
const H = 280;
const PAD = { left: 64, right: 16, top: 16, bottom: 44 };
/** Line styles differ in dash as well as colour, so the curves stay apart without colour vision. */
const STYLE: Record<string, { color: string; dash: string }> = {
  mha: { color: 'var(--sl-color-red)', dash: '' },
  gqa: { color: 'var(--sl-color-blue)', dash: '8 4' },
  mqa: { color: 'var(--sl-color-green)', dash: '2 4' },
  mla: { color: 'var(--sl-color-purple)', dash: '12 4 2 4' },
};

function tokensLabel(n: number, lang: string): string {
  if (n >= 1e6) return `${formatNumber(n / 1e6, { lang, digits: 2 })}M`;
  if (n >= 1e3) return `${formatNumber(n / 1e3, { lang, digits: 2 })}k`;
  return formatNumber(n, { lang });
}

/** A plain SVG line chart: no chart library, nothing but markup. */
export function KvChart({ id, lang, model, inputs, maxSeqLen, current, freeBytes, units, text }: Props) {
  const series: ChartSeries[] = chartSeries(model, inputs, maxSeqLen);
  const top = Math.max(...series.map((s) => s.points[s.points.length - 1]![1]), current.bytes, 1);
  const showFree = freeBytes > 0 && freeBytes < top * 1.5;
  const rawMax = Math.max(top, showFree ? freeBytes : 0) * 1.05;
  const power = bytesUnitPower(rawMax, units);
  // Round the axis up to 1, 2, 4 or 8 × a power of ten in the shown unit, so quarter ticks are round numbers.
  const shown = bytesIn(rawMax, units, power);
  const magnitude = 10 ** Math.floor(Math.log10(shown));
  const yMax = ([1, 2, 4, 8, 10].map((m) => m * magnitude).find((v) => v >= shown) ?? shown) * (rawMax / shown);
  const unit = byteUnitName(units, power);
  const x = (tokens: number) => PAD.left + (tokens / maxSeqLen) * (W - PAD.left - PAD.right);
  const y = (bytes: number) => H - PAD.bottom - (bytes / yMax) * (H - PAD.top - PAD.bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const titleId = `${id}-title`;
  return (
    <figure class="kv-chart">
      <figcaption id={titleId}>{text.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={titleId} preserveAspectRatio="xMidYMid meet">
        {ticks.map((f) => (
          <g key={`y${f}`}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(f * yMax)} y2={y(f * yMax)} class="kv-grid" />
            <text x={PAD.left - 6} y={y(f * yMax) + 4} text-anchor="end">
              {formatNumber(bytesIn(f * yMax, units, power), { lang, digits: 2 })}
            </text>
          </g>
        ))}
        {ticks.map((f) => (
          <text key={`x${f}`} x={x(f * maxSeqLen)} y={H - PAD.bottom + 16} text-anchor="middle">
            {tokensLabel(f * maxSeqLen, lang)}
          </text>
        ))}
        <text x={(PAD.left + W - PAD.right) / 2} y={H - 6} text-anchor="middle">
          {text.x}
        </text>
        <text x={14} y={(PAD.top + H - PAD.bottom) / 2} text-anchor="middle" transform={`rotate(-90 14 ${(PAD.top + H - PAD.bottom) / 2})`}>
          {text.y(unit)}
        </text>
        {showFree && <line x1={PAD.left} x2={W - PAD.right} y1={y(freeBytes)} y2={y(freeBytes)} class="kv-free" />}
        {series.map((s) => (
          <polyline
            key={s.kind}
            fill="none"
            stroke={STYLE[s.kind]!.color}
            stroke-width={2}
            stroke-dasharray={STYLE[s.kind]!.dash}
            points={s.points.map(([t, b]) => `${x(t).toFixed(1)},${y(b).toFixed(1)}`).join(' ')}
          />
        ))}
        {current.seqLen <= maxSeqLen && <circle cx={x(current.seqLen)} cy={y(current.bytes)} r={5} class="kv-now" />}
      </svg>
      <ul class="kv-legend">
        {series.map((s) => (
          <li key={s.kind}>
            <svg width="28" height="10" aria-hidden="true">
              <line x1="0" x2="28" y1="5" y2="5" stroke={STYLE[s.kind]!.color} stroke-width={2} stroke-dasharray={STYLE[s.kind]!.dash} />
            </svg>
            {s.label}
          </li>
        ))}
        <li>
          <svg width="12" height="12" aria-hidden="true">
            <circle cx="6" cy="6" r="5" class="kv-now" />
          </svg>
          {`${text.now} (${current.kind})`}
        </li>
        {showFree && (
          <li>
            <svg width="28" height="10" aria-hidden="true">
              <line x1="0" x2="28" y1="5" y2="5" class="kv-free" />
            </svg>
            {text.free}
          </li>
        )}
      </ul>
    </figure>
  );
}
