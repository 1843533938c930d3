import { useMemo } from 'preact/hooks';
import { maskSpecToPython } from '~/lib/masks/mask-python';
import type { MaskSpec } from '~/lib/masks/mask-spec';
import type { MaskStrings } from './strings/en';

/**
 * The left mask as PyTorch and FlexAttention code, in a closed disclosure: a secondary panel (loaded after
 * start-up through Deferred), since most readers never open it. Nothing is shown while the mask has no valid spec.
 */
export function MaskExport({ spec, label, t }: { spec: MaskSpec | null; label: string; t: MaskStrings }) {
  // The island re-renders on every decoding step; the code changes only with the spec.
  const python = useMemo(() => (spec ? maskSpecToPython(spec) : null), [spec]);
  if (!python) return null;
  return (
    <details class="mask-export">
      <summary>{t.exportHeading(label)}</summary>
      <pre>
        <code>{`import torch\n${python.tensor}\n\n# FlexAttention\n${python.maskMod}`}</code>
      </pre>
    </details>
  );
}
