import type { PeakSegment } from './view';

interface Props {
  /** What is alive at the peak, in bytes; the segments sum to `peak.device`. */
  segments: { key: PeakSegment; bytes: number }[];
  /** The chosen GPU's memory, drawn as a line across the bar. */
  capacity: number;
  capacityLabel: string;
  names: Record<PeakSegment, string>;
  /** The whole bar in words, for screen readers. */
  label: string;
  format: (bytes: number) => string;
}

/** Memory per GPU at the peak as one horizontal stacked bar (plain CSS), scaled so the GPU line always shows. */
export function StackedBar({ segments, capacity, capacityLabel, names, label, format }: Props) {
  const total = segments.reduce((sum, s) => sum + s.bytes, 0);
  const scale = Math.max(total, capacity, 1);
  return (
    <figure class="ft-bar-figure">
      <div class="ft-bar" role="img" aria-label={label}>
        {segments.map((s) => (
          <span key={s.key} class={`ft-seg ft-seg-${s.key}`} style={{ width: `${(s.bytes / scale) * 100}%` }} />
        ))}
        <span class="ft-capacity" style={{ left: `${(capacity / scale) * 100}%` }} aria-hidden="true" />
      </div>
      <figcaption>
        <ul class="ft-legend">
          {segments.map((s) => (
            <li key={s.key}>
              <span class={`ft-swatch ft-seg-${s.key}`} aria-hidden="true" />
              {names[s.key]}: <output data-testid={`ft-bucket-${s.key}`}>{format(s.bytes)}</output>
            </li>
          ))}
          <li>
            <span class="ft-swatch ft-swatch-capacity" aria-hidden="true" />
            {capacityLabel}: {format(capacity)}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}
