/** What the token playground shows for a text, derived without the DOM. */
import { tokenPieces, type BpeEncoder, type TokenTextProblem } from '~/lib/text/token-pieces';
import type { TokenStrings } from './strings/en';
import { VOCABULARY_NAMES } from '~/lib/text/bpe-vocabularies';
import type { Lang } from '~/components/calculators/shared/locale';
import type { ShownPiece, TokenVocabulary, VocabChoice } from './state';

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

/** Bytes per token of a text; 0 for no tokens. */
export const bytesPerToken = (utf8Bytes: number, tokens: number): number => (tokens === 0 ? 0 : utf8Bytes / tokens);

/** The vocabularies drawn for a choice: OpenAI's three for 'all', else the first and the comparison if different. */
export function shownVocabularies(vocab: VocabChoice, vs: 'none' | TokenVocabulary): TokenVocabulary[] {
  if (vocab === 'all') return [...VOCABULARY_NAMES];
  return vs !== 'none' && vs !== vocab ? [vocab, vs] : [vocab];
}

/** The KV-cache calculator with its context length set to `tokens`, in the reader's language (root-relative; the island adds the base). */
export function kvCacheLink(lang: Lang, tokens: number): string {
  return `${lang === 'en' ? '/en' : ''}/calculators/kv-cache/?kv.seq=${Math.max(1, Math.round(tokens))}#kv-cache-calculator`;
}
