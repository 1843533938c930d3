import { expect, test } from 'vitest';
import fc from 'fast-check';
import {
  cachedTokens,
  divisorKvHeads,
  freeKvBytes,
  kvCacheBytes,
  kvElementsPerLayer,
  maxConcurrentSequences,
  maxContextLength,
  pagedTokens,
  withAttention,
} from '~/lib/memory/kv-cache';
import { DTYPES, GiB } from '~/lib/model/dtype';
import type { ModelSpec } from '~/lib/model/model-spec';
import { parseHfConfig } from '~/lib/model/hf-config';
import { modelPreset, modelPresets } from '../../helpers/presets';

const KiB = 1024;
const MiB = 1024 ** 2;

test('OPT-13B stores 800 KiB per token in fp16 (PagedAttention §3: "800 KB")', () => {
  const spec = modelPreset('opt-13b').spec;
  expect(kvCacheBytes(spec, { seqLen: 1, batch: 1, dtype: 'fp16' }).perToken).toBe(800 * KiB);
});

test('OPT-13B: a 2048-token request takes 1.6 GB (1,677,721,600 bytes)', () => {
  const spec = modelPreset('opt-13b').spec;
  expect(kvCacheBytes(spec, { seqLen: 2048, batch: 1, dtype: 'fp16' }).total).toBe(1_677_721_600);
});

test('Llama-2-7B stores 0.5 MiB per token in fp16, 2 GiB at 4096 tokens', () => {
  const spec = modelPreset('llama-2-7b').spec;
  expect(kvCacheBytes(spec, { seqLen: 4096, batch: 1, dtype: 'fp16' })).toEqual({
    perToken: 0.5 * MiB,
    total: 2 * GiB,
    perGpuPerToken: 0.5 * MiB,
    perGpuTotal: 2 * GiB,
    stateBytesPerSequence: 0,
    perGpuStateBytesPerSequence: 0,
  });
});

test('DeepSeek-V2 caches 576 elements per token per layer (d_c 512 + d_h^R 64), no ×2', () => {
  const spec = modelPreset('deepseek-v2').spec;
  expect(kvElementsPerLayer(spec)).toBe(576);
  expect(kvCacheBytes(spec, { seqLen: 1, batch: 1, dtype: 'bf16' }).perToken).toBe(60 * 576 * 2);
});

test('DeepSeek-V2 "reduces the KV cache by 93.3%": 6-bit MLA cache vs DeepSeek 67B in bf16', () => {
  const v2 = modelPreset('deepseek-v2').spec;
  // DeepSeek 67B: 95 layers, GQA with 8 KV heads of 128 (DeepSeek LLM, arXiv 2401.02954, Table 2).
  const ds67b = { ...modelPreset('llama-2-70b').spec, numLayers: 95, numKvHeads: 8, headDim: 128 };
  const v2Bits = (kvCacheBytes(v2, { seqLen: 1, batch: 1, dtype: 'fp8' }).perToken * 6) / 8;
  const ds67Bits = kvCacheBytes(ds67b, { seqLen: 1, batch: 1, dtype: 'bf16' }).perToken;
  expect(1 - v2Bits / ds67Bits).toBeCloseTo(0.933, 3);
});

test("Mistral 7B's rolling buffer saves 8× at 32k tokens: 4 GiB → 0.5 GiB in bf16", () => {
  const spec = modelPreset('mistral-7b').spec;
  const windowed = kvCacheBytes(spec, { seqLen: 32768, batch: 1, dtype: 'bf16' }).total;
  const { slidingWindow: _, ...full } = spec;
  const unwindowed = kvCacheBytes(full, { seqLen: 32768, batch: 1, dtype: 'bf16' }).total;
  expect([unwindowed, windowed]).toEqual([4 * GiB, 0.5 * GiB]);
});

test('Gemma 2 9B at 8k: 21 local layers capped at 4096 need 1.97 GiB instead of 2.63 GiB', () => {
  const spec = modelPreset('gemma-2-9b').spec;
  expect(kvCacheBytes(spec, { seqLen: 8192, batch: 1, dtype: 'bf16' }).total).toBe(21 * 8192 * (8192 + 4096));
  expect(cachedTokens(spec, 0, 8192)).toBe(4096);
  expect(cachedTokens(spec, 1, 8192)).toBe(8192);
});

