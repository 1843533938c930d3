/**
 * The decoding page's next-token distribution (src/components/figures/decoding/next-token.ts): a measured head,
 * gpt-4o-mini's top three first tokens for "My least favorite TV show is" from the OpenAI Cookbook notebook
 * "Using logprobs" (github.com/openai/openai-cookbook, examples/Using_logprobs.ipynb, section 3, executed outputs:
 * My −0.47896808 / 61.94%, one −1.7289681 / 17.75%, the −2.9789681 / 5.08%), and a modelled tail that must add up
 * to exactly what the head leaves.
 */
import { expect, test } from 'vitest';
import { entropyBits, keptTokens, samplingStages, softmax } from '~/lib';
import { HEAD, RESIDUAL, TAIL_EXPONENT, TAIL_TOKENS, VOCABULARY, nextTokenLogits, tailLogit, tailMass } from '~/components/figures/decoding/next-token';

const logits = nextTokenLogits();
const raw = softmax(logits);

test('the head is the published one, and at T = 1 it gets back exactly its published probabilities', () => {
  expect(HEAD.map((h) => h.token)).toEqual(['My', 'one', 'the']);
  // The notebook prints np.round(np.exp(logprob) * 100, 2).
  expect(HEAD.map((h) => Math.round(Math.exp(h.logprob) * 1e4) / 100)).toEqual([61.94, 17.75, 5.08]);
  HEAD.forEach((h, i) => expect(raw[i]).toBeCloseTo(Math.exp(h.logprob), 12));
});

test('the modelled tail sums exactly to the residual the head leaves (15.23%)', () => {
  expect(RESIDUAL).toBeCloseTo(0.15226502545, 10);
  expect(tailMass(raw)).toBeCloseTo(RESIDUAL, 12);
  // The logits are log-probabilities: their exponentials already sum to 1, so the softmax's denominator is 1.
  expect(logits.reduce((s, l) => s + Math.exp(l), 0)).toBeCloseTo(1, 12);
});

test('the tail covers o200k_base’s other ordinary tokens, falls with rank, and starts below the head', async () => {
  const ranks = (await import('gpt-tokenizer/bpeRanks/o200k_base')) as unknown as { default: readonly unknown[] };
  expect(VOCABULARY).toBe(ranks.default.length);
  expect(logits).toHaveLength(VOCABULARY);
  expect(TAIL_TOKENS).toBe(VOCABULARY - HEAD.length);
  expect(raw[HEAD.length]!).toBeLessThan(raw[HEAD.length - 1]!);
  const firstRise = raw.findIndex((p, i) => i > HEAD.length && p >= raw[i - 1]!);
  expect(firstRise).toBe(-1);
  // The power of rank is what the module says it is.
  expect(tailLogit(8) - tailLogit(4)).toBeCloseTo(-TAIL_EXPONENT * Math.log(2), 12);
  // The first modelled token sits about one more 1.25-nat step below "the" (the reason for the exponent).
  expect(Math.log(raw[HEAD.length]!)).toBeCloseTo(HEAD[2]!.logprob - 1.25, 1);
}, 60_000);

test('the worked numbers the page states follow from these logits', () => {
  const at = (o: Parameters<typeof samplingStages>[1]) => samplingStages(logits, o).final;
  // min-p 0.1 at T = 1: the threshold is 6.19%, so "the" (5.08%) goes and only two tokens stay.
  expect(keptTokens(at({ minP: 0.1 }))).toBe(2);
  // At T = 1.5 the tail holds most of the mass, and min-p brings it back to the three measured tokens.
  expect(tailMass(at({ temperature: 1.5 }))).toBeGreaterThan(0.5);
  expect(keptTokens(at({ temperature: 1.5, minP: 0.1 }))).toBe(3);
  // top-k 5 keeps the three measured tokens and two modelled ones.
  expect(keptTokens(at({ topK: 5 }))).toBe(5);
  // top-p 0.9 has to reach past the measured head (84.8%) into the tail.
  expect(keptTokens(at({ topP: 0.9 }))).toBeGreaterThan(HEAD.length);
  expect(entropyBits(at({ temperature: 0.7 }))).toBeLessThan(entropyBits(raw));
}, 60_000);

test('nextTokenLogits returns a fresh copy each call', () => {
  const a = nextTokenLogits();
  a[0] = 99;
  expect(nextTokenLogits()[0]).toBe(HEAD[0]!.logprob);
});
