import { expect, test } from 'vitest';
import fc from 'fast-check';
import {
  GGUF_BLOCKS,
  absmaxQuantize,
  ggufBitsPerWeight,
  groupQuantBitsPerWeight,
  nf4DoubleQuantBitsPerWeight,
  zeroPointQuantize,
} from '~/lib/model/quant-formats';

test('GGUF block sizes match the static_asserts in llama.cpp ggml/src/ggml-common.h', () => {
  // sizeof(block_q4_K) == 2*sizeof(ggml_half) + K_SCALE_SIZE + QK_K/2 = 144, and so on; block_mxfp4 = e + qs[16].
  expect(Object.fromEntries(Object.entries(GGUF_BLOCKS).map(([k, b]) => [k, b.bytes]))).toEqual({
    Q4_0: 18,
    Q5_0: 22,
    Q5_1: 24,
    MXFP4: 17,
    Q8_0: 34,
    Q2_K: 84,
    Q3_K: 110,
    Q4_K: 144,
    Q5_K: 176,
    Q6_K: 210,
  });
});

test('bits per weight are the ones ggml-common.h states in its comments ("Effectively 4.5 bits per weight", …)', () => {
  expect(ggufBitsPerWeight('Q2_K')).toBe(2.625);
  expect(ggufBitsPerWeight('Q3_K')).toBe(3.4375);
  expect(ggufBitsPerWeight('Q4_K')).toBe(4.5);
  expect(ggufBitsPerWeight('Q5_K')).toBe(5.5);
  expect(ggufBitsPerWeight('Q6_K')).toBe(6.5625);
  expect(ggufBitsPerWeight('Q8_0')).toBe(8.5);
  expect(ggufBitsPerWeight('Q4_0')).toBe(4.5);
});

test('QLoRA §3: NF4 with a 32-bit absmax per 64 weights costs 4.5 bits; double quantization brings it to 4.127', () => {
  expect(groupQuantBitsPerWeight({ bits: 4, groupSize: 64, scaleBits: 32 })).toBe(4.5);
  expect(nf4DoubleQuantBitsPerWeight()).toBeCloseTo(4.127, 3);
  // "reduces the memory footprint per parameter from 0.5 bits to 0.127 bits" (QLoRA §3)
  expect(nf4DoubleQuantBitsPerWeight() - 4).toBeCloseTo(0.127, 3);
});

test('GPTQ/AWQ-style int4 with an fp16 scale and zero point per 128 weights: 4.25 bits', () => {
  expect(groupQuantBitsPerWeight({ bits: 4, groupSize: 128, scaleBits: 16, zeroBits: 16 })).toBe(4.25);
});

test('bad input throws with the field name', () => {
  expect(() => groupQuantBitsPerWeight({ bits: 4, groupSize: 0, scaleBits: 16 })).toThrow(/groupSize/);
  expect(() => groupQuantBitsPerWeight({ bits: Number.NaN, groupSize: 32, scaleBits: 16 })).toThrow(/bits/);
  expect(() => ggufBitsPerWeight('Q9_K' as never)).toThrow(/type/);
});

test('property: overhead shrinks as groups grow and never goes below the code width', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 4096 }), fc.constantFrom(8, 16, 32), (bits, groupSize, scaleBits) => {
      const small = groupQuantBitsPerWeight({ bits, groupSize, scaleBits });
      const big = groupQuantBitsPerWeight({ bits, groupSize: groupSize * 2, scaleBits });
      expect(big).toBeLessThan(small);
      expect(big).toBeGreaterThan(bits);
    }),
  );
});

test('absmax int8 by hand: [0.5, −1.2, 3.1, −0.4], scale 3.1/127, codes [20, −49, 127, −16]', () => {
  const q = absmaxQuantize([0.5, -1.2, 3.1, -0.4], 8);
  expect(q.codes).toEqual([20, -49, 127, -16]);
  expect(q.scale).toBeCloseTo(3.1 / 127, 15);
  expect(q.zeroPoint).toBe(0);
});

test('zero-point uint8 by hand: scale 4.3/255, zero point round(1.2/scale) = 71, codes [101, 0, 255, 47]', () => {
  const q = zeroPointQuantize([0.5, -1.2, 3.1, -0.4], 8);
  expect(q.scale).toBeCloseTo(4.3 / 255, 15);
  expect(q.zeroPoint).toBe(71);
  expect(q.codes).toEqual([101, 0, 255, 47]);
});

test('property: both round-trip within half a step, and codes stay in range', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 64 }), fc.integer({ min: 2, max: 8 }), (values, bits) => {
      const a = absmaxQuantize(values, bits);
      const z = zeroPointQuantize(values, bits);
      values.forEach((v, i) => {
        expect(Math.abs(a.dequantized[i]! - v)).toBeLessThanOrEqual(a.scale / 2 + 1e-9 * Math.abs(v) + 1e-12);
        expect(Math.abs(z.dequantized[i]! - v)).toBeLessThanOrEqual(z.scale * 1.5 + 1e-9 * Math.abs(v) + 1e-12);
        expect(Math.abs(a.codes[i]!)).toBeLessThanOrEqual(2 ** (bits - 1) - 1);
        expect(z.codes[i]).toBeGreaterThanOrEqual(0);
        expect(z.codes[i]).toBeLessThanOrEqual(2 ** bits - 1);
      });
    }),
  );
});
