/**
 * The sampling pipeline (src/lib/text/sampling.ts) against the definitions it cites: softmax, temperature, top-k
 * (transformers' TopKLogitsWarper keeps ties), top-p (Holtzman et al. 2020 §3.1), min-p (Nguyen et al. 2024), the
 * repetition penalty as transformers and vLLM apply it, and OpenAI's presence/frequency penalties as vLLM's
 * `apply_penalties` computes them.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  applyPenalties,
  entropyBits,
  greedyToken,
  keptTokens,
  minPFilter,
  nextTokenDistribution,
  OptionError,
  samplingStages,
  SamplingOptionError,
  softmax,
  topKFilter,
  topPFilter,
} from '~/lib';

const logitList = fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 1, maxLength: 60 });
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('softmax', () => {
  test('a worked example: softmax(2, 1, 0) = e^2, e, 1 over their sum', () => {
    const z = Math.E ** 2 + Math.E + 1;
    const p = softmax([2, 1, 0]);
    expect(p[0]).toBeCloseTo(Math.E ** 2 / z, 15);
    expect(p[1]).toBeCloseTo(Math.E / z, 15);
    expect(p[2]).toBeCloseTo(1 / z, 15);
  });

  test('probabilities are non-negative and sum to 1 at any temperature', () => {
    fc.assert(
      fc.property(logitList, fc.double({ min: 0.01, max: 100, noNaN: true }), (logits, t) => {
        const p = softmax(logits, t);
        expect(p.every((q) => q >= 0 && Number.isFinite(q))).toBe(true);
        expect(sum(p)).toBeCloseTo(1, 12);
      }),
    );
  });

  test('adding a constant to every logit changes nothing', () => {
    fc.assert(
      fc.property(logitList, fc.double({ min: -1e3, max: 1e3, noNaN: true }), (logits, c) => {
        const a = softmax(logits);
        const b = softmax(logits.map((l) => l + c));
        a.forEach((q, i) => expect(b[i]).toBeCloseTo(q, 9));
      }),
    );
  });

  test('stable at extreme logits: 1e300 and −1e300 give a distribution, not NaN', () => {
    expect(softmax([1e300, 0, -1e300])).toEqual([1, 0, 0]);
    expect(softmax([1e308, 1e308])).toEqual([0.5, 0.5]);
  });

  test('a masked token (−∞) gets exactly 0', () => {
    expect(softmax([0, -Infinity, 0])).toEqual([0.5, 0, 0.5]);
  });

  test('higher temperature never lowers the entropy nor raises the top probability', () => {
    fc.assert(
      fc.property(logitList, fc.double({ min: 0.05, max: 10, noNaN: true }), fc.double({ min: 1.01, max: 5, noNaN: true }), (logits, t, factor) => {
        const cold = softmax(logits, t);
        const hot = softmax(logits, t * factor);
        expect(entropyBits(hot)).toBeGreaterThanOrEqual(entropyBits(cold) - 1e-9);
        expect(Math.max(...hot)).toBeLessThanOrEqual(Math.max(...cold) + 1e-12);
      }),
    );
  });

  test('as the temperature goes to 0 the mass goes to the argmax', () => {
    const p = softmax([1, 3, 2.9], 0.001);
    expect(p[1]).toBeGreaterThan(0.999999);
    expect(greedyToken([1, 3, 2.9])).toBe(1);
  });

  test('refuses NaN, +∞, an empty list, all −∞ and a non-positive temperature, naming the field', () => {
    expect(() => softmax([0, Number.NaN])).toThrow(SamplingOptionError);
    expect(() => softmax([0, Infinity])).toThrow(/logits\[1\]/);
    expect(() => softmax([])).toThrow(OptionError);
    expect(() => softmax([-Infinity, -Infinity])).toThrow(/finite/);
    expect(() => softmax([1, 2], 0)).toThrow(/temperature/);
    expect(() => softmax([1, 2], -1)).toThrow(/temperature/);
    expect(() => softmax('abc' as unknown as number[])).toThrow(SamplingOptionError);
  });
});

describe('top-k, top-p, min-p', () => {
  test('top-k keeps the k most likely and keeps their ratios', () => {
    fc.assert(
      fc.property(logitList, fc.integer({ min: 1, max: 10 }), (logits, k) => {
        const p = softmax(logits);
        const f = topKFilter(p, k);
        expect(sum(f)).toBeCloseTo(1, 12);
        const kept = f.map((q, i) => (q > 0 ? i : -1)).filter((i) => i >= 0);
        expect(kept.length).toBeGreaterThanOrEqual(Math.min(k, p.filter((q) => q > 0).length));
        const kth = [...p].sort((a, b) => b - a)[Math.min(k, p.length) - 1]!;
        // Everything dropped is strictly less likely than the k-th; more than k kept only through ties.
        p.forEach((q, i) => (f[i] === 0 ? expect(q).toBeLessThan(kth) : expect(q).toBeGreaterThanOrEqual(kth)));
        // Ratios span e^60, so compare them relatively: their quotient is 1 to 9 digits.
        if (kept.length >= 2) expect(f[kept[0]!]! / f[kept[1]!]! / (p[kept[0]!]! / p[kept[1]!]!)).toBeCloseTo(1, 9);
      }),
    );
  });

  test('top-k keeps tokens tied with the k-th, as transformers and vLLM do', () => {
    expect(keptTokens(topKFilter([0.4, 0.2, 0.2, 0.2], 2))).toBe(4);
  });

  test('top-p keeps the smallest head whose mass reaches p', () => {
    fc.assert(
      fc.property(logitList, fc.double({ min: 0.05, max: 0.99, noNaN: true }), (logits, pp) => {
        const p = softmax(logits);
        const f = topPFilter(p, pp);
        expect(sum(f)).toBeCloseTo(1, 12);
        const keptMass = sum(p.filter((_, i) => f[i]! > 0));
        expect(keptMass).toBeGreaterThanOrEqual(pp - 1e-9);
        // Minimal: without its least likely kept token the head falls short of p.
        const smallestKept = Math.min(...p.filter((_, i) => f[i]! > 0));
        if (keptTokens(f) > 1) expect(keptMass - smallestKept).toBeLessThan(pp + 1e-9);
      }),
    );
  });

  test('top-p = 1 keeps every token with nonzero probability', () => {
    const p = softmax([5, 1, -3, -20]);
    expect(keptTokens(topPFilter(p, 1))).toBe(4);
  });

  test('a worked top-p example: (0.5, 0.3, 0.15, 0.05) at p = 0.9 keeps three tokens', () => {
    const f = topPFilter([0.5, 0.3, 0.15, 0.05], 0.9);
    expect(f[3]).toBe(0);
    expect(f[0]).toBeCloseTo(0.5 / 0.95, 15);
  });

  test('min-p keeps exactly the tokens at or above minP times the top probability', () => {
    fc.assert(
      fc.property(logitList, fc.double({ min: 0, max: 1, noNaN: true }), (logits, m) => {
        const p = softmax(logits);
        const f = minPFilter(p, m);
        const top = Math.max(...p);
        p.forEach((q, i) => expect(f[i]! > 0).toBe(q >= m * top && q > 0));
        expect(sum(f)).toBeCloseTo(1, 12);
      }),
    );
  });

  test('min-p adapts: 0.1 keeps one token of a confident step and many of a flat one', () => {
    expect(keptTokens(minPFilter([0.9, 0.05, 0.03, 0.02], 0.1))).toBe(1);
    expect(keptTokens(minPFilter([0.2, 0.2, 0.2, 0.2, 0.2], 0.1))).toBe(5);
  });

  test('filters refuse out-of-range options with the option named', () => {
    expect(() => topKFilter([0.5, 0.5], 0)).toThrow(/topK/);
    expect(() => topKFilter([0.5, 0.5], 1.5)).toThrow(/topK/);
    expect(() => topPFilter([0.5, 0.5], 0)).toThrow(/topP/);
    expect(() => topPFilter([0.5, 0.5], 1.2)).toThrow(/topP/);
    expect(() => minPFilter([0.5, 0.5], -0.1)).toThrow(/minP/);
    expect(() => minPFilter([0.5, -0.5], 0.1)).toThrow(/probs\[1\]/);
  });
});

describe('penalties', () => {
  test('the repetition penalty divides a positive logit and multiplies a negative one', () => {
    const out = applyPenalties([2, -2, 2], { repetitionPenalty: 1.2, promptTokens: new Set([0, 1]) });
    expect(out[0]).toBeCloseTo(2 / 1.2, 15);
    expect(out[1]).toBeCloseTo(-2.4, 15);
    expect(out[2]).toBe(2);
  });

  test('presence subtracts once, frequency once per occurrence, output tokens only', () => {
    const counts = new Map([[0, 3]]);
    const out = applyPenalties([1, 1], { presencePenalty: 0.5, frequencyPenalty: 0.2, outputCounts: counts, promptTokens: new Set([1]) });
    expect(out[0]).toBeCloseTo(1 - 3 * 0.2 - 0.5, 15);
    expect(out[1]).toBe(1);
  });

  test('a penalty above 1 never raises the probability of a repeated token', () => {
    fc.assert(
      fc.property(logitList, fc.double({ min: 1, max: 3, noNaN: true }), fc.nat(), (logits, theta, pick) => {
        const id = pick % logits.length;
        const before = softmax(logits)[id]!;
        const after = softmax(applyPenalties(logits, { repetitionPenalty: theta, outputCounts: new Map([[id, 1]]) }))[id]!;
        expect(after).toBeLessThanOrEqual(before + 1e-12);
      }),
    );
  });

  test('refuses penalties outside OpenAI’s [−2, 2] and unknown token ids', () => {
    expect(() => applyPenalties([1], { presencePenalty: 3 })).toThrow(/presencePenalty/);
    expect(() => applyPenalties([1], { frequencyPenalty: Number.NaN })).toThrow(/frequencyPenalty/);
    expect(() => applyPenalties([1], { repetitionPenalty: 0 })).toThrow(/repetitionPenalty/);
    expect(() => applyPenalties([1], { outputCounts: new Map([[5, 1]]) })).toThrow(/outputCounts/);
  });
});

describe('the pipeline', () => {
  test('temperature 0 is greedy on the penalized logits', () => {
    const counts = new Map([[0, 1]]);
    const p = nextTokenDistribution([3, 2.5, 0], { temperature: 0, presencePenalty: 1, outputCounts: counts });
    expect(p).toEqual([0, 1, 0]);
  });

  test('every option combination gives a distribution that sums to 1 and keeps the final argmax', () => {
    fc.assert(
      fc.property(
        logitList,
        fc.record({
          temperature: fc.double({ min: 0.05, max: 3, noNaN: true }),
          topK: fc.integer({ min: 0, max: 20 }),
          topP: fc.double({ min: 0.05, max: 1, noNaN: true }),
          minP: fc.double({ min: 0, max: 0.9, noNaN: true }),
        }),
        (logits, options) => {
          const { scaled, final } = samplingStages(logits, options);
          expect(sum(final)).toBeCloseTo(1, 12);
          // Filters only remove tokens: the most likely token after temperature always survives.
          const best = scaled.indexOf(Math.max(...scaled));
          expect(final[best]!).toBeGreaterThan(0);
        },
      ),
    );
  });

  test('min-p runs before top-p, as in vLLM: the two filters compose', () => {
    const logits = [Math.log(0.5), Math.log(0.3), Math.log(0.15), Math.log(0.05)];
    const p = nextTokenDistribution(logits, { minP: 0.2, topP: 0.9 });
    // min-p at 0.2·0.5 = 0.1 drops 0.05; renormalized (0.526, 0.316, 0.158): top-p 0.9 keeps all three.
    expect(keptTokens(p)).toBe(3);
  });

  test('entropy: 0 bits one-hot, log2 n for n equal tokens', () => {
    expect(entropyBits([0, 1, 0])).toBe(0);
    expect(entropyBits([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(2, 15);
  });
});
