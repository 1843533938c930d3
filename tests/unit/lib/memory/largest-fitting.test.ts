import { expect, test } from 'vitest';
import fc from 'fast-check';
import { largestFitting } from '~/lib/memory/largest-fitting';

test('finds the largest n that fits a linear budget', () => {
  expect(largestFitting((n) => n * 3 <= 100, 1 << 20)).toBe(33);
  expect(largestFitting((n) => n <= 0, 10)).toBeNull();
  expect(largestFitting(() => true, 1000)).toBe(1000);
});

test('agrees with a linear scan for any monotone threshold, in O(log n) calls', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 5000 }), (threshold, ceiling) => {
      let calls = 0;
      const got = largestFitting((n) => {
        calls += 1;
        return n <= threshold;
      }, ceiling);
      const expected = threshold < 1 ? null : Math.min(threshold, ceiling);
      expect(got).toBe(expected);
      expect(calls).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(ceiling + 1)) + 3);
    }),
  );
});

test('refuses a ceiling that is not a positive integer', () => {
  expect(() => largestFitting(() => true, 0)).toThrow(RangeError);
  expect(() => largestFitting(() => true, 2.5)).toThrow(RangeError);
});
