import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  parseRopeScaling,
  readRopeConfig,
  ropeInverseFrequencies,
  ropeLayerTypes,
  ropeScaledInverseFrequencies,
  ropeWavelengths,
  ropeWindows,
  type RopeConfig,
} from '~/lib/model/rope';
import { ConfigError } from '~/lib/model/config-error';
import { modelPreset } from '../../helpers/presets';

// Every expected value below is worked out by hand from the formulas in transformers'
// src/transformers/modeling_rope_utils.py (_compute_{default,linear_scaling,dynamic_ntk,yarn,longrope,llama3}_parameters).

test('θ_i = base^(−2i/d): base 10,000 and four rotary dimensions give 1 and 1/100', () => {
  expect(ropeInverseFrequencies({ base: 10_000, rotaryDim: 4 })).toEqual([1, 0.01]);
  expect(ropeWavelengths([1, 0.01])).toEqual([2 * Math.PI, 200 * Math.PI]);
});

test('Llama 3.1 8B: 128 rotary dimensions at base 500,000, so 64 pairs from 2π to about 2.56 million positions per turn', () => {
  const rope = readRopeConfig(modelPreset('llama-3.1-8b').config);
  expect(rope).toMatchObject({ base: 500_000, rotaryDim: 128, maxPositionEmbeddings: 131_072 });
  const wavelengths = ropeWavelengths(ropeInverseFrequencies(rope));
  expect(wavelengths).toHaveLength(64);
  expect(wavelengths[0]).toBeCloseTo(2 * Math.PI, 12);
  // 2π · 500000^(126/128)
  expect(wavelengths[63]).toBeCloseTo(2 * Math.PI * 500_000 ** (126 / 128), 3);
  expect(wavelengths[63]! / 1e6).toBeCloseTo(2.559, 3);
});

test('DeepSeek-V3 (MLA) rotates its 64-dimension qk_rope_head_dim slice, not hidden_size / heads = 56', () => {
  expect(readRopeConfig(modelPreset('deepseek-v3').config).rotaryDim).toBe(64);
});

test('no rope_scaling, or rope_type "default", leaves the frequencies alone with attention factor 1', () => {
  const rope = readRopeConfig({ hidden_size: 64, num_attention_heads: 4, rope_scaling: { rope_type: 'default' } });
  expect(rope.scaling).toBeUndefined();
  expect(rope.base).toBe(10_000);
  expect(ropeScaledInverseFrequencies(rope)).toEqual({ inverseFrequencies: ropeInverseFrequencies(rope), attentionFactor: 1 });
});

test('linear (position interpolation) divides every frequency by the factor', () => {
  const rope: RopeConfig = { base: 10_000, rotaryDim: 4, scaling: { type: 'linear', factor: 4 } };
  expect(ropeScaledInverseFrequencies(rope).inverseFrequencies).toEqual([0.25, 0.0025]);
});

test('dynamic NTK does nothing inside the window and raises the base beyond it: L = 2·L₀, factor 2, d = 4 gives base·3²', () => {
  const rope: RopeConfig = { base: 10_000, rotaryDim: 4, maxPositionEmbeddings: 2048, scaling: { type: 'dynamic', factor: 2 } };
  expect(ropeScaledInverseFrequencies(rope).inverseFrequencies).toEqual([1, 0.01]);
  expect(ropeScaledInverseFrequencies(rope, { seqLen: 1000 }).inverseFrequencies).toEqual([1, 0.01]);
  // base' = 10000 · (2·4096/2048 − 1)^(4/2) = 90,000; θ_1 = 90000^(−1/2) = 1/300
  const grown = ropeScaledInverseFrequencies(rope, { seqLen: 4096 }).inverseFrequencies;
  expect(grown[0]).toBe(1);
  expect(grown[1]).toBeCloseTo(1 / 300, 15);
});

