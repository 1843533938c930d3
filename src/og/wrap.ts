/** Advance width in pixels of a run of text, for one font, size and weight. */
export type MeasureText = (text: string) => number;

export interface WrapOptions {
  /** Widest a line may be, in pixels. */
  maxWidth: number;
  /** Most lines to return; when the text needs more, the last one is cut and ends with an ellipsis. */
  maxLines: number;
  measure: MeasureText;
  /**
   * How to share the text between lines, never adding one. `'even'` (for titles): the narrowest width that
   * keeps the same number of lines, so lines come out about equal. `'pretty'` (for paragraphs): fill each
   * line, but narrow the lines a little when that saves a last line holding a single word.
   * Default: fill each line.
   */
  balance?: 'even' | 'pretty';
  /**
   * Where Chinese may break: between any two characters (default), or only between words as the
   * platform's dictionary segmenter (ICU, `Intl.Segmenter`) finds them, for titles that read as phrases.
   */
  cjkBreaks?: 'character' | 'word';
}

export interface WrappedText {
  lines: string[];
  /** True when the text did not fit in `maxLines`: the last line ends with `ELLIPSIS`. */
  clamped: boolean;
}

export const ELLIPSIS = '…';

/**
 * Characters a line must not start with (closing brackets and the punctuation that follows a word), after
 * the line-start and line-end prohibition rules of Chinese typesetting (W3C, Requirements for Chinese Text
 * Layout, https://www.w3.org/TR/clreq/), plus the hyphen and dashes.
 */
const NO_LINE_START = new Set([...'、。，．：；？！）」』】〕〗〙〛〉》”’…‥·・ー々〻ゝゞ％‰℃）］｝〞,.;:?!)]}%-‐–—']);
/** Characters a line must not end with: opening brackets and quotes. */
const NO_LINE_END = new Set([...'（「『【〔〖〘〚〈《“‘〝（［｛([{']);

/**
 * Ideographs, kana, Hangul and full-width forms: text that may break between any two characters.
 * Latin, digits and other scripts break only at spaces.
 */
const BREAKS_ANYWHERE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u2E80-\u2FFF\u3000-\u303F\u3200-\u33FF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const graphemes = (text: string) => [...graphemeSegmenter.segment(text)].map((s) => s.segment);

/** Whether a line may break between two adjacent non-space characters. */
function canBreakBetween(before: string, after: string): boolean {
  if (NO_LINE_START.has(after) || NO_LINE_END.has(before)) return false;
  return BREAKS_ANYWHERE.test(before) || BREAKS_ANYWHERE.test(after);
}

/** A piece of text no line break may fall inside, and the spaces that follow it. */
interface Unit {
  text: string;
  space: string;
}

/**
 * Splits text at its break opportunities: at spaces, and between two characters where either is CJK,
 * unless that would start a line with closing punctuation or end one with an opening bracket.
 */
function units(text: string, cjkBreaks: 'character' | 'word'): Unit[] {
  const out: Unit[] = [];
  for (const match of text.trim().matchAll(/(\S+)(\s*)/g)) {
    const word = match[1]!;
    const chars = graphemes(word);
    // String offsets where the dictionary segmenter starts a word; only used for cjkBreaks: 'word'.
    const wordStarts = cjkBreaks === 'word' ? new Set([...wordSegmenter.segment(word)].map((s) => s.index)) : undefined;
    let piece = chars[0]!;
    let offset = piece.length;
    for (let i = 1; i < chars.length; i++) {
      if (canBreakBetween(chars[i - 1]!, chars[i]!) && (!wordStarts || wordStarts.has(offset))) {
        out.push({ text: piece, space: '' });
        piece = '';
      }
      piece += chars[i];
      offset += chars[i]!.length;
    }
    // Any run of white space reads as one space on a card.
    out.push({ text: piece, space: match[2] ? ' ' : '' });
  }
  return out;
}

const join = (line: Unit[]) => line.map((u, i) => u.text + (i < line.length - 1 ? u.space : '')).join('');

/**
 * Splits a word too long for any line, adding a hyphen where a Latin word is cut. Only called when the word
 * cannot fit a line on its own, so ordinary words are never split.
 */
function breakLongWord(word: string, maxWidth: number, measure: MeasureText): string[] {
  const chars = graphemes(word);
  const pieces: string[] = [];
  let start = 0;
  while (start < chars.length) {
    const rest = chars.slice(start).join('');
    if (measure(rest) <= maxWidth) {
      pieces.push(rest);
      break;
    }
    let end = start;
    const withMark = (to: number) => {
      const head = chars.slice(start, to).join('');
      return BREAKS_ANYWHERE.test(chars[to - 1]!) || BREAKS_ANYWHERE.test(chars[to] ?? '') ? head : `${head}-`;
    };
    while (end + 1 < chars.length && measure(withMark(end + 1)) <= maxWidth) end++;
    // Keep the line-start and line-end rules where the line allows it.
    while (end > start + 1 && (NO_LINE_START.has(chars[end]!) || NO_LINE_END.has(chars[end - 1]!))) end--;
    if (end === start) throw new RangeError(`maxWidth: ${maxWidth}px is narrower than the character "${chars[start]}"`);
    pieces.push(withMark(end));
    start = end;
  }
  return pieces;
}

