import { expect, test } from 'vitest';
import fc from 'fast-check';
import { activationPeakBytes, DEFAULT_CUDA_GRAPH_BYTES, DEFAULT_NON_TORCH_BYTES, servingMemory, type GpuSpec } from '~/lib/memory/serving';
import { kvTokenCapacity } from '~/lib/memory/kv-capacity';
import { weightFormatBytes, WEIGHT_FORMATS } from '~/lib/memory/weight-formats';
import { GiB } from '~/lib/model/dtype';
import { modelPreset } from '../../helpers/presets';

// H100 SXM as src/content/gpus/h100-80gb.json records it (driver-reported 81,559 MiB; 3.35 TB/s; 989.4 dense BF16 TFLOPS).
const h100: GpuSpec = {
  memoryBytes: 81559 * 2 ** 20,
  bandwidthBytesPerSecond: 3.35e12,
  flopsPerSecond: { bf16: 989.4e12, fp8: 1978.9e12 },
  interconnectBytesPerSecond: 450e9,
};

test('one H100, Llama-3.1-8B bf16: budget − weights − activation − non-torch − graphs is the KV memory', () => {
  const spec = modelPreset('llama-3.1-8b').spec;
  const r = servingMemory(spec, { gpu: h100, weights: 'bf16', kvDtype: 'bf16', contextTokens: 8192 });
  const budget = 0.9 * 81559 * 2 ** 20;
  const weights = weightFormatBytes(spec, 'bf16').total;
  // 8,192 tokens · (3 · 14,336 · 2 B + 4 · 4,096 · 2 B) + 256 sequences · 128,256 · 4 B of fp32 logits
  const activation = 8192 * (3 * 14336 * 2 + 4 * 4096 * 2) + 256 * 128256 * 4;
  expect(r.perGpu.activationPeak).toBe(activation);
  expect(r.perGpu.weights).toBe(weights);
  expect(r.perGpu.kv).toBeCloseTo(budget - weights - activation - DEFAULT_NON_TORCH_BYTES - DEFAULT_CUDA_GRAPH_BYTES, 0);
  expect(r.kvTokens).toBe(kvTokenCapacity(spec, { freeBytesPerGpu: r.perGpu.kv, dtype: 'bf16' }).tokens);
  expect(r.maxConcurrency).toBeCloseTo(r.kvTokens / 8192, 10);
  expect(r.fits).toBe(true);
});

test('turning CUDA graphs off (--enforce-eager) gives their pool back to the KV cache', () => {
  const spec = modelPreset('llama-3.1-8b').spec;
  const on = servingMemory(spec, { gpu: h100, weights: 'bf16', kvDtype: 'bf16' });
  const off = servingMemory(spec, { gpu: h100, weights: 'bf16', kvDtype: 'bf16', cudaGraphs: false });
  expect(off.perGpu.kv - on.perGpu.kv).toBeCloseTo(DEFAULT_CUDA_GRAPH_BYTES, 0);
  expect(off.perGpu.cudaGraphs).toBe(0);
});

test('Llama-3.1-70B does not fit one H100 in bf16 and says so; on TP 4 it does', () => {
  const spec = modelPreset('llama-3.1-70b').spec;
  const one = servingMemory(spec, { gpu: h100, weights: 'bf16', kvDtype: 'bf16' });
  expect(one.fits).toBe(false);
  expect(one.kvTokens).toBe(0);
  const four = servingMemory(spec, { gpu: h100, tensorParallel: 4, weights: 'bf16', kvDtype: 'bf16' });
  expect(four.fits).toBe(true);
  expect(four.gpus).toBe(4);
  expect(four.perGpu.weights).toBeLessThan(40 * GiB);
});

test('bad options throw errors that name the field', () => {
  const spec = modelPreset('llama-3.1-8b').spec;
  expect(() => servingMemory(spec, { gpu: h100, weights: 'bf16', kvDtype: 'bf16', gpuMemoryUtilization: 1.5 })).toThrow(/gpuMemoryUtilization/);
  expect(() => servingMemory(spec, { gpu: h100, weights: 'bf16', kvDtype: 'bf16', tensorParallel: 3 })).toThrow(/tensorParallel/);
  expect(() => servingMemory(spec, { gpu: { ...h100, memoryBytes: 0 }, weights: 'bf16', kvDtype: 'bf16' })).toThrow(/memoryBytes/);
  expect(() => servingMemory(spec, { gpu: h100, weights: 'q9' as never, kvDtype: 'bf16' })).toThrow(/weights/);
});

test('activation estimate grows linearly with the batched tokens and shrinks with TP', () => {
  const spec = modelPreset('llama-3.1-70b').spec;
  const logits = 256 * spec.vocabSize * 4;
  expect(activationPeakBytes(spec, 4096) - logits).toBeCloseTo((activationPeakBytes(spec, 8192) - logits) / 2, 0);
  expect(activationPeakBytes(spec, 8192, 8)).toBeLessThan(activationPeakBytes(spec, 8192, 1));
});

test('property: more utilization never means fewer tokens; the parts add up to the budget', () => {
  const spec = modelPreset('qwen2.5-7b').spec;
  fc.assert(
    fc.property(
      fc.double({ min: 0.3, max: 0.99, noNaN: true }),
      fc.double({ min: 0, max: 0.05, noNaN: true }),
      fc.constantFrom(...WEIGHT_FORMATS),
      (u, du, weights) => {
        const a = servingMemory(spec, { gpu: h100, weights, kvDtype: 'bf16', gpuMemoryUtilization: u });
        const b = servingMemory(spec, { gpu: h100, weights, kvDtype: 'bf16', gpuMemoryUtilization: Math.min(1, u + du) });
        expect(b.kvTokens).toBeGreaterThanOrEqual(a.kvTokens);
        const p = a.perGpu;
        expect(p.weights + p.activationPeak + p.nonTorch + p.cudaGraphs + p.kv).toBeCloseTo(p.budget, 0);
      },
    ),
    { numRuns: 50 },
  );
});

test('gpu may be an id from the GPU data: the H100 file gives the same plan as its figures', () => {
  const spec = modelPreset('llama-3.1-8b').spec;
  const byId = servingMemory(spec, { gpu: 'h100-80gb', weights: 'bf16', kvDtype: 'bf16' });
  const byObject = servingMemory(spec, { gpu: h100, weights: 'bf16', kvDtype: 'bf16' });
  expect(byId.kvTokens).toBe(byObject.kvTokens);
  expect(() => servingMemory(spec, { gpu: 'h900', weights: 'bf16', kvDtype: 'bf16' })).toThrow(/gpu: unknown GPU id/);
});
