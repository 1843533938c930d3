/** The GRPO-variant weights drawn on the reasoning-models page (src/components/figures/reasoning-models/group-weights.ts). */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { correctAnswerAdvantage, groupAdvantages, tokenWeights } from '~/components/figures/reasoning-models/group-weights';

describe('group advantages', () => {
  test('GRPO: (r − mean)/std, here with torch’s unbiased std', () => {
    const a = groupAdvantages([1, 1, 0, 0], 'group');
    const s = Math.sqrt((4 * 0.25) / 3);
    expect(a[0]).toBeCloseTo(0.5 / s, 12);
    expect(a[3]).toBeCloseTo(-0.5 / s, 12);
  });

  test('Dr. GRPO: r − mean, no division', () => {
    expect(groupAdvantages([1, 0, 0, 0], 'none')).toEqual([0.75, -0.25, -0.25, -0.25]);
  });

  test('advantages sum to zero, and a group with equal rewards gives no signal', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 2, maxLength: 64 }), fc.constantFrom('group' as const, 'none' as const), (r, scale) => {
        const a = groupAdvantages(r, scale);
        expect(a.reduce((x, y) => x + y, 0)).toBeCloseTo(0, 9);
        if (r.every((x) => x === r[0])) expect(a.every((x) => x === 0)).toBe(true);
      }),
    );
  });

  test('std scaling weighs a rarely solved question more: √7 at 1 of 8 correct, 1 at 4 of 8', () => {
    expect(correctAnswerAdvantage(8, 1)).toBeCloseTo(Math.sqrt(7), 12);
    expect(correctAnswerAdvantage(8, 4)).toBeCloseTo(1, 12);
  });
});

describe('token weights', () => {
  test('GRPO gives a token of a 4× longer answer 1/4 the weight; DAPO and Dr. GRPO give equal weights', () => {
    const g = tokenWeights([200, 800], 'grpo');
    expect(g[0]! / g[1]!).toBeCloseTo(4, 12);
    expect(new Set(tokenWeights([200, 800], 'dapo')).size).toBe(1);
    expect(new Set(tokenWeights([200, 800], 'dr_grpo')).size).toBe(1);
  });

  test('GRPO and DAPO weights each sum to 1 over every token of the group', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 16 }), (lengths) => {
        for (const agg of ['grpo', 'dapo'] as const) {
          const w = tokenWeights(lengths, agg);
          expect(w.reduce((s, x, i) => s + x * lengths[i]!, 0)).toBeCloseTo(1, 9);
        }
      }),
    );
  });

  test('refuses empty groups and non-positive lengths', () => {
    expect(() => tokenWeights([], 'grpo')).toThrow(RangeError);
    expect(() => tokenWeights([0, 3], 'dapo')).toThrow(RangeError);
    expect(() => groupAdvantages([1], 'group')).toThrow(RangeError);
  });
});
