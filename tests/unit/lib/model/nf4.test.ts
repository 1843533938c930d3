import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { NF4_LEVELS, Nf4InputError, nf4Code, nf4QuantizeBlock } from '~/lib/model/nf4';

/**
 * Inverse of the standard normal CDF, Acklam's rational approximation (relative error below 1.2e-9), enough to
 * check float32 levels to 1e-6.
 */
function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

const linspace = (from: number, to: number, n: number) => Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));

describe('NF4 levels', () => {
  test('are the normal quantiles of QLoRA §3: 8 positive, 7 negative and an exact zero, scaled to [-1, 1]', () => {
    // QLoRA builds an asymmetric type so that zero is exact: quantiles for 2^(k-1) + 1 = 9 points on the positive
    // side and 2^(k-1) = 8 on the negative side, each range ending at probability 0.5 (the shared zero). The outermost
    // probability is 1 − ½(1/32 + 1/30) = 0.9677083…, bitsandbytes' create_normal_map(offset=0.9677083).
    const offset = 1 - 0.5 * (1 / 32 + 1 / 30);
    const positive = linspace(offset, 0.5, 9).slice(0, -1).map(normalQuantile);
    const negative = linspace(offset, 0.5, 8)
      .slice(0, -1)
      .map((p) => -normalQuantile(p));
    const max = Math.max(...positive);
    const levels = [...negative, 0, ...positive].map((x) => x / max).sort((x, y) => x - y);
    expect(levels).toHaveLength(16);
    levels.forEach((level, i) => expect(level).toBeCloseTo(NF4_LEVELS[i]!, 6));
  });

  test('contain -1, 0 and 1 exactly and are strictly increasing', () => {
    expect([NF4_LEVELS[0], NF4_LEVELS[7], NF4_LEVELS[15]]).toEqual([-1, 0, 1]);
    expect(NF4_LEVELS.every((l, i) => i === 0 || l > NF4_LEVELS[i - 1]!)).toBe(true);
  });
});

describe('nf4Code', () => {
  test('maps every level to its own code', () => {
    expect(NF4_LEVELS.map(nf4Code)).toEqual([...NF4_LEVELS.keys()]);
  });

  test('takes the nearest level, and the lower one at a midpoint', () => {
    expect(nf4Code(0.5)).toBe(12); // 0.4407 is 0.059 away, 0.5626 is 0.063 away
    const mid = (NF4_LEVELS[8]! + NF4_LEVELS[9]!) / 2;
    expect(nf4Code(mid)).toBe(8);
    expect(nf4Code(mid + 1e-12)).toBe(9);
  });

  test('is the nearest level for any value in [-1, 1]', () => {
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), (x) => {
        const chosen = Math.abs(NF4_LEVELS[nf4Code(x)]! - x);
        return NF4_LEVELS.every((l) => Math.abs(l - x) >= chosen);
      }),
    );
  });

  test('refuses values outside [-1, 1], naming the field', () => {
    expect(() => nf4Code(1.5)).toThrow(Nf4InputError);
    expect(() => nf4Code(Number.NaN)).toThrow(/scaled/);
  });
});

describe('nf4QuantizeBlock', () => {
  test('a small block, worked by hand: absmax 2, codes of 1 / -2 / 0 / 0.3', () => {
    const block = nf4QuantizeBlock([1, -2, 0, 0.3]);
    expect(block.absmax).toBe(2);
    expect(block.scaled).toEqual([0.5, -1, 0, 0.15]);
    // 0.15 lies between 0.0796 and 0.1609, nearer the latter.
    expect(block.codes).toEqual([12, 0, 7, 9]);
    expect(block.dequantized[1]).toBe(-2);
    expect(block.dequantized[3]).toBeCloseTo(2 * 0.16093020141124725, 12);
  });

  test('keeps the largest magnitude exactly and every error within half the widest gap times absmax', () => {
    const widestGap = Math.max(...NF4_LEVELS.slice(1).map((l, i) => l - NF4_LEVELS[i]!));
    fc.assert(
      fc.property(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 64 }), (values) => {
        const block = nf4QuantizeBlock(values);
        const top = values.findIndex((v) => Math.abs(v) === block.absmax);
        if (block.absmax > 0 && block.dequantized[top] !== values[top]) return false;
        return block.errors.every((e) => Math.abs(e) <= (widestGap / 2) * block.absmax * (1 + 1e-12));
      }),
    );
  });

  test('an all-zero block stays zero', () => {
    expect(nf4QuantizeBlock([0, 0, 0])).toMatchObject({ absmax: 0, codes: [7, 7, 7], dequantized: [0, 0, 0] });
  });

  test('refuses an empty block and non-finite values, naming the field', () => {
    expect(() => nf4QuantizeBlock([])).toThrow(/values/);
    expect(() => nf4QuantizeBlock([1, Number.POSITIVE_INFINITY])).toThrow(/values\[1\]/);
  });
});
