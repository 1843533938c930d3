import { expect, test } from 'vitest';
import fc from 'fast-check';
import {
  activationPeakBytes,
  DEFAULT_CUDA_CONTEXT_BYTES,
  DEFAULT_CUDA_GRAPH_BYTES,
  DEFAULT_NCCL_BYTES,
  SAMPLER_BYTES_PER_LOGIT,
  servingMemory,
  vllmBatchDefaults,
  type GpuSpec,
} from '~/lib/memory/serving';
import { kvTokenCapacity } from '~/lib/memory/kv-capacity';
import { weightFormatBytes, WEIGHT_FORMATS } from '~/lib/memory/weight-formats';
import { GiB } from '~/lib/model/dtype';
import { modelPreset } from '../../helpers/presets';

// H100 SXM as src/content/gpus/h100-80gb.json records it (79.18 GiB as vLLM reads it; 3.35 TB/s; 989.4 dense BF16 TFLOPS).
const h100: GpuSpec = {
  memoryBytes: 79.18 * 2 ** 30,
  name: 'NVIDIA H100 80GB',
  bandwidthBytesPerSecond: 3.35e12,
  flopsPerSecond: { bf16: 989.4e12, fp8: 1978.9e12 },
  interconnectBytesPerSecond: 450e9,
};

test('one H100, Llama-3.1-8B bf16: budget − weights − activation − non-torch − graphs is the KV memory', () => {
  const spec = modelPreset('llama-3.1-8b').spec;
  const r = servingMemory(spec, { gpu: h100, weights: 'bf16', kvDtype: 'bf16', contextTokens: 8192 });
  const budget = 0.9 * 79.18 * 2 ** 30;
  const weights = weightFormatBytes(spec, 'bf16').total;
  // vLLM's H100 defaults: 8,192 batched tokens, 1,024 sequences. Forward: 8,192 · (3 · 14,336 · 2 B + 4 · 4,096 · 2 B);
  // sampler (FlashInfer): 1,024 · 128,256 logits · 10 B, the larger of the two.
  const forward = 8192 * (3 * 14336 * 2 + 4 * 4096 * 2);
  const sampler = 1024 * 128256 * SAMPLER_BYTES_PER_LOGIT.flashinfer;
  expect(r.perGpu.activationForward).toBe(forward);
  expect(r.perGpu.activationSampler).toBe(sampler);
  expect(r.perGpu.activationPeak).toBe(Math.max(forward, sampler));
  expect(r.perGpu.weights).toBe(weights);
  expect(r.perGpu.nccl).toBe(0);
  expect(r.perGpu.kv).toBeCloseTo(budget - weights - Math.max(forward, sampler) - DEFAULT_CUDA_CONTEXT_BYTES - DEFAULT_CUDA_GRAPH_BYTES, 0);
  expect(r.kvTokens).toBe(kvTokenCapacity(spec, { freeBytesPerGpu: r.perGpu.kv, dtype: 'bf16' }).tokens);
  expect(r.maxConcurrency).toBeCloseTo(r.kvTokens / 8192, 10);
  expect(r.fits).toBe(true);
  expect(r.verdict).toBe('fits');
  expect(r.concurrentRequests).toBe(Math.min(Math.floor(r.kvTokens / 8192), 1024));
});

test('NCCL buffers are reserved only with tensor parallelism', () => {
  const spec = modelPreset('llama-3.1-70b').spec;
  const two = servingMemory(spec, { gpu: h100, tensorParallel: 2, weights: 'fp8', kvDtype: 'bf16' });
  expect(two.perGpu.nccl).toBe(DEFAULT_NCCL_BYTES);
  expect(two.perGpu.nonTorch).toBe(DEFAULT_CUDA_CONTEXT_BYTES + DEFAULT_NCCL_BYTES);
  const given = servingMemory(spec, { gpu: h100, tensorParallel: 2, weights: 'fp8', kvDtype: 'bf16', nonTorchBytes: GiB });
  expect(given.perGpu.nonTorch).toBe(GiB);
});

test('vLLM’s batch defaults follow the GPU: 8,192 / 1,024 from 70 GiB except the A100, else 2,048 / 256', () => {
  expect(vllmBatchDefaults(79.18 * GiB, 'NVIDIA H100 80GB HBM3')).toEqual({ maxNumBatchedTokens: 8192, maxNumSeqs: 1024 });
  expect(vllmBatchDefaults(79.15 * GiB, 'NVIDIA A100 80GB')).toEqual({ maxNumBatchedTokens: 2048, maxNumSeqs: 256 });
  expect(vllmBatchDefaults(24 * GiB, 'GeForce RTX 4090')).toEqual({ maxNumBatchedTokens: 2048, maxNumSeqs: 256 });
  // max_num_seqs never exceeds the batched tokens (EngineArgs caps it).
  const spec = modelPreset('llama-3.1-8b').spec;
  expect(servingMemory(spec, { gpu: h100, weights: 'bf16', kvDtype: 'bf16', maxNumBatchedTokens: 512 }).maxNumSeqs).toBe(512);
});

test('the verdict: no room, too few tokens for max_model_len, or it starts', () => {
  const spec = modelPreset('qwen3-32b').spec;
  const rtx4090: GpuSpec = { ...h100, memoryBytes: 24 * GiB, name: 'GeForce RTX 4090' };
  const bf16 = servingMemory(spec, { gpu: rtx4090, weights: 'bf16', kvDtype: 'bf16', contextTokens: 32768 });
  expect(bf16.verdict).toBe('no-room');
  expect(bf16.concurrentRequests).toBe(0);
  const awq1 = servingMemory(spec, { gpu: rtx4090, weights: 'awq-int4', kvDtype: 'bf16', contextTokens: 32768 });
  expect(awq1.fits).toBe(true);
  expect(awq1.verdict).toBe('wont-start');
  expect(awq1.kvTokens).toBeLessThan(32768);
  expect(awq1.longestContext).toBe(awq1.kvTokens);
  const awq2 = servingMemory(spec, { gpu: rtx4090, tensorParallel: 2, weights: 'awq-int4', kvDtype: 'bf16', contextTokens: 32768 });
  expect(awq2.verdict).toBe('fits');
  expect(awq2.concurrentRequests).toBe(Math.floor(awq2.kvTokens / 32768));
  expect(awq2.concurrentRequests).toBeGreaterThanOrEqual(1);
});

test('turning CUDA graphs off (--enforce-eager, or a vLLM before 0.21) gives their estimate back to the KV cache', () => {
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

test('activation: the forward pass grows with the batched tokens and shrinks with TP; the sampler does neither', () => {
  const spec = modelPreset('llama-3.1-70b').spec;
  const light = SAMPLER_BYTES_PER_LOGIT.flashinfer;
  // With few sequences the forward pass is the peak, linear in the tokens.
  expect(activationPeakBytes(spec, 4096, 1, 1, light) * 2).toBeCloseTo(activationPeakBytes(spec, 8192, 1, 1, light), 0);
  expect(activationPeakBytes(spec, 8192, 8, 1, light)).toBeLessThan(activationPeakBytes(spec, 8192, 1, 1, light));
  // The PyTorch sampler at 1,024 sequences outweighs the forward pass and is the same at any TP (every rank gathers the logits).
  const sort = SAMPLER_BYTES_PER_LOGIT.pytorch;
  expect(activationPeakBytes(spec, 8192, 2, 1024, sort)).toBe(1024 * spec.vocabSize * sort);
  expect(activationPeakBytes(spec, 8192, 8, 1024, sort)).toBe(activationPeakBytes(spec, 8192, 2, 1024, sort));
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
