/**
 * The serving core's refusals are OptionErrors with a reason code (code review 2, §7.3): callers translate
 * `(field, reason, limit)` and never read the English message.
 */
import { expect, test } from 'vitest';
import { OptionError } from '~/lib/errors';
import { ServingOptionError, servingMemory, type GpuSpec } from '~/lib/memory/serving';
import { KvCacheOptionError, kvCacheBytes, withAttention } from '~/lib/memory/kv-cache';
import { checkTensorParallel, layersPerStage, ParallelismError } from '~/lib/memory/tensor-parallel';
import { inferenceSpeed } from '~/lib/memory/inference-speed';
import { RooflineInputError, speculativeTokensPerCall } from '~/lib/memory/roofline-basics';
import { gpuById } from '~/lib/memory/gpu-data';
import { modelPreset } from '../../helpers/presets';

const thrown = (run: () => unknown): OptionError => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(OptionError);
    return error as OptionError;
  }
  throw new Error('expected a refusal');
};

const h100: GpuSpec = {
  memoryBytes: 81559 * 2 ** 20,
  bandwidthBytesPerSecond: 3.35e12,
  flopsPerSecond: { bf16: 989.4e12, fp8: 1978.9e12 },
  interconnectBytesPerSecond: 450e9,
};

test('a TP degree the heads cannot split: ParallelismError, not-divisible, the head count as the limit, and what it split', () => {
  const spec = modelPreset('llama-3.1-70b').spec; // 64 heads, 8 KV heads
  const heads = thrown(() => checkTensorParallel(spec, 3)) as ParallelismError;
  expect(heads).toBeInstanceOf(ParallelismError);
  expect([heads.field, heads.reason, heads.got, heads.limit, heads.splits]).toEqual(['tensorParallel', 'not-divisible', 3, 64, 'heads']);
  // 24 query heads split 6 ways, but 6 neither divides the 8 KV heads nor is a multiple of them.
  const kv = thrown(() => checkTensorParallel({ ...spec, numHeads: 24 }, 6)) as ParallelismError;
  expect([kv.reason, kv.limit, kv.splits]).toEqual(['not-divisible', 8, 'kvHeads']);
  const layers = thrown(() => layersPerStage(4, 8)) as ParallelismError;
  expect([layers.field, layers.reason, layers.limit, layers.splits]).toEqual(['pipelineParallel', 'above-max', 4, 'layers']);
  expect(thrown(() => checkTensorParallel(spec, 1.5)).reason).toBe('not-integer');
  expect(thrown(() => checkTensorParallel(spec, 0)).reason).toBe('below-min');
});

test('serving, speed, KV and roofline refusals are OptionErrors of their module with a reason', () => {
  const spec = modelPreset('llama-3.1-8b').spec;
  const util = thrown(() => servingMemory(spec, { gpu: h100, weights: 'bf16', kvDtype: 'bf16', gpuMemoryUtilization: 1.5 }));
  expect(util).toBeInstanceOf(ServingOptionError);
  expect([util.field, util.reason, util.limit]).toEqual(['gpuMemoryUtilization', 'above-max', 1]);
  expect(thrown(() => servingMemory(spec, { gpu: h100, weights: 'q9' as never, kvDtype: 'bf16' })).reason).toBe('not-one-of');
  const batch = thrown(() => inferenceSpeed(spec, { gpu: h100, batch: 0, promptTokens: 1, contextTokens: 1, weights: 'bf16', kvDtype: 'bf16' }));
  expect(batch).toBeInstanceOf(ServingOptionError);
  expect([batch.field, batch.reason]).toEqual(['batch', 'below-min']);
  const seq = thrown(() => kvCacheBytes(spec, { seqLen: 1.5, batch: 1, dtype: 'fp16' }));
  expect(seq).toBeInstanceOf(KvCacheOptionError);
  expect([seq.field, seq.reason]).toEqual(['seqLen', 'not-integer']);
  expect(thrown(() => withAttention(spec, 'gqa', 5)).reason).toBe('not-divisible');
  const alpha = thrown(() => speculativeTokensPerCall(1.5, 4));
  expect(alpha).toBeInstanceOf(RooflineInputError);
  expect([alpha.field, alpha.reason]).toEqual(['acceptanceRate', 'above-max']);
  expect(thrown(() => gpuById('h900')).reason).toBe('not-one-of');
});
