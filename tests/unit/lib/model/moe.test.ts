import { expect, test } from 'vitest';
import fc from 'fast-check';
import { expectedExpertsTouched, expertParams, moeLayerCount } from '~/lib/model/moe';
import { countActiveParams, countParams } from '~/lib/model/param-count';
import { modelPreset } from '../../helpers/presets';

test('one Mixtral expert is 3 · 4096 · 14336 = 176,160,768 parameters; 32 layers × 8 experts hold 45.1B of the 46.7B', () => {
  const spec = modelPreset('mixtral-8x7b').spec;
  expect(expertParams(spec)).toBe(176_160_768);
  expect(moeLayerCount(spec)).toBe(32);
  // Total minus active is exactly the six unused experts of every layer.
  expect(countParams(spec) - countActiveParams(spec)).toBe(32 * 6 * 176_160_768);
});

test('DeepSeek-V3: experts of 3 · 7168 · 2048 parameters on 61 − 3 = 58 MoE layers', () => {
  const spec = modelPreset('deepseek-v3').spec;
  expect(expertParams(spec)).toBe(44_040_192);
  expect(moeLayerCount(spec)).toBe(58);
  expect(countParams(spec) - countActiveParams(spec)).toBe(58 * (256 - 8) * 44_040_192);
});

test('experts touched: one token touches exactly k; Mixtral with 16 tokens touches 8·(1 − 0.75¹⁶)', () => {
  expect(expectedExpertsTouched(8, 2, 1)).toBe(2);
  expect(expectedExpertsTouched(8, 2, 0)).toBe(0);
  expect(expectedExpertsTouched(8, 2, 16)).toBeCloseTo(8 * (1 - 0.75 ** 16), 12);
  expect(expectedExpertsTouched(256, 8, 1)).toBeCloseTo(8, 12);
});

test('bad input names the argument', () => {
  expect(() => expectedExpertsTouched(8, 9, 1)).toThrow(/expertsPerToken/);
  expect(() => expectedExpertsTouched(0, 1, 1)).toThrow(/numExperts/);
  expect(() => expectedExpertsTouched(8, 2, -1)).toThrow(/tokens/);
  expect(() => expertParams(modelPreset('llama-2-7b').spec)).toThrow(/moe/);
});

test('property: touched experts grow with the batch and stay between k and E', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 512 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 4096 }), (experts, kRaw, tokens) => {
      const k = Math.min(kRaw, experts);
      const a = expectedExpertsTouched(experts, k, tokens);
      const b = expectedExpertsTouched(experts, k, tokens + 1);
      expect(a).toBeGreaterThanOrEqual(k - 1e-9);
      expect(b).toBeLessThanOrEqual(experts + 1e-9);
      expect(b).toBeGreaterThanOrEqual(a - 1e-12);
    }),
  );
});
