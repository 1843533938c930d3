/** Block-scaled FP4 of the quantization page's figure (src/components/figures/quantization/block-fp4.ts). */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EXAMPLE_WEIGHTS, mxfp4, nvfp4, nvfp4TensorScale, rmsError, toE2M1, toE4M3 } from '~/components/figures/quantization/block-fp4';

describe('element and scale formats', () => {
  test('E2M1 rounds to its eight magnitudes and saturates at 6', () => {
    expect([0.2, 0.3, 1.2, 2.6, 4.9, 5.1, 9].map(toE2M1)).toEqual([0, 0.5, 1, 3, 4, 6, 6]);
    expect(toE2M1(-2.4)).toBe(-2);
  });

  test('E4M3 keeps 3 mantissa bits and tops out at 448', () => {
    expect(toE4M3(1.07)).toBe(1.125);
    // Below 2^-6 E4M3 is subnormal, in steps of 2^-9: why NVFP4 adds a per-tensor scale.
    expect(toE4M3(0.0073333)).toBe(0.0078125);
    expect(toE4M3(1000)).toBe(448);
    fc.assert(
      fc.property(fc.double({ min: 2 ** -6, max: 440, noNaN: true }), (x) => {
        expect(Math.abs(toE4M3(x) - x) / x).toBeLessThanOrEqual(1 / 16 + 1e-12);
      }),
    );
  });
});

describe('blocks', () => {
  test('MXFP4 uses a power-of-two scale 2^(floor(log2 amax) − 2)', () => {
    const q = mxfp4(EXAMPLE_WEIGHTS);
    expect(q.scale).toBe(2 ** -6);
    expect(Number.isInteger(Math.log2(q.scale))).toBe(true);
  });

  test('NVFP4 maps the block maximum to about 6 and has the smaller error on the example', () => {
    const ts = nvfp4TensorScale(EXAMPLE_WEIGHTS);
    const first = EXAMPLE_WEIGHTS.slice(0, 16);
    const q = nvfp4(first, ts);
    expect(Math.abs(q.values[5]! - 0.044)).toBeLessThan(0.002);
    const nv = [...q.values, ...nvfp4(EXAMPLE_WEIGHTS.slice(16), ts).values];
    expect(rmsError(nv, EXAMPLE_WEIGHTS)).toBeLessThan(rmsError(mxfp4(EXAMPLE_WEIGHTS).values, EXAMPLE_WEIGHTS));
  });

  test('every reconstructed value is the scale times an E2M1 value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: 1e-4, max: 1, noNaN: true }), fc.double({ min: -1, max: -1e-4, noNaN: true })), { minLength: 1, maxLength: 32 }),
        (block) => {
          for (const q of [mxfp4(block), nvfp4(block)])
            for (const v of q.values) expect([0, 0.5, 1, 1.5, 2, 3, 4, 6]).toContain(Math.round((Math.abs(v) / q.scale) * 2) / 2);
        },
      ),
    );
  });
});