test('HF Llama 3.1 blog table: fp16 cache at 128k (128,000 tokens) is 15.62 GiB for 8B and 39.06 GiB for 70B', () => {
  // The blog prints these in GiB (labelled GB) cut to two decimals: 15.625 → 15.62, 39.0625 → 39.06.
  const at128k = (id: string) => kvCacheBytes(modelPreset(id).spec, { seqLen: 128_000, batch: 1, dtype: 'fp16' }).total / GiB;
  expect(at128k('llama-3.1-8b')).toBe(15.625);
  expect(at128k('llama-3.1-70b')).toBe(39.0625);
});

test('GQA with 8 KV heads stores 1/8 of MHA (Llama-2-70B: 320 KiB vs 2.5 MiB per token)', () => {
  const gqa = modelPreset('llama-2-70b').spec;
  const perToken = (spec: ModelSpec) => kvCacheBytes(spec, { seqLen: 1, batch: 1, dtype: 'fp16' }).perToken;
  expect(perToken(gqa)).toBe(320 * KiB);
  expect(perToken(withAttention(gqa, 'mha'))).toBe(8 * 320 * KiB);
});

test('MQA stores 1/n_heads of MHA (Falcon-7B: 8 KiB per token in bf16)', () => {
  const falcon = modelPreset('falcon-7b').spec;
  const perToken = (spec: ModelSpec) => kvCacheBytes(spec, { seqLen: 1, batch: 1, dtype: 'bf16' }).perToken;
  expect(perToken(falcon)).toBe(8 * KiB);
  expect(perToken(withAttention(falcon, 'mha'))).toBe(71 * perToken(falcon));
});

test('MLA for a model without it uses DeepSeek-V2 proportions: 4.5·d_h per layer', () => {
  const spec = withAttention(modelPreset('llama-2-7b').spec, 'mla');
  expect(kvElementsPerLayer(spec)).toBe(4.5 * 128);
});

test('DeepSeek-V2 as MHA caches 2·n_h·d_h = 32,768 elements per layer, as in the paper (arXiv 2405.04434, Table 1)', () => {
  // Table 1: MHA caches 2·n_h·d_h·l per token; DeepSeek-V2 has n_h = 128 and d_h = 128 (§3.1.2), the decoupled
  // RoPE width d_h^R = 64 is MLA's own addition and not part of the MHA baseline.
  const v2 = modelPreset('deepseek-v2').spec;
  expect(kvElementsPerLayer(withAttention(v2, 'mha'))).toBe(32_768);
  expect(kvElementsPerLayer(withAttention(v2, 'mqa'))).toBe(2 * 128);
  expect(kvElementsPerLayer(v2)).toBe(576);
  expect(withAttention(v2, 'mla')).toBe(v2);
});

test('an MLA model whose value heads are wider than its key heads keeps both widths when shown as MHA', () => {
  const v2 = modelPreset('deepseek-v2').spec;
  const wideV = { ...v2, mla: { ...v2.mla!, vHeadDim: 256 } };
  const mha = withAttention(wideV, 'mha');
  expect([mha.headDim, mha.vHeadDim]).toEqual([128, 256]);
  expect(kvElementsPerLayer(mha)).toBe(128 * (128 + 256));
});

test('withAttention refuses a KV-head count that does not divide the query heads', () => {
  expect(() => withAttention(modelPreset('llama-2-7b').spec, 'gqa', 5)).toThrow(RangeError);
  expect(divisorKvHeads({ numHeads: 32 })).toEqual([1, 2, 4, 8, 16, 32]);
});

