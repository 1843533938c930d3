import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { findLayouts, trainingPlan, TrainingPlanError, type TrainingOptions } from '~/lib/training/parallel';
import { OptionError } from '~/lib/errors';
import { modelOf } from './runs-helpers';

const llama = modelOf('llama-3.1-405b');
const deepseek = modelOf('deepseek-v3');
const base: TrainingOptions = { gpu: 'h100-80gb', gpus: 1024, seqLen: 8192, globalBatchTokens: 8192 * 1024, tensorParallel: 8, pipelineParallel: 16 };

describe('monotonicity', () => {
  test('more tensor parallelism → fewer weight bytes per GPU', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 4), fc.constantFrom(1, 2, 4, 8), fc.constantFrom(0, 1, 2, 3), (a, pp, zeroStage) => {
        const o = { ...base, gpus: 4096, globalBatchTokens: 8192 * 4096, pipelineParallel: pp, zeroStage } as TrainingOptions;
        const lo = trainingPlan(llama, { ...o, tensorParallel: a });
        const hi = trainingPlan(llama, { ...o, tensorParallel: a * 2 });
        // Under ZeRO-3 the weights are already spread over every GPU, so doubling TP (halving DP) keeps them equal.
        if (zeroStage < 3) expect(hi.perGpu.weights).toBeLessThan(lo.perGpu.weights);
        else expect(hi.perGpu.weights).toBeLessThanOrEqual(lo.perGpu.weights * (1 + 1e-12));
      }),
    );
  });

  test('a higher ZeRO stage never adds optimizer, gradient or weight bytes, and stage 1 cuts the optimizer states', () => {
    fc.assert(
      fc.property(fc.constantFrom(0, 1, 2), fc.constantFrom(1, 2, 4, 8), (stage, tp) => {
        const o = { ...base, tensorParallel: tp } as TrainingOptions;
        const lo = trainingPlan(llama, { ...o, zeroStage: stage as 0 | 1 | 2 });
        const hi = trainingPlan(llama, { ...o, zeroStage: (stage + 1) as 1 | 2 | 3 });
        expect(hi.perGpu.optimizer).toBeLessThanOrEqual(lo.perGpu.optimizer);
        expect(hi.perGpu.gradients).toBeLessThanOrEqual(lo.perGpu.gradients);
        expect(hi.perGpu.weights).toBeLessThanOrEqual(lo.perGpu.weights);
        if (stage === 0) expect(hi.perGpu.optimizer).toBeLessThan(lo.perGpu.optimizer);
      }),
    );
  });

  test('the bubble is (p − 1)/(m·v) and shrinks with more microbatches and chunks', () => {
    fc.assert(
      fc.property(fc.constantFrom(2, 4, 8, 16), fc.constantFrom(1, 2, 4), fc.constantFrom(1, 2, 4), (pp, v, perReplica) => {
        const dp = 1024 / (8 * pp);
        const plan = trainingPlan(llama, { ...base, pipelineParallel: pp, virtualStages: v, globalBatchTokens: 8192 * dp * perReplica * 8 });
        const m = perReplica * 8;
        expect(plan.layout.microbatches).toBe(m);
        expect(plan.bubbleFraction).toBeCloseTo((pp - 1) / (m * v), 12);
        expect(plan.breakdown.bubble).toBeGreaterThan(0);
      }),
    );
    expect(trainingPlan(llama, { ...base, gpus: 8, pipelineParallel: 1, globalBatchTokens: 8192 }).bubbleFraction).toBe(0);
  });

  test('recomputation trades memory for hardware FLOPs; MFU counts only the model FLOPs', () => {
    const none = trainingPlan(llama, { ...base, checkpointing: 'none' });
    const sel = trainingPlan(llama, { ...base, checkpointing: 'selective', flashAttention: false });
    const full = trainingPlan(llama, { ...base, checkpointing: 'full' });
    expect(full.perGpu.activations).toBeLessThan(sel.perGpu.activations);
    expect(full.flopsPerToken.model).toBe(none.flopsPerToken.model);
    expect(full.flopsPerToken.hardware).toBeGreaterThan(sel.flopsPerToken.hardware);
    expect(full.hfu).toBeGreaterThan(full.mfu);
  });

  test('PaLM Appendix B: 6N + 12·L·H·Q·T per token', () => {
    const plan = trainingPlan(llama, { ...base, checkpointing: 'none', flashAttention: false });
    // N: 405.85B parameters less the 2.10B input embedding; 12 · 126 layers · 128 heads · 128 · 8192.
    const n = 405_853_388_800 - 128_256 * 16_384;
    expect(plan.flopsPerToken.model).toBe(6 * n + 12 * 126 * 128 * 128 * 8192);
  });

  test('GPU-hours and time follow the throughput', () => {
    const plan = trainingPlan(llama, base);
    expect(plan.trainSeconds(1e12)).toBeCloseTo(1e12 / plan.tokensPerSecond, 3);
    expect(plan.gpuHours(1e12)).toBeCloseTo((plan.trainSeconds(1e12) * 1024) / 3600, 3);
  });
});

