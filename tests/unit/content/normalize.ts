/**
 * The normalization behind the no-verbatim check, shared with scripts/notes-fingerprints.mjs (keep the two in
 * step): Unicode NFKC (the notes use Kangxi radical look-alikes such as ⼤ for 大), lowercase, then keep only
 * letters and digits, so punctuation, spaces and line breaks cannot hide a copied run.
 */
import { createHash } from 'node:crypto';

export function normalizeForOverlap(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** The fingerprint of one window: sha256, first 12 hex digits (as in the committed fingerprint file). */
export function fingerprint(window: string): string {
  return createHash('sha256').update(window).digest('hex').slice(0, 12);
}
