import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { characterTokens, lcsLength, rougeL, rougeScoreTokens, SELF_INSTRUCT_ROUGE_L } from '~/components/figures/sft-data-and-failures/rouge-l';

describe('ROUGE-L as Self-Instruct filters with it', () => {
  test('one word swapped in seven: LCS 6, F = 6/7, over the 0.7 threshold (dropped)', () => {
    const r = rougeL('Write a short poem about the sea.', 'Write a short story about the sea.', rougeScoreTokens);
    expect(r.candidate).toEqual(['write', 'a', 'short', 'poem', 'about', 'the', 'sea']);
    expect(r.lcs).toBe(6);
    expect(r.f).toBeCloseTo(6 / 7, 12);
    expect(r.f).toBeGreaterThanOrEqual(SELF_INSTRUCT_ROUGE_L);
  });

  test('an unrelated instruction shares one word and is kept', () => {
    const r = rougeL('Give three uses of a paperclip.', 'Write a short story about the sea.', rougeScoreTokens);
    expect(r.lcs).toBe(1);
    expect(r.f).toBeCloseTo((2 * (1 / 6) * (1 / 7)) / (1 / 6 + 1 / 7), 12);
  });

  test("rouge_score's default tokenizer sees no tokens in Chinese, so near-duplicates score 0", () => {
    const r = rougeL('写一首关于大海的短诗', '写一个关于大海的短故事', rougeScoreTokens);
    expect(r.candidate).toEqual([]);
    expect(r.f).toBe(0);
  });

  test('per-character tokens catch the Chinese near-duplicate: LCS 8, P 8/10, R 8/11', () => {
    const r = rougeL('写一首关于大海的短诗', '写一个关于大海的短故事', characterTokens);
    expect(r.lcs).toBe(8);
    expect(r.precision).toBeCloseTo(0.8, 12);
    expect(r.recall).toBeCloseTo(8 / 11, 12);
    expect(r.f).toBeGreaterThanOrEqual(SELF_INSTRUCT_ROUGE_L);
  });

  test('LCS is symmetric and bounded by the shorter sequence', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c')), fc.array(fc.constantFrom('a', 'b', 'c')), (a, b) => {
        const l = lcsLength(a, b);
        return l === lcsLength(b, a) && l <= Math.min(a.length, b.length) && l >= 0;
      }),
    );
  });
});