test('layers without a KV cache add nothing', () => {
  const spec = parseHfConfig({
    model_type: 'qwen3_next',
    num_hidden_layers: 4,
    hidden_size: 2048,
    num_attention_heads: 16,
    num_key_value_heads: 2,
    head_dim: 256,
    intermediate_size: 5120,
    vocab_size: 151936,
    layer_types: ['linear_attention', 'linear_attention', 'linear_attention', 'full_attention'],
    linear_num_key_heads: 16,
    linear_num_value_heads: 32,
    linear_key_head_dim: 128,
    linear_value_head_dim: 128,
  });
  expect(kvCacheBytes(spec, { seqLen: 10, batch: 1, dtype: 'bf16' }).perToken).toBe(2 * 2 * 256 * 2);
});

test('paged attention rounds each sequence up to whole blocks of 16', () => {
  const spec = modelPreset('llama-2-7b').spec;
  expect(pagedTokens(1000, 16)).toBe(1008);
  const exact = kvCacheBytes(spec, { seqLen: 1000, batch: 3, dtype: 'fp16' }).total;
  const paged = kvCacheBytes(spec, { seqLen: 1000, batch: 3, dtype: 'fp16', blockSize: 16 }).total;
  expect(paged - exact).toBe(3 * 8 * 0.5 * MiB);
});

test('the longest context that fits 2 GiB for Llama-2-7B in fp16 is 4096 tokens', () => {
  const spec = modelPreset('llama-2-7b').spec;
  expect(maxContextLength(spec, { freeBytes: 2 * GiB, batch: 1, dtype: 'fp16' })).toEqual({
    kind: 'limited',
    seqLen: 4096,
    exceedsTrainedWindow: false,
    trainedWindow: 4096,
  });
  expect(maxContextLength(spec, { freeBytes: 2 * GiB - 1, batch: 1, dtype: 'fp16', blockSize: 16 })).toMatchObject({ kind: 'limited', seqLen: 4080 });
});

test('a model whose every layer is windowed fits any context once the window fits', () => {
  const spec = modelPreset('mistral-7b').spec;
  expect(maxContextLength(spec, { freeBytes: GiB, batch: 1, dtype: 'bf16' })).toEqual({ kind: 'unbounded', exceedsTrainedWindow: true, trainedWindow: 32768 });
  expect(maxContextLength(spec, { freeBytes: 1000, batch: 1, dtype: 'bf16' })).toEqual({ kind: 'none' });
});

test('when the weights do not fit, nothing fits', () => {
  const spec = modelPreset('llama-2-70b').spec;
  const free = freeKvBytes(24 * GiB, 0.9, 2 * 68_976_648_192);
  expect(free).toBeLessThan(0);
  expect(maxContextLength(spec, { freeBytes: free, batch: 1, dtype: 'fp16' })).toEqual({ kind: 'none' });
  expect(maxConcurrentSequences(spec, { freeBytes: free, seqLen: 4096, dtype: 'fp16' })).toBe(0);
});

test('concurrent sequences: 8 GiB holds four 4096-token Llama-2-7B sequences in fp16', () => {
  const spec = modelPreset('llama-2-7b').spec;
  expect(maxConcurrentSequences(spec, { freeBytes: 8 * GiB, seqLen: 4096, dtype: 'fp16' })).toBe(4);
});

test('bad sizes are rejected rather than computed', () => {
  const spec = modelPreset('llama-2-7b').spec;
  expect(() => kvCacheBytes(spec, { seqLen: -1, batch: 1, dtype: 'fp16' })).toThrow(RangeError);
  expect(() => kvCacheBytes(spec, { seqLen: 1.5, batch: 1, dtype: 'fp16' })).toThrow(RangeError);
  expect(() => kvCacheBytes(spec, { seqLen: 10, batch: Number.NaN, dtype: 'fp16' })).toThrow(RangeError);
  expect(() => kvCacheBytes(spec, { seqLen: 10, batch: 1, dtype: 'fp12' as never })).toThrow(RangeError);
});

