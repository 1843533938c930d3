import { expect, test } from 'vitest';
import fc from 'fast-check';
import { bpeMerges, SENNRICH_CORPUS, END_OF_WORD } from '~/components/figures/tokens-embeddings/toy-bpe';

test('the first merges on Sennrich et al.’s corpus: es, est, est</w>, lo, low (Algorithm 1)', () => {
  const steps = bpeMerges(SENNRICH_CORPUS, 5);
  expect(steps.map((s) => [s.pair.join(' + '), s.count])).toEqual([
    ['e + s', 9],
    ['es + t', 9],
    [`est + ${END_OF_WORD}`, 9],
    ['l + o', 7],
    ['lo + w', 7],
  ]);
  expect(steps[4]!.words.find((w) => w.word === 'newest')!.symbols).toEqual(['n', 'e', 'w', `est${END_OF_WORD}`]);
});

test('merging never changes the text, only how it is cut (property)', () => {
  fc.assert(
    fc.property(
      fc.dictionary(fc.stringMatching(/^[a-d]{1,6}$/), fc.integer({ min: 1, max: 9 }), { minKeys: 1, maxKeys: 5 }),
      fc.integer({ min: 1, max: 12 }),
      (corpus, n) => {
        for (const step of bpeMerges(corpus, n)) {
          for (const w of step.words) expect(w.symbols.join('')).toBe(w.word + END_OF_WORD);
        }
      },
    ),
  );
});

test('each step merges a pair whose count is the highest available (counts never increase)', () => {
  const counts = bpeMerges(SENNRICH_CORPUS, 10).map((s) => s.count);
  for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]!);
});

test('stops early when nothing is left to merge', () => {
  expect(bpeMerges({ ab: 1 }, 10)).toHaveLength(2);
});
