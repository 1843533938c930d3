import { receptiveFieldStart } from '~/lib/masks/attention-mask';
import type { MaskStrings } from './strings/en';

/** Most layer rows the receptive-field view lists. */
const MAX_FIELD_ROWS = 12;

/** Layer by layer, which tokens can influence the last one under a sliding window (Mistral 7B, Fig. 1). */
export function ReceptiveField({ tokens, window, layers, t }: { tokens: string[]; window: number; layers: number; t: MaskStrings }) {
  const n = tokens.length;
  const last = n - 1;
  // Rows up to the first layer that reaches the first token (or the layer count, or the cap).
  const covering = window > 1 ? Math.ceil(last / (window - 1)) : Infinity;
  const rows = Math.max(1, Math.min(layers, MAX_FIELD_ROWS, covering));
  return (
    <div class="mask-field">
      <p>{t.fieldHeading(last, tokens[last] ?? `t${last}`)}</p>
      <ol class="mask-field-rows">
        {Array.from({ length: rows }, (_, i) => {
          const layer = i + 1;
          const start = receptiveFieldStart(last, layer, window);
          return (
            <li key={layer} data-layer={layer}>
              <span class="mask-field-label">{t.fieldRow(layer, start === last ? `${last}` : `${start}–${last}`)}</span>
              <span class="mask-field-track" aria-hidden="true">
                <span class="mask-field-bar" style={{ left: `${(start / n) * 100}%`, width: `${((n - start) / n) * 100}%` }} />
              </span>
            </li>
          );
        })}
      </ol>
      {rows < layers && <p class="calc-field-hint">{t.fieldMore(rows, layers)}</p>}
    </div>
  );
}
