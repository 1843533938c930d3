/** What the token playground shows for a text, derived without the DOM. */
import { tokenPieces, type BpeEncoder, type TokenTextProblem } from '~/lib/text/token-pieces';
import type { TokenStrings } from './strings/en';
import type { ShownPiece } from './state';

/** Tokens drawn at most per vocabulary; the counts always cover the whole text. */
export const MAX_DRAWN_TOKENS = 2000;

/** Bytes as upper-case hex pairs, "E6 96 87". */
export const hexBytes = (bytes: ArrayLike<number>): string => Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');

/** The pieces of `text` under one vocabulary, as the island draws them, and how many there are in all. */
export function shownPieces(encoder: BpeEncoder, text: string, limit = MAX_DRAWN_TOKENS): { pieces: ShownPiece[]; count: number } {
  const pieces = tokenPieces(encoder, text);
  return {
    count: pieces.length,
    pieces: pieces.slice(0, limit).map((p) => ({ id: p.id, display: p.display, whole: p.whole, bytes: hexBytes(p.bytes) })),
  };
}

/** The warning under the text field for what cleaning the text changed. */
export function problemMessage(problems: readonly TokenTextProblem[], t: TokenStrings, maxLength: number): string {
  return problems.map((p) => (p === 'too-long' ? t.tooLong(maxLength) : p === 'control-characters' ? t.controls : t.surrogates)).join(' ');
}
