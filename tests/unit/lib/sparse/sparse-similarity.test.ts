import { expect, test } from 'vitest';
import fc from 'fast-check';
import { sharedIndices, sparseCosine, sparseDot, toSparse } from '~/lib';

test('dot product of sparse vectors equals the dense dot product', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -5, max: 5 })), { maxLength: 40 }), (pairs) => {
      const a = pairs.map((p) => p[0]);
      const b = pairs.map((p) => p[1]);
      const dense = a.reduce((sum, x, i) => sum + x * b[i]!, 0);
      expect(sparseDot(toSparse(a), toSparse(b))).toBe(dense);
    }),
  );
});

test('cosine of [2,0,0] and [1,1,0] is 1/√2; orthogonal vectors give 0; a zero vector gives 0', () => {
  expect(sparseCosine(toSparse([2, 0, 0]), toSparse([1, 1, 0]))).toBeCloseTo(Math.SQRT1_2, 15);
  expect(sparseCosine(toSparse([1, 0]), toSparse([0, 1]))).toBe(0);
  expect(sparseCosine(toSparse([0, 0]), toSparse([0, 1]))).toBe(0);
});

test('cosine of huge vectors does not overflow', () => {
  expect(sparseCosine(toSparse([1e300, 1e300]), toSparse([1e300, 1e300]))).toBeCloseTo(1, 12);
});

test('shared indices are those both vectors store as non-zero', () => {
  expect(sharedIndices({ size: 5, indices: [0, 2, 4], values: [1, 0, 1] }, { size: 5, indices: [2, 3, 4], values: [1, 1, 1] })).toEqual([4]);
});

test('dot product refuses vectors of different sizes', () => {
  expect(() => sparseDot(toSparse([1]), toSparse([1, 2]))).toThrow(/sizes differ/);
});
