import { expect, test } from 'vitest';
import fc from 'fast-check';
import { breakEvenDensity, compareStorage, denseBytes, sparkCompressedChoice, sparseBytes } from '~/lib';

test("the notes' example is smaller dense in Spark: 40 B vs 56 B, and compressed keeps it dense", () => {
  const s = compareStorage(4, 3, 4, 8);
  expect(s.spark).toEqual({ denseBytes: 40, sparseBytes: 56, compressed: 'dense' });
});

test('10 non-zeros out of 1000 is compressed to sparse: 140 B instead of 8008 B', () => {
  expect(compareStorage(1000, 10, 4, 8).spark).toEqual({ denseBytes: 8008, sparseBytes: 140, compressed: 'sparse' });
});

test('int32 indices with float32 values break even at density 1/2, with float64 values at 2/3', () => {
  expect(breakEvenDensity(4, 4)).toBe(0.5);
  expect(breakEvenDensity(4, 8)).toBeCloseTo(2 / 3, 15);
});

test('below the break-even density the sparse layout is smaller, above it the dense one', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 1e6 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.constantFrom(2, 4, 8),
      fc.constantFrom(2, 4, 8),
      (n, rho, bi, bv) => {
        const nnz = Math.round(rho * n);
        const cmp = compareStorage(n, nnz, bi, bv);
        if (nnz / n < breakEvenDensity(bi, bv)) expect(cmp.sparseBytes).toBeLessThan(cmp.denseBytes);
        if (nnz / n > breakEvenDensity(bi, bv)) expect(cmp.sparseBytes).toBeGreaterThan(cmp.denseBytes);
        expect(cmp.denseBytes).toBe(denseBytes(n, bv));
        expect(cmp.sparseBytes).toBe(sparseBytes(nnz, bi, bv));
      },
    ),
  );
});

test("Spark's compressed rule switches between nnz = 2 and 3 for size 6", () => {
  expect(sparkCompressedChoice(6, 2)).toBe('sparse'); // 4.5 < 6
  expect(sparkCompressedChoice(6, 3)).toBe('dense'); // 6 is not < 6
});
