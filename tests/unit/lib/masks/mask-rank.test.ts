import { test, expect } from 'vitest';
import fc from 'fast-check';
import { attentionRank, singularValues, effectiveRank, numericalRank, seededRandom, maskedSoftmaxScores } from '~/lib/masks/mask-rank';

test('the same seed gives the same figures', () => {
  const options = { mask: { kind: 'bidirectional' as const, length: 16 }, headDim: 8, scale: 1, seed: 7 };
  expect(attentionRank(options)).toEqual(attentionRank(options));
  expect(attentionRank({ ...options, seed: 8 }).singularValues).not.toEqual(attentionRank(options).singularValues);
});

test('singular values of a diagonal matrix are its absolute entries, sorted', () => {
  const a = new Float64Array([3, 0, 0, 0, -5, 0, 0, 0, 1]);
  const sigma = singularValues(a, 3);
  expect(sigma.map((s) => Math.round(s * 1e9) / 1e9)).toEqual([5, 3, 1]);
});

test('the causal matrix of seed 1858004261 (tiny diagonal weights) is still full rank', () => {
  expect(attentionRank({ mask: { kind: 'causal', length: 23 }, headDim: 13, scale: 1, seed: 1858004261 }).numericalRank).toBe(23);
});

test('a causal softmax matrix is full rank: lower triangular with a positive diagonal', () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 24 }), fc.integer({ min: 1, max: 64 }), fc.nat(), (n, d, seed) => {
      const r = attentionRank({ mask: { kind: 'causal', length: n }, headDim: d, scale: 1, seed });
      expect(r.numericalRank).toBe(n);
    }),
    { numRuns: 40 },
  );
});

test('effective rank is between 1 and n, and n for equal singular values', () => {
  expect(effectiveRank([1, 1, 1, 1])).toBeCloseTo(4, 12);
  expect(effectiveRank([1, 0, 0])).toBe(1);
  const r = attentionRank({ mask: { kind: 'bidirectional', length: 12 }, headDim: 4, scale: 1, seed: 1 });
  expect(r.effectiveRank).toBeGreaterThanOrEqual(1);
  expect(r.effectiveRank).toBeLessThanOrEqual(12);
});

test('a rank-1 matrix has numerical rank 1', () => {
  const a = new Float64Array([1, 2, 2, 4]);
  expect(numericalRank(singularValues(a, 2), 2)).toBe(1);
});

test('softmax rows sum to 1 and stay finite for huge logits', () => {
  const random = seededRandom(3);
  const n = 5;
  const d = 2;
  const q = Float64Array.from({ length: n * d }, () => random() * 1e4);
  const k = Float64Array.from({ length: n * d }, () => random() * 1e4);
  const a = maskedSoftmaxScores(q, k, n, d, 100, new Uint8Array(n * n).fill(1));
  for (let i = 0; i < n; i++) {
    const row = [...a.subarray(i * n, (i + 1) * n)];
    expect(row.every(Number.isFinite)).toBe(true);
    expect(row.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
  }
});

test('bad panel sizes are refused', () => {
  expect(() => attentionRank({ mask: { kind: 'causal', length: 65 }, headDim: 8, scale: 1, seed: 1 })).toThrow(/from 1 to 64/);
  expect(() => attentionRank({ mask: { kind: 'causal', length: 8 }, headDim: 0, scale: 1, seed: 1 })).toThrow(/head dimension/);
  // The error names the field, so a calculator can show the message next to it.
  const fieldOf = (run: () => unknown) => {
    try {
      run();
    } catch (e) {
      return (e as { field?: string }).field;
    }
  };
  expect(fieldOf(() => attentionRank({ mask: { kind: 'causal', length: 8 }, headDim: 0, scale: 1, seed: 1 }))).toBe('headDim');
  expect(fieldOf(() => attentionRank({ mask: { kind: 'causal', length: 8 }, headDim: 8, scale: 101, seed: 1 }))).toBe('scale');
  expect(fieldOf(() => attentionRank({ mask: { kind: 'causal', length: 65 }, headDim: 8, scale: 1, seed: 1 }))).toBe('length');
});