describe('llama3 on the Llama 3.1 8B config (factor 8, low 1, high 4, original window 8192)', () => {
  const rope = readRopeConfig(modelPreset('llama-3.1-8b').config);
  const before = ropeInverseFrequencies(rope);
  const after = ropeScaledInverseFrequencies(rope).inverseFrequencies;

  test('reads the config keys', () => {
    expect(rope.scaling).toEqual({ type: 'llama3', factor: 8, lowFreqFactor: 1, highFreqFactor: 4, originalMaxPositionEmbeddings: 8192 });
    expect(ropeWindows(rope)).toEqual({ maxPositionEmbeddings: 131_072, originalWindow: 8192, factor: 8 });
  });

  test('29 pairs with wavelength under 8192/4 = 2048 are untouched, 29 over 8192 are divided by 8, 6 are blended', () => {
    const kept = after.filter((f, i) => f === before[i]).length;
    const divided = after.filter((f, i) => f === before[i]! / 8).length;
    expect([kept, divided, 64 - kept - divided]).toEqual([29, 29, 6]);
  });

  test("pair 30 (wavelength ≈ 2948) is blended: smooth = (8192/λ − 1)/3, θ' = (1 − smooth)·θ/8 + smooth·θ", () => {
    const theta = before[30]!;
    const lambda = (2 * Math.PI) / theta;
    expect(lambda).toBeCloseTo(2948.3, 1);
    const smooth = (8192 / lambda - 1) / 3;
    expect(after[30]).toBeCloseTo((1 - smooth) * (theta / 8) + smooth * theta, 15);
    expect((2 * Math.PI) / after[30]!).toBeCloseTo(4579.9, 1);
  });
});

describe('YaRN', () => {
  // Qwen2.5's documented long-context setting: factor 4 on a 32,768-position window (head_dim 128, base 10⁶).
  const qwen: RopeConfig = {
    base: 1_000_000,
    rotaryDim: 128,
    maxPositionEmbeddings: 32_768,
    scaling: { type: 'yarn', factor: 4, originalMaxPositionEmbeddings: 32_768 },
  };

  test('attention factor is 0.1·ln(factor) + 1 by default, and mscale/mscale_all_dim of 1 cancel it (DeepSeek)', () => {
    expect(ropeScaledInverseFrequencies(qwen).attentionFactor).toBeCloseTo(0.1 * Math.log(4) + 1, 15);
    const deepseek: RopeConfig = {
      base: 10_000,
      rotaryDim: 64,
      maxPositionEmbeddings: 163_840,
      scaling: { type: 'yarn', factor: 40, originalMaxPositionEmbeddings: 4096, betaFast: 32, betaSlow: 1, mscale: 1, mscaleAllDim: 1 },
    };
    expect(ropeScaledInverseFrequencies(deepseek).attentionFactor).toBe(1);
  });

  test('ramp bounds for base 10⁴, d = 64, window 4096: pairs below ⌊10.47⌋ = 10 keep θ, pairs from ⌈22.51⌉ = 23 get θ/40', () => {
    // dim(r) = d·ln(4096/(2πr)) / (2·ln 10⁴): r = 32 → 10.47, r = 1 → 22.51
    const rope: RopeConfig = { base: 10_000, rotaryDim: 64, scaling: { type: 'yarn', factor: 40, originalMaxPositionEmbeddings: 4096 } };
    const before = ropeInverseFrequencies(rope);
    const after = ropeScaledInverseFrequencies(rope).inverseFrequencies;
    for (let i = 0; i <= 10; i++) expect(after[i]).toBe(before[i]);
    for (let i = 23; i < 32; i++) expect(after[i]).toBeCloseTo(before[i]! / 40, 18);
    // i = 16: ramp (16 − 10)/(23 − 10)
    const ramp = 6 / 13;
    expect(after[16]).toBeCloseTo((before[16]! / 40) * ramp + before[16]! * (1 - ramp), 18);
  });

  test('without original_max_position_embeddings the window is max_position_embeddings', () => {
    const a = ropeScaledInverseFrequencies({ ...qwen, scaling: { type: 'yarn', factor: 4 } });
    expect(a).toEqual(ropeScaledInverseFrequencies(qwen));
  });
});

test('longrope: Phi-3 style, short factors inside the original window, long ones beyond, attention √(1 + ln s / ln L₀)', () => {
  const rope = readRopeConfig({
    hidden_size: 8,
    num_attention_heads: 1,
    max_position_embeddings: 131_072,
    original_max_position_embeddings: 4096,
    rope_scaling: { type: 'longrope', short_factor: [1, 1, 1, 2], long_factor: [1, 2, 4, 8] },
  });
  const base = ropeInverseFrequencies(rope);
  const long = ropeScaledInverseFrequencies(rope);
  expect(long.inverseFrequencies).toEqual([base[0], base[1]! / 2, base[2]! / 4, base[3]! / 8]);
  expect(long.attentionFactor).toBeCloseTo(Math.sqrt(1 + Math.log(32) / Math.log(4096)), 15);
  expect(ropeScaledInverseFrequencies(rope, { seqLen: 4096 }).inverseFrequencies).toEqual([base[0], base[1], base[2], base[3]! / 2]);
  expect(ropeWindows(rope)).toEqual({ maxPositionEmbeddings: 131_072, originalWindow: 4096, factor: 32 });
});

