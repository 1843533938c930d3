import type { FineTuneBytes } from '~/lib/memory/finetune-memory';

export const BUCKETS = ['weights', 'gradients', 'optimizer', 'activations'] as const;
/** Terms that exist only for some settings (ZeRO-3, preference training); drawn and listed only when non-zero. */
export const EXTRA_BUCKETS = ['zeroBuffer', 'reference', 'reward', 'critic', 'criticActivations', 'rolloutKvCache'] as const;
type Bucket = (typeof BUCKETS)[number] | (typeof EXTRA_BUCKETS)[number];

/** The buckets a result shows: the four classic ones always, the others when they hold bytes. */
export function shownBuckets(bytes: FineTuneBytes): Bucket[] {
  return [...BUCKETS, ...EXTRA_BUCKETS.filter((b) => bytes[b] > 0)];
}

interface Props {
  bytes: FineTuneBytes;
  /** The chosen GPU's memory, drawn as a line across the bar. */
  capacity: number;
  capacityLabel: string;
  names: Record<Bucket, string>;
  /** The whole bar in words, for screen readers. */
  label: string;
  format: (bytes: number) => string;
}

/** Memory per GPU as one horizontal stacked bar (plain CSS), scaled so the GPU line always shows. */
export function StackedBar({ bytes, capacity, capacityLabel, names, label, format }: Props) {
  const scale = Math.max(bytes.total, capacity, 1);
  const shown = shownBuckets(bytes);
  return (
    <figure class="ft-bar-figure">
      <div class="ft-bar" role="img" aria-label={label}>
        {shown.map((b) => (
          <span key={b} class={`ft-seg ft-seg-${b}`} style={{ width: `${(bytes[b] / scale) * 100}%` }} />
        ))}
        <span class="ft-capacity" style={{ left: `${(capacity / scale) * 100}%` }} aria-hidden="true" />
      </div>
      <figcaption>
        <ul class="ft-legend">
          {shown.map((b) => (
            <li key={b}>
              <span class={`ft-swatch ft-seg-${b}`} aria-hidden="true" />
              {names[b]}: <output data-testid={`ft-bucket-${b}`}>{format(bytes[b])}</output>
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