describe('bad input is an OptionError with the field and a reason', () => {
  const cases: [string, Partial<TrainingOptions> & Record<string, unknown>, string, string][] = [
    ['tensor parallel not dividing the heads', { tensorParallel: 3 }, 'tensorParallel', 'not-divisible'],
    ['GPUs not a multiple of the model ranks', { gpus: 1000 }, 'gpus', 'not-divisible'],
    ['a wrong data-parallel size', { dataParallel: 4 }, 'dataParallel', 'requires'],
    ['an unknown ZeRO stage', { zeroStage: 4 as 3 }, 'zeroStage', 'not-one-of'],
    ['an unknown checkpointing', { checkpointing: 'some' as 'full' }, 'checkpointing', 'not-one-of'],
    ['NaN sequence length', { seqLen: Number.NaN }, 'seqLen', 'not-number'],
    ['a fractional microbatch', { microBatch: 1.5 }, 'microBatch', 'not-integer'],
    ['expert parallelism on a dense model', { expertParallel: 8 }, 'expertParallel', 'requires'],
    ['virtual stages without a pipeline', { pipelineParallel: 1, virtualStages: 2, gpus: 64 }, 'virtualStages', 'requires'],
    ['a batch that does not split', { globalBatchTokens: 8192 * 100 }, 'microBatch', 'not-divisible'],
    ['an unknown GPU', { gpu: 'tpu-v9' }, 'gpu', 'not-one-of'],
    ['context parallel not dividing the sequence', { contextParallel: 3, gpus: 3 * 128 }, 'contextParallel', 'not-divisible'],
  ];
  for (const [name, patch, field, reason] of cases) {
    test(name, () => {
      try {
        trainingPlan(llama, { ...base, ...patch } as TrainingOptions);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(OptionError);
        expect(error).toBeInstanceOf(TrainingPlanError);
        expect((error as OptionError).field).toBe(field);
        expect((error as OptionError).reason).toBe(reason);
      }
    });
  }
  test('FP8 on a GPU without FP8 tensor cores', () => {
    expect(() => trainingPlan(llama, { ...base, gpu: 'a100-80gb', precision: 'fp8' })).toThrow(/precision/);
  });
});

describe('findLayouts', () => {
  test('returns fitting layouts, fastest first, each reproduced by trainingPlan', () => {
    const found = findLayouts(llama, { gpu: 'h100-80gb', gpus: 1024, seqLen: 8192, globalBatchTokens: 8192 * 1024, limit: 5 });
    expect(found.layouts.length).toBe(5);
    expect(found.evaluated).toBeGreaterThan(found.fitting);
    for (let i = 1; i < found.layouts.length; i++) expect(found.layouts[i]!.stepSeconds).toBeGreaterThanOrEqual(found.layouts[i - 1]!.stepSeconds);
    const best = found.layouts[0]!;
    expect(best.fits).toBe(true);
    const { microbatches: _m, ...layout } = best.layout;
    const again = trainingPlan(llama, { gpu: 'h100-80gb', gpus: 1024, seqLen: 8192, globalBatchTokens: 8192 * 1024, ...layout });
    expect(again.stepSeconds).toBeCloseTo(best.stepSeconds, 9);
    expect(again.perGpu.total).toBeLessThanOrEqual(again.gpuMemoryBytes);
  });

  test('spreads experts for a mixture-of-experts model', () => {
    const found = findLayouts(deepseek, { gpu: 'h100-80gb', gpus: 1024, seqLen: 4096, globalBatchTokens: 4096 * 2048, limit: 3 });
    expect(found.layouts.length).toBeGreaterThan(0);
    expect(found.layouts[0]!.layout.expertParallel).toBeGreaterThan(1);
  });

  test('refuses bad fixed options with the field', () => {
    expect(() => findLayouts(llama, { gpu: 'h100-80gb', gpus: 0, seqLen: 8192, globalBatchTokens: 8192 })).toThrow(TrainingPlanError);
    expect(() => findLayouts(llama, { gpu: 'h100-80gb', gpus: 64, seqLen: 8192, globalBatchTokens: 8192 * 64 + 1 })).toThrow(/globalBatchTokens/);
  });

  test('a batch with fewer sequences than GPUs is searched, not refused (Llama 3: 2,048 sequences on 16,384 GPUs)', () => {
    const found = findLayouts(llama, { gpu: 'h100-80gb', gpus: 1024, seqLen: 8192, globalBatchTokens: 8192 * 256, limit: 3 });
    expect(found.layouts.length).toBeGreaterThan(0);
    for (const f of found.layouts) expect(256 % (f.layout.dataParallel * f.layout.microBatch)).toBe(0);
  });
});