test('the older key "type" and Phi-3\'s first name "su" are read like rope_type and longrope', () => {
  expect(parseRopeScaling({ type: 'linear', factor: 2 }, 64)).toEqual({ type: 'linear', factor: 2 });
  expect(parseRopeScaling({ type: 'su', short_factor: [1, 1], long_factor: [1, 2] }, 2)?.type).toBe('longrope');
});

describe('bad configs throw ConfigError naming the field', () => {
  const cases: [unknown, string][] = [
    [{ rope_type: 'llama3', factor: 8 }, 'rope_scaling.low_freq_factor'],
    [{ rope_type: 'linear' }, 'rope_scaling.factor'],
    [{ rope_type: 'linear', factor: -2 }, 'rope_scaling.factor'],
    [{ rope_type: 'mystery', factor: 2 }, 'rope_scaling.rope_type'],
    [{ type: 'longrope', short_factor: [1], long_factor: [1, 2] }, 'rope_scaling.short_factor'],
    ['yarn', 'rope_scaling'],
  ];
  for (const [raw, field] of cases) {
    test(`${JSON.stringify(raw)} → ${field}`, () => {
      try {
        parseRopeScaling(raw, 2);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).field).toBe(field);
      }
    });
  }
  test('text_config paths are kept', () => {
    expect(() => readRopeConfig({ text_config: { hidden_size: 64 } })).toThrow(/text_config\.num_attention_heads/);
  });
});

describe('properties', () => {
  const dims = fc.integer({ min: 1, max: 128 }).map((n) => 2 * n);
  const bases = fc.double({ min: 2, max: 1e7, noNaN: true });
  const factors = fc.double({ min: 1, max: 64, noNaN: true });

  test('frequencies fall strictly from θ_0 = 1 and every wavelength is at least 2π', () => {
    fc.assert(
      fc.property(dims, bases, (rotaryDim, base) => {
        const f = ropeInverseFrequencies({ base, rotaryDim });
        expect(f[0]).toBe(1);
        for (let i = 1; i < f.length; i++) expect(f[i]).toBeLessThan(f[i - 1]!);
        for (const w of ropeWavelengths(f)) expect(w).toBeGreaterThanOrEqual(2 * Math.PI - 1e-12);
      }),
    );
  });

  test('linear, yarn and llama3 only slow pairs down, never by more than the factor', () => {
    fc.assert(
      fc.property(dims, bases, factors, fc.integer({ min: 256, max: 1 << 20 }), (rotaryDim, base, factor, window) => {
        const scalings: RopeConfig['scaling'][] = [
          { type: 'linear', factor },
          { type: 'yarn', factor, originalMaxPositionEmbeddings: window },
          { type: 'llama3', factor, lowFreqFactor: 1, highFreqFactor: 4, originalMaxPositionEmbeddings: window },
        ];
        const before = ropeInverseFrequencies({ base, rotaryDim });
        for (const scaling of scalings) {
          const after = ropeScaledInverseFrequencies({ base, rotaryDim, scaling }).inverseFrequencies;
          after.forEach((f, i) => {
            const ratio = f / before[i]!;
            expect(ratio).toBeLessThanOrEqual(1 + 1e-12);
            expect(ratio).toBeGreaterThanOrEqual(1 / factor - 1e-12);
          });
        }
      }),
    );
  });

  test('llama3 and yarn slow low-frequency pairs at least as much as high-frequency ones (ratio never rises with i)', () => {
    fc.assert(
      fc.property(dims, bases, factors, fc.integer({ min: 256, max: 1 << 20 }), (rotaryDim, base, factor, window) => {
        for (const scaling of [
          { type: 'yarn', factor, originalMaxPositionEmbeddings: window },
          { type: 'llama3', factor, lowFreqFactor: 1, highFreqFactor: 4, originalMaxPositionEmbeddings: window },
        ] as const) {
          const before = ropeInverseFrequencies({ base, rotaryDim });
          const after = ropeScaledInverseFrequencies({ base, rotaryDim, scaling }).inverseFrequencies;
          for (let i = 1; i < after.length; i++) expect(after[i]! / before[i]!).toBeLessThanOrEqual(after[i - 1]! / before[i - 1]! + 1e-12);
        }
      }),
    );
  });

  test('dynamic NTK keeps θ_0 = 1 and lowers the rest as the sequence grows', () => {
    fc.assert(
      fc.property(
        dims.filter((d) => d >= 4),
        bases,
        factors,
        fc.integer({ min: 1, max: 8 }),
        (rotaryDim, base, factor, times) => {
          const rope: RopeConfig = { base, rotaryDim, maxPositionEmbeddings: 4096, scaling: { type: 'dynamic', factor } };
          const short = ropeScaledInverseFrequencies(rope, { seqLen: 4096 * times }).inverseFrequencies;
          const long = ropeScaledInverseFrequencies(rope, { seqLen: 4096 * (times + 1) }).inverseFrequencies;
          expect(long[0]).toBe(1);
          for (let i = 1; i < long.length; i++) expect(long[i]).toBeLessThanOrEqual(short[i]! * (1 + 1e-12));
        },
      ),
    );
  });
});