/** Fills lines greedily: each line takes as many units as fit. */
function fill(all: Unit[], maxWidth: number, measure: MeasureText): Unit[][] {
  const lines: Unit[][] = [];
  let line: Unit[] = [];
  for (const unit of all) {
    if (measure(join([...line, unit])) <= maxWidth) {
      line.push(unit);
      continue;
    }
    if (line.length > 0) lines.push(line);
    line = [unit];
    if (measure(unit.text) > maxWidth) {
      const pieces = breakLongWord(unit.text, maxWidth, measure);
      for (const piece of pieces.slice(0, -1)) lines.push([{ text: piece, space: '' }]);
      line = [{ text: pieces.at(-1)!, space: unit.space }];
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/** Punctuation that reads wrong just before an ellipsis (a comma, a dash, an opening bracket). */
const BEFORE_ELLIPSIS = /[\s,;:，、；：。·•—–\-（「『【《“‘([{]+$/u;

/** The last visible line of clamped text: as much of it as fits with the ellipsis, cut at a break opportunity. */
function withEllipsis(line: Unit[], maxWidth: number, measure: MeasureText): string {
  const kept = [...line];
  while (kept.length > 0) {
    const text = join(kept).replace(BEFORE_ELLIPSIS, '');
    if (text && measure(text + ELLIPSIS) <= maxWidth) return text + ELLIPSIS;
    kept.pop();
  }
  // One unit wider than the line minus the ellipsis: cut it by character.
  const chars = graphemes(line[0]!.text);
  for (let end = chars.length - 1; end > 0; end--) {
    const text = chars.slice(0, end).join('').replace(BEFORE_ELLIPSIS, '');
    if (text && measure(text + ELLIPSIS) <= maxWidth) return text + ELLIPSIS;
  }
  return ELLIPSIS;
}

/**
 * Wraps text into at most `maxLines` lines no wider than `maxWidth` pixels, as measured by `measure`.
 * Latin words are never split (a single word wider than a whole line is the one exception, hyphenated);
 * Chinese breaks between any two characters, except that a line never starts with closing punctuation
 * or ends with an opening bracket. Text that needs more lines is cut at a break opportunity and ends
 * with an ellipsis.
 *
 * @example
 * const measure = (text: string) => text.length * 10; // a 10 px monospace, for the example
 * wrapText('Why are most LLMs decoder-only?', { maxWidth: 200, maxLines: 2, measure })
 * // => { lines: ['Why are most LLMs', 'decoder-only?'], clamped: false }
 * wrapText('Why are most LLMs decoder-only?', { maxWidth: 200, maxLines: 1, measure })
 * // => { lines: ['Why are most LLMs…'], clamped: true }
 */
export function wrapText(text: string, { maxWidth, maxLines, measure, balance, cjkBreaks = 'character' }: WrapOptions): WrappedText {
  if (!(maxLines >= 1)) throw new RangeError(`maxLines: must be at least 1, got ${maxLines}`);
  const all = units(text, cjkBreaks);
  if (all.length === 0) return { lines: [], clamped: false };
  let lines = fill(all, maxWidth, measure);
  if (lines.length > maxLines) {
    const shown = lines.slice(0, maxLines - 1).map(join);
    return { lines: [...shown, withEllipsis(lines[maxLines - 1]!, maxWidth, measure)], clamped: true };
  }
  const widestUnit = balance && lines.length > 1 ? Math.max(...all.map((u) => measure(u.text))) : Infinity;
  if (widestUnit <= maxWidth) {
    const count = lines.length;
    if (balance === 'even') {
      // Never narrower than the widest word, so balancing cannot split a word that fits a full line.
      let low = Math.ceil(widestUnit) - 1;
      let high = maxWidth;
      while (high - low > 1) {
        const mid = Math.floor((low + high) / 2);
        if (fill(all, mid, measure).length <= count) high = mid;
        else low = mid;
      }
      lines = fill(all, high, measure);
    } else if (lines.at(-1)!.length === 1) {
      // Give up to a tenth of the width, in small steps, for a last line of two words or more.
      for (let width = maxWidth - 8; width >= maxWidth * 0.9; width -= 8) {
        const narrower = fill(all, width, measure);
        if (narrower.length > count) break;
        if (narrower.at(-1)!.length > 1) {
          lines = narrower;
          break;
        }
      }
    }
  }
  return { lines: lines.map(join), clamped: false };
}
