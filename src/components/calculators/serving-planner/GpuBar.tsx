import type { BarSegment } from './view';

interface Props {
  id: string;
  segments: BarSegment[];
  capacity: number;
  names: Record<string, string>;
  format: (bytes: number) => string;
  spoken: (parts: string) => string;
}

/** One GPU's memory as a stacked bar, left to right in the order vLLM's profile subtracts it. */
export function GpuBar({ id, segments, capacity, names, format, spoken }: Props) {
  const shown = segments.filter((s) => s.bytes > 0);
  const parts = shown.map((s) => `${names[s.key]} ${format(s.bytes)}`).join(', ');
  return (
    <figure class="srv-bar-figure" id={id}>
      <div class="srv-bar" role="img" aria-label={spoken(parts)}>
        {shown.map((s) => (
          <span key={s.key} class={`srv-seg srv-seg-${s.key}`} style={{ width: `${Math.max(0, Math.min(100, (s.bytes / capacity) * 100))}%` }} />
        ))}
      </div>
      <ul class="srv-legend">
        {shown.map((s) => (
          <li key={s.key}>
            <span class={`srv-swatch srv-seg-${s.key}`} aria-hidden="true" />
            {names[s.key]}:{' '}
            <output data-segment={s.key} data-bytes={String(s.bytes)}>
              {format(s.bytes)}
            </output>
          </li>
        ))}
      </ul>
    </figure>
  );
}