describe('transformers v5 rope_parameters beside the legacy rope_theta / rope_scaling', () => {
  const fixture = (name: string): Record<string, unknown> =>
    JSON.parse(readFileSync(new URL(`../../../fixtures/configs/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;

  test('gpt-oss-20b saved by transformers 5.7.0 (rope_theta inside rope_parameters) reads as its v4 release config', () => {
    const v5 = readRopeConfig(fixture('gpt-oss-20b-bf16-transformers-v5'));
    const v4 = readRopeConfig(fixture('gpt-oss-20b'));
    expect(v5.source).toBe('rope_parameters');
    expect(v4.source).toBe('rope_scaling');
    expect({ ...v5, source: undefined }).toEqual({ ...v4, source: undefined });
    expect(v5.base).toBe(150000);
    expect(v5.scaling).toMatchObject({ type: 'yarn', factor: 32, originalMaxPositionEmbeddings: 4096, truncate: false });
  });

  test('Qwen3-Next: v5 keeps partial_rotary_factor inside rope_parameters; a quarter of the 256-wide head rotates', () => {
    // Qwen3-Next-80B-A3B-Instruct as transformers 5.7.0 holds it (report id 62751147890): rope_parameters
    // { partial_rotary_factor: 0.25, rope_theta: 10000000, rope_type: "default" }, and no top-level keys.
    const v5 = {
      head_dim: 256,
      hidden_size: 2048,
      num_attention_heads: 16,
      max_position_embeddings: 262144,
      rope_parameters: { partial_rotary_factor: 0.25, rope_theta: 10000000, rope_type: 'default' },
    };
    const rope = readRopeConfig(v5);
    expect([rope.base, rope.rotaryDim, rope.scaling]).toEqual([1e7, 64, undefined]);
    const v4 = readRopeConfig(fixture('qwen3-next-80b-a3b-instruct'));
    expect([v4.base, v4.rotaryDim]).toEqual([1e7, 64]);
  });

  test('rope_parameters split by layer type (Gemma 3 in v5): each layer type reads its own base and scaling', () => {
    // A T5Gemma 2 decoder config as transformers v5 prints it (content index id 3862309277): full-attention layers
    // rotate with base 1e6 and linear ×8 scaling, sliding ones with base 1e4 unscaled.
    const config = {
      head_dim: 256,
      hidden_size: 640,
      num_attention_heads: 4,
      max_position_embeddings: 32768,
      rope_parameters: {
        full_attention: { factor: 8.0, rope_theta: 1000000, rope_type: 'linear' },
        sliding_attention: { rope_theta: 10000, rope_type: 'default' },
      },
    };
    expect(ropeLayerTypes(config)).toEqual(['full_attention', 'sliding_attention']);
    expect(readRopeConfig(config)).toMatchObject({ base: 1e6, scaling: { type: 'linear', factor: 8 } });
    const sliding = readRopeConfig(config, { layerType: 'sliding_attention' });
    expect([sliding.base, sliding.scaling]).toEqual([1e4, undefined]);
    expect(() => readRopeConfig(config, { layerType: 'chunked_attention' })).toThrow(ConfigError);
  });

  test('a bad rope_parameters names its own path', () => {
    const error = (() => {
      try {
        readRopeConfig({ hidden_size: 64, num_attention_heads: 1, rope_parameters: { rope_type: 'ntk-by-parts', rope_theta: 1e4 } });
      } catch (caught) {
        return caught as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect([error.field, error.feature]).toEqual(['rope_parameters.rope_type', 'rope-type']);
    expect(() => readRopeConfig({ hidden_size: 64, num_attention_heads: 1, rope_parameters: 'yarn' })).toThrow(/rope_parameters/);
  });
});
