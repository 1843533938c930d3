import { expect, test } from 'vitest';
import fc from 'fast-check';
import {
  checkTensorParallel,
  kvBytesPerLayerPerRank,
  kvBytesPerTokenPerGpu,
  kvHeadsPerRank,
  layersPerStage,
  ParallelismError,
} from '~/lib/memory/tensor-parallel';
import { kvCacheGroups, kvTokenCapacity } from '~/lib/memory/kv-capacity';
import { kvCacheBytes } from '~/lib/memory/kv-cache';
import { countParams } from '~/lib/model/param-count';
import { GiB } from '~/lib/model/dtype';
import type { ModelSpec } from '~/lib/model/model-spec';
import { modelPreset } from '../../helpers/presets';

/** A hand-made GQA shape: 64 query heads, `kv` KV heads of width 128, `layers` layers. */
function gqa(kv: number, layers = 80): ModelSpec {
  return {
    family: 'test',
    numLayers: layers,
    hiddenSize: 8192,
    numHeads: 64,
    numKvHeads: kv,
    headDim: 128,
    intermediateSize: 28672,
    vocabSize: 128256,
    tiedEmbeddings: false,
    attention: kv === 64 ? 'mha' : kv === 1 ? 'mqa' : 'gqa',
    mlp: 'gated',
    norm: 'rmsnorm',
    bias: { qkv: false, o: false, mlp: false },
  };
}

test('KV heads split when TP divides them, one per rank (replicated) when TP exceeds them', () => {
  // vLLM ModelConfig.get_num_kv_heads: max(1, total_num_kv_heads // tensor_parallel_size)
  expect(kvHeadsPerRank(8, 1)).toBe(8);
  expect(kvHeadsPerRank(8, 4)).toBe(2);
  expect(kvHeadsPerRank(8, 8)).toBe(1);
  expect(kvHeadsPerRank(8, 16)).toBe(1);
  expect(kvHeadsPerRank(1, 8)).toBe(1);
});

test('a TP degree that neither divides nor is divided by the KV heads is an error naming tensorParallel', () => {
  // QKVParallelLinear: divide(total_num_kv_heads, tp) or divide(tp, total_num_kv_heads) asserts
  expect(() => kvHeadsPerRank(8, 3)).toThrow(ParallelismError);
  expect(() => kvHeadsPerRank(8, 12)).toThrow(/tensorParallel/);
  expect(() => checkTensorParallel(gqa(8), 5)).toThrow(/attention heads/);
  expect(() => kvHeadsPerRank(8, 0)).toThrow(ParallelismError);
});

test('Llama-3.1-70B on TP16 keeps 1 of its 8 KV heads per GPU: twice the pooled share', () => {
  const spec = modelPreset('llama-3.1-70b').spec;
  const kv = kvCacheBytes(spec, { seqLen: 1, batch: 1, dtype: 'bf16', tensorParallel: 16 });
  // 80 layers · 2 · 1 head · 128 · 2 B = 40,960 B per token on each GPU (the pooled view says 20,480)
  expect(kv.perGpuPerToken).toBe(40_960);
  expect(kv.perGpuPerToken / (kv.perToken / 16)).toBe(2);
});

test('DeepSeek-V3 on 8×H200 (TP 8) holds 745,376 tokens by vLLM rule, not 8× that', () => {
  const spec = modelPreset('deepseek-v3').spec;
  // The setting: u = 0.9, 8 × 141 GiB, fp8 weights at one byte per parameter, bf16 latent cache.
  const pooledFree = 0.9 * 8 * 141 * GiB - countParams(spec);
  const freeBytesPerGpu = pooledFree / 8;
  const perGpu = kvCacheBytes(spec, { seqLen: 1, batch: 1, dtype: 'bf16', tensorParallel: 8 });
  // MLA: the whole latent (512 + 64) on every rank, 61 layers · 576 · 2 B
  expect(perGpu.perGpuPerToken).toBe(61 * 576 * 2);
  expect(kvTokenCapacity(spec, { freeBytesPerGpu, dtype: 'bf16', tensorParallel: 8 })).toMatchObject({
    tokens: 745_376,
    blocks: 46_586,
  });
  // The pooled estimate the issue measured (5,963,056 after block rounding) is 8.0× too many.
  const pooled = Math.floor(pooledFree / perGpu.perToken / 16) * 16;
  expect(pooled).toBe(5_963_056);
  expect(pooled / 745_376).toBeCloseTo(8, 2);
});

test('capacity is whole blocks: ⌊free / (block · per-layer bytes) / layers⌋ (vLLM get_num_blocks)', () => {
  const spec = gqa(8, 32);
  const perLayer = kvBytesPerLayerPerRank(spec, 'bf16', 1); // 2 · 8 · 128 · 2 = 4096
  expect(perLayer).toBe(4096);
  const page = 16 * perLayer;
  expect(kvTokenCapacity(spec, { freeBytesPerGpu: page * 32 * 10 + page * 31, dtype: 'bf16' })).toMatchObject({
    tokens: 160,
    blocks: 10,
  });
  expect(kvTokenCapacity(spec, { freeBytesPerGpu: 0, dtype: 'bf16' })).toMatchObject({ tokens: 0, blocks: 0 });
  expect(kvTokenCapacity(spec, { freeBytesPerGpu: -5, dtype: 'bf16' })).toMatchObject({ tokens: 0, blocks: 0 });
});

