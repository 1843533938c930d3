/**
 * Text → tokens → ids, shown honestly. Byte-level BPE vocabularies (GPT-2's r50k_base, cl100k_base,
 * o200k_base) work on UTF-8 bytes, so one Chinese character (three bytes) may be split across tokens;
 * such partial bytes are displayed as `<0xE6>` instead of a replacement character.
 */

/** What the core needs from a BPE vocabulary; `src/lib/bpe-vocabularies.ts` adapts gpt-tokenizer to it. */
export interface BpeEncoder {
  name: string;
  /** Entries in the vocabulary, special tokens included, as the tokenizer package reports it. */
  vocabularySize: number;
  encode(text: string): number[];
  /** The exact bytes a token id stands for. */
  tokenBytes(id: number): Uint8Array;
}

export interface TokenPiece {
  id: number;
  bytes: Uint8Array;
  /** The token's text, with bytes that are not whole UTF-8 characters shown as `<0xXX>`. */
  display: string;
  /** False when the token holds only part of a character. */
  whole: boolean;
}

/** Length of the UTF-8 sequence a lead byte starts, or 0 for a continuation or invalid byte. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

const hex = (b: number) => `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`;
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Shows a token's bytes: whole UTF-8 characters as text, anything else byte by byte.
 *
 * @example
 * displayTokenBytes(new Uint8Array([0xe6, 0xb3])) // => '<0xE6><0xB3>'
 * displayTokenBytes(new TextEncoder().encode(' 注意')) // => ' 注意'
 */
export function displayTokenBytes(bytes: Uint8Array): { display: string; whole: boolean } {
  let display = '';
  let whole = true;
  for (let i = 0; i < bytes.length;) {
    const length = sequenceLength(bytes[i]!);
    if (length > 0 && i + length <= bytes.length) {
      try {
        display += decoder.decode(bytes.subarray(i, i + length));
        i += length;
        continue;
      } catch {
        // Not a valid sequence after all (e.g. a surrogate code point): fall through to hex.
      }
    }
    display += hex(bytes[i]!);
    whole = false;
    i += 1;
  }
  return { display, whole };
}

/** Encodes `text` and describes every token. */
export function tokenPieces(encoder: BpeEncoder, text: string): TokenPiece[] {
  return encoder.encode(text).map((id) => {
    const bytes = encoder.tokenBytes(id);
    return { id, bytes, ...displayTokenBytes(bytes) };
  });
}

export interface TokenStats {
  tokens: number;
  /** Unicode code points (what a reader counts as characters; 注 is one, 😀 is one). */
  characters: number;
  utf8Bytes: number;
  /** Characters per token; 0 for empty text. */
  charactersPerToken: number;
}

export function tokenStats(text: string, tokenCount: number): TokenStats {
  const characters = [...text].length;
  return {
    tokens: tokenCount,
    characters,
    utf8Bytes: new TextEncoder().encode(text).length,
    charactersPerToken: tokenCount === 0 ? 0 : characters / tokenCount,
  };
}

/** Longest text the playground encodes at once, in UTF-16 code units: keeps every keystroke fast. */
export const MAX_TOKEN_TEXT = 20_000;

export type TokenTextProblem = 'too-long' | 'control-characters' | 'lone-surrogates';

/**
 * Makes pasted text safe to encode: cuts it at `MAX_TOKEN_TEXT`, removes control characters other than
 * tab and newline, and replaces lone surrogates (not valid Unicode) with U+FFFD. Says what it did.
 *
 * @example
 * cleanTokenText('a\u0000b') // => { text: 'ab', problems: ['control-characters'] }
 */
export function cleanTokenText(input: string): { text: string; problems: TokenTextProblem[] } {
  const problems: TokenTextProblem[] = [];
  let text = input;
  if (text.length > MAX_TOKEN_TEXT) {
    text = text.slice(0, MAX_TOKEN_TEXT);
    // Do not leave half of a surrogate pair at the cut.
    if (/[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
    problems.push('too-long');
  }
  // Control characters other than tab and newline are exactly what this removes.
  // eslint-disable-next-line no-control-regex
  const withoutControls = text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '');
  if (withoutControls !== text) problems.push('control-characters');
  text = withoutControls;
  const wellFormed = text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  if (wellFormed !== text) problems.push('lone-surrogates');
  return { text: wellFormed, problems };
}
