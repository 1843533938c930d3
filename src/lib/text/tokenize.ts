/**
 * Word tokens for sparse retrieval, in Chinese and English alike: `Intl.Segmenter` at 'word' granularity
 * (ICU's dictionary segmentation for Han text, Unicode word boundaries elsewhere), word-like segments only,
 * NFKC-normalised and lower-cased, optionally without stop words.
 *
 * Segmentation comes from the ICU data of the JavaScript engine, so Node (which builds the corpus index) and
 * a browser may split a rare Chinese word differently; common words segment the same.
 */
import { wordSegmenter } from './word-segmenter';
import { OptionError } from '../errors';

/** Longest text tokenized in one go (characters). Longer text is refused with a message, never truncated silently. */
export const MAX_TEXT_CHARS = 10_000;

/** A small list of function words; enough to show the effect of removing them, not a linguistic resource. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // English
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'by',
  'for',
  'from',
  'has',
  'have',
  'in',
  'is',
  'it',
  'its',
  'of',
  'on',
  'or',
  'that',
  'the',
  'this',
  'to',
  'was',
  'were',
  'which',
  'with',
  'we',
  'you',
  'they',
  'not',
  'but',
  'can',
  'if',
  'so',
  'than',
  'then',
  'there',
  'these',
  'those',
  'into',
  'also',
  'each',
  'only',
  // Chinese
  '的',
  '了',
  '是',
  '在',
  '和',
  '与',
  '也',
  '就',
  '都',
  '而',
  '及',
  '或',
  '这',
  '那',
  '这个',
  '那个',
  '我们',
  '你',
  '他',
  '它',
  '之',
  '为',
  '对',
  '把',
  '被',
  '从',
  '到',
  '中',
  '上',
  '下',
  '不',
  '有',
  '等',
  '一个',
  '可以',
  '以',
  '其',
  '并',
  '但',
  '如果',
  '因为',
  '所以',
  '还',
  '又',
  '即',
  '会',
  '要',
  '个',
  '让',
  '时',
  '来',
]);

export interface TokenizeOptions {
  /** Drop the words in `STOP_WORDS`. Default false. */
  removeStopWords?: boolean;
  /** Locale handed to the segmenter. Default 'zh' (ICU segments Han text with its dictionary for every locale). */
  locale?: string;
}

/** Text over the cap: `field` 'text', reason 'too-long', `got` and `length` the text's length, `limit` the cap. */
export class TextTooLongError extends OptionError {
  override name = 'TextTooLongError';
  constructor(
    readonly length: number,
    limit = MAX_TEXT_CHARS,
  ) {
    super('text', 'too-long', length, limit, `text of ${length} characters is longer than the cap of ${limit}`);
  }
}

/**
 * @example tokenize('Sparse vectors, sparse!') // => ['sparse', 'vectors', 'sparse']
 * @example tokenize('稀疏向量') // => ['稀疏', '向量']
 */
export function tokenize(text: string, options: TokenizeOptions = {}, maxChars = MAX_TEXT_CHARS): string[] {
  if (text.length > maxChars) throw new TextTooLongError(text.length, maxChars);
  const { removeStopWords = false, locale = 'zh' } = options;
  const tokens: string[] = [];
  for (const part of wordSegmenter(locale).segment(text.normalize('NFKC'))) {
    if (!part.isWordLike) continue;
    const token = part.segment.toLowerCase();
    if (removeStopWords && STOP_WORDS.has(token)) continue;
    tokens.push(token);
  }
  return tokens;
}

/** Occurrences of each token, in order of first appearance. */
export function countTerms(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}