test('pipeline stages: the busiest stage holds ⌈L/PP⌉ layers and decides the capacity', () => {
  expect(layersPerStage(61, 2)).toBe(31);
  expect(layersPerStage(80, 4)).toBe(20);
  expect(() => layersPerStage(4, 8)).toThrow(/pipelineParallel/);
  const spec = gqa(8, 80);
  expect(kvBytesPerTokenPerGpu(spec, 'bf16', 8, 4)).toBe(20 * 2 * 1 * 128 * 2);
});

test('property: tokens are whole blocks, never exceed free memory, and grow with it', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(1, 2, 4, 8),
      fc.constantFrom(1, 2, 4, 8, 16, 32),
      fc.double({ min: 0, max: 200 * GiB, noNaN: true }),
      fc.double({ min: 0, max: 10 * GiB, noNaN: true }),
      fc.constantFrom(1, 16, 32),
      (kv, tp, free, extra, blockSize) => {
        const spec = gqa(kv, 40);
        if (kv % tp !== 0 && tp % kv !== 0) return;
        const a = kvTokenCapacity(spec, { freeBytesPerGpu: free, dtype: 'bf16', tensorParallel: tp, blockSize });
        const b = kvTokenCapacity(spec, { freeBytesPerGpu: free + extra, dtype: 'bf16', tensorParallel: tp, blockSize });
        expect(a.tokens % blockSize).toBe(0);
        expect(a.tokens * kvBytesPerTokenPerGpu(spec, 'bf16', tp)).toBeLessThanOrEqual(free);
        expect(b.tokens).toBeGreaterThanOrEqual(a.tokens);
      },
    ),
  );
});

test('property: per-GPU KV is never below the pooled share, and equals it when TP divides the KV heads', () => {
  fc.assert(
    fc.property(fc.constantFrom(1, 2, 4, 8, 16, 64), fc.constantFrom(1, 2, 4, 8, 16, 32, 64), fc.integer({ min: 1, max: 8192 }), (kv, tp, seqLen) => {
      if (kv % tp !== 0 && tp % kv !== 0) return;
      const r = kvCacheBytes(gqa(kv, 8), { seqLen, batch: 1, dtype: 'fp16', tensorParallel: tp });
      expect(r.perGpuTotal).toBeGreaterThanOrEqual(r.total / tp - 1e-9);
      if (kv % tp === 0) expect(r.perGpuTotal).toBeCloseTo(r.total / tp, 6);
    }),
  );
});

test('hybrid models: layers grouped as vLLM groups them, the logged size is ⌊pool blocks / groups⌋ · 16', () => {
  // Gemma 3 1B (src/content/models/gemma-3-1b-it.json): 26 layers, every sixth full, so 22 sliding + 4 full.
  // vLLM: groups of 4 (the smaller count; 22 ≥ 1.5 · 4), the sliding layers padded 22 → 24 in 6 groups, plus 1.
  const gemma = modelPreset('gemma-3-1b-it').spec;
  expect(kvCacheGroups(gemma)).toEqual({ groups: 7, layersPerGroup: 4 });
  const page = 16 * kvBytesPerLayerPerRank(gemma, 'bf16');
  const cap = kvTokenCapacity(gemma, { freeBytesPerGpu: page * 4 * 700 + page, dtype: 'bf16' });
  // 700 pool blocks (free / page / 4 layers per group), shared by 7 groups: 100 blocks, 1,600 tokens.
  expect(cap).toMatchObject({ tokens: 100 * 16, blocks: 100 });
  // Counts within 1.5× of each other use the larger as the group size (13 full + 12 sliding → 2 groups of 13).
  const near: ModelSpec = { ...gqa(8, 25), slidingWindow: { window: 128, layers: Array.from({ length: 25 }, (_, i) => i % 2 === 1) } };
  expect(kvCacheGroups(near)).toEqual({ groups: 2, layersPerGroup: 13 });
  // All layers windowed (Mistral 7B) is one kind: a single group.
  const allWindowed: ModelSpec = { ...gqa(8, 32), slidingWindow: { window: 4096, layers: Array(32).fill(true) } };
  expect(kvCacheGroups(allWindowed)).toEqual({ groups: 1, layersPerGroup: 32 });
});

test('property: hybrid capacity never charges fewer layer-pages than the model has', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 64 }),
      fc.integer({ min: 0, max: 2 ** 20 }),
      fc.double({ min: 0, max: 80 * GiB, noNaN: true }),
      (layers, mask, free) => {
        const windowed = Array.from({ length: layers }, (_, i) => ((mask >> (i % 20)) & 1) === 1);
        const spec: ModelSpec = { ...gqa(8, layers), slidingWindow: { window: 256, layers: windowed } };
        const { groups, layersPerGroup } = kvCacheGroups(spec);
        expect(groups * layersPerGroup).toBeGreaterThanOrEqual(layers);
        const cap = kvTokenCapacity(spec, { freeBytesPerGpu: free, dtype: 'bf16' });
        expect(cap.tokens * kvBytesPerTokenPerGpu(spec, 'bf16')).toBeLessThanOrEqual(free);
        const page = 16 * kvBytesPerLayerPerRank(spec, 'bf16');
        expect(cap.blocks).toBe(Math.floor(Math.floor(Math.floor(free) / page / layersPerGroup) / groups));
      },
    ),
  );
});
