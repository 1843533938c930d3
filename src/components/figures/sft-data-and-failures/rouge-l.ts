/**
 * ROUGE-L as Self-Instruct's near-duplicate filter uses it (Wang et al. 2023, §2.2: keep a new instruction only if
 * its ROUGE-L with every kept one is below 0.7): the longest common subsequence of two token sequences, turned into
 * precision, recall and their harmonic mean, as google-research's rouge_score computes it.
 *
 * rouge_score's default tokenizer (rouge/tokenize.py) lowercases the text and keeps only runs of [a-z0-9]: a Chinese
 * instruction has no tokens at all under it, so it scores 0 against everything and the filter keeps every duplicate.
 * Chinese needs its own tokens, here one per character.
 *
 * @example
 * rougeL('Write a short poem about the sea.', 'Write a short story about the sea.', rougeScoreTokens).f // => 6/7
 */
export type Tokenizer = (text: string) => string[];

/** rouge_score's default tokenizer: lowercase, then the runs of ASCII letters and digits. */
export const rougeScoreTokens: Tokenizer = (text) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/** One token per Han character (or letter/digit); punctuation and spaces dropped. */
export const characterTokens: Tokenizer = (text) => [...text].filter((ch) => /[\p{L}\p{N}]/u.test(ch));

/** Length of the longest common subsequence, by the usual dynamic programme. */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) row[j] = x === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
    prev = row;
  }
  return prev[b.length]!;
}

export interface RougeL {
  candidate: string[];
  reference: string[];
  lcs: number;
  precision: number;
  recall: number;
  /** Harmonic mean of precision and recall (rouge_score's fmeasure); 0 when either side has no tokens. */
  f: number;
}

export function rougeL(candidate: string, reference: string, tokenize: Tokenizer): RougeL {
  const c = tokenize(candidate);
  const r = tokenize(reference);
  const lcs = lcsLength(c, r);
  const precision = c.length ? lcs / c.length : 0;
  const recall = r.length ? lcs / r.length : 0;
  const f = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { candidate: c, reference: r, lcs, precision, recall, f };
}

/** Self-Instruct's threshold: a new instruction is kept only below this ROUGE-L against every kept one. */
export const SELF_INSTRUCT_ROUGE_L = 0.7;