// Valid specs from random but consistent configs: every attention kind, optional windows.
const specs = fc
  .record({
    layers: fc.integer({ min: 1, max: 160 }),
    headDim: fc.constantFrom(32, 64, 80, 128, 256),
    heads: fc.integer({ min: 1, max: 128 }),
    groupsPick: fc.nat(),
    window: fc.option(fc.integer({ min: 1, max: 1 << 20 }), { nil: undefined }),
    mla: fc.boolean(),
  })
  .map(({ layers, headDim, heads, groupsPick, window, mla }) => {
    const divisors = divisorKvHeads({ numHeads: heads });
    const config: Record<string, unknown> = {
      model_type: 'llama',
      num_hidden_layers: layers,
      hidden_size: heads * headDim,
      num_attention_heads: heads,
      num_key_value_heads: divisors[groupsPick % divisors.length],
      intermediate_size: 4 * heads * headDim,
      vocab_size: 32000,
    };
    if (window !== undefined) config.sliding_window = window;
    if (mla)
      Object.assign(config, { kv_lora_rank: 4 * headDim, qk_rope_head_dim: headDim / 2, qk_nope_head_dim: headDim, v_head_dim: headDim, q_lora_rank: null });
    return parseHfConfig(config);
  });
const dtypes = fc.constantFrom(...DTYPES);
const lengths = fc.integer({ min: 0, max: 1 << 22 });
const batches = fc.integer({ min: 1, max: 4096 });

test('KV bytes are finite and non-negative for every valid spec', () => {
  fc.assert(
    fc.property(specs, lengths, batches, dtypes, (spec, seqLen, batch, dtype) => {
      const { perToken, total } = kvCacheBytes(spec, { seqLen, batch, dtype });
      expect(Number.isFinite(perToken) && perToken > 0).toBe(true);
      expect(Number.isFinite(total) && total >= 0).toBe(true);
    }),
  );
});

test('KV bytes never shrink as the context grows', () => {
  fc.assert(
    fc.property(specs, lengths, lengths, batches, dtypes, (spec, a, b, batch, dtype) => {
      const [short, long] = a <= b ? [a, b] : [b, a];
      expect(kvCacheBytes(spec, { seqLen: short, batch, dtype }).total).toBeLessThanOrEqual(kvCacheBytes(spec, { seqLen: long, batch, dtype }).total);
    }),
  );
});

test('KV bytes are linear in batch (so monotone in batch)', () => {
  fc.assert(
    fc.property(specs, lengths, batches, dtypes, (spec, seqLen, batch, dtype) => {
      const one = kvCacheBytes(spec, { seqLen, batch: 1, dtype }).total;
      expect(kvCacheBytes(spec, { seqLen, batch, dtype }).total).toBe(one * batch);
    }),
  );
});

test('without windows the total is perToken × seqLen × batch', () => {
  fc.assert(
    fc.property(specs, lengths, batches, dtypes, (spec, seqLen, batch, dtype) => {
      const { slidingWindow: _, ...full } = spec;
      const { perToken, total } = kvCacheBytes(full, { seqLen, batch, dtype });
      expect(total).toBe(perToken * seqLen * batch);
    }),
  );
});

test('the reverse solver returns a context that fits, and one token more does not', () => {
  fc.assert(
    fc.property(
      specs,
      fc.double({ min: 1, max: 2 ** 40, noNaN: true }),
      fc.integer({ min: 1, max: 64 }),
      dtypes,
      fc.constantFrom(1, 16),
      (spec, freeBytes, batch, dtype, blockSize) => {
        const result = maxContextLength(spec, { freeBytes, batch, dtype, blockSize });
        if (result.kind !== 'limited') return;
        expect(kvCacheBytes(spec, { seqLen: result.seqLen, batch, dtype, blockSize }).total).toBeLessThanOrEqual(freeBytes);
        expect(kvCacheBytes(spec, { seqLen: result.seqLen + 1, batch, dtype, blockSize }).total).toBeGreaterThan(freeBytes);
      },
    ),
    { numRuns: 50 },
  );
});

test('every preset gives a finite per-token size in every dtype', () => {
  for (const preset of modelPresets()) {
    for (const dtype of DTYPES) expect(Number.isFinite(kvCacheBytes(preset.spec, { seqLen: 1, batch: 1, dtype }).perToken)).toBe(true);
  }
});
