/**
 * What the table and the canvas share: a row said in words (with the part it belongs to for encoder–decoder
 * and GLM), the keys that move between rows, and the props a mask grid takes.
 */
import { visibleRanges, type AttentionMask } from '~/lib/masks/attention-mask';
import type { MaskSpecKind } from '~/lib/masks/mask-spec';
import type { MaskStrings } from './strings/en';

function rangesText(ranges: [number, number][], none: string): string {
  if (ranges.length === 0) return none;
  return ranges.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(', ');
}

/** Ranges clipped to [from, to). */
function clip(ranges: [number, number][], from: number, to: number): [number, number][] {
  return ranges.flatMap(([a, b]): [number, number][] => (b < from || a >= to ? [] : [[Math.max(a, from), Math.min(b, to - 1)]]));
}

/** What row q sees, in words; encoder–decoder and GLM rows also say which part they belong to. */
export function describeRow(mask: AttentionMask, kind: MaskSpecKind, split: number, tokens: string[], q: number, t: MaskStrings): string {
  const token = tokens[q] ?? `t${q}`;
  const ranges = visibleRanges(mask, q);
  if (kind === 'encoder-decoder' || kind === 'glm') {
    const roles = kind === 'encoder-decoder' ? t.encDecRoles : t.glmRoles;
    const first = rangesText(clip(ranges, 0, split), t.none);
    const second = rangesText(clip(ranges, split, mask.length), t.none);
    return t.rowSeesParts(q < split ? roles[0] : roles[1], q, token, roles[0], first, roles[1], second);
  }
  return t.rowSees(q, token, rangesText(ranges, t.none));
}

export interface GridProps {
  mask: AttentionMask;
  kind: MaskSpecKind;
  /** First token after the prefix / Part A / encoder, where a block boundary is drawn; null for none. */
  split: number | null;
  tokens: string[];
  label: string;
  t: MaskStrings;
  loss: Uint8Array | null;
  highlight: [number, number] | null;
  id: string;
}

export const ROW_KEYS: Record<string, (q: number, n: number) => number> = {
  ArrowDown: (q, n) => Math.min(n - 1, q + 1),
  ArrowUp: (q) => Math.max(0, q - 1),
  PageDown: (q, n) => Math.min(n - 1, q + Math.max(1, Math.round(n / 8))),
  PageUp: (q, n) => Math.max(0, q - Math.max(1, Math.round(n / 8))),
  Home: () => 0,
  End: (_, n) => n - 1,
};
