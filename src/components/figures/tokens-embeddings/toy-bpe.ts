/**
 * A toy BPE training run, step by step (Sennrich et al. 2016, Algorithm 1): split every word into characters
 * plus an end-of-word marker, count adjacent symbol pairs weighted by word frequency, merge the most frequent
 * pair everywhere, repeat. Ties go to the pair seen first when scanning the words in order, as in the paper's
 * Python listing (max over a dict in insertion order).
 *
 * @example
 * bpeMerges({ low: 5, lower: 2, newest: 6, widest: 3 }, 3).map((s) => s.pair.join(' + '))
 * // => ['e + s', 'es + t', 'est + </w>']
 */
export const END_OF_WORD = '</w>';

export interface BpeStep {
  /** 1-based merge number. */
  step: number;
  /** The pair merged at this step and its weighted count before the merge. */
  pair: [string, string];
  count: number;
  /** Every word's symbols after this merge, in corpus order. */
  words: { word: string; frequency: number; symbols: string[] }[];
}

export function bpeMerges(corpus: Record<string, number>, merges: number): BpeStep[] {
  let words = Object.entries(corpus).map(([word, frequency]) => ({ word, frequency, symbols: [...word, END_OF_WORD] }));
  const steps: BpeStep[] = [];
  for (let step = 1; step <= merges; step++) {
    const counts = new Map<string, { pair: [string, string]; count: number }>();
    for (const w of words) {
      for (let i = 0; i + 1 < w.symbols.length; i++) {
        const pair: [string, string] = [w.symbols[i]!, w.symbols[i + 1]!];
        const key = pair.join('\u0000');
        const entry = counts.get(key) ?? { pair, count: 0 };
        entry.count += w.frequency;
        counts.set(key, entry);
      }
    }
    let best: { pair: [string, string]; count: number } | undefined;
    for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
    if (!best) break; // every word is a single symbol: nothing left to merge
    const [a, b] = best.pair;
    words = words.map((w) => {
      const symbols: string[] = [];
      for (let i = 0; i < w.symbols.length; i++) {
        if (i + 1 < w.symbols.length && w.symbols[i] === a && w.symbols[i + 1] === b) {
          symbols.push(a + b);
          i++;
        } else symbols.push(w.symbols[i]!);
      }
      return { ...w, symbols };
    });
    steps.push({ step, pair: best.pair, count: best.count, words });
  }
  return steps;
}

/** The corpus of Sennrich et al. (2016), Algorithm 1: word → frequency. */
export const SENNRICH_CORPUS: Record<string, number> = { low: 5, lower: 2, newest: 6, widest: 3 };
