/**
 * Everything the serving planner shows, from its inputs, in pure functions (no DOM): the verdict (starts, or why
 * not and what to change), per-GPU memory, tokens that fit, and decode and prefill speed for setups that start. The
 * formulas live in `src/lib/memory`; this file combines them and turns core errors into field problems. The island
 * loads it after start-up (`core.ts`): until then the first frame is what the server computed with it.
 */
import { kvCacheGroups } from '~/lib/memory/kv-capacity';
import { checkTensorParallel, kvBytesPerLayerPerRank, ParallelismError, stageKvLayers } from '~/lib/memory/tensor-parallel';
import { requestsThatFit, servingMemoryOn, type ServingMemory } from '~/lib/memory/serving';
import { costPerMillionTokens, inferenceSpeedOn } from '~/lib/memory/inference-speed';
import { weightsPerGpu, type WeightFormat } from '~/lib/memory/weight-formats';
import { isOptionError } from '~/lib/errors';
import { vllmContextLimit } from '~/lib/memory/context-window';
import type { BarSegment, FieldProblem, HeadlineSpeed, Remedy, ServingInputs, ServingView, SpeedPoint } from './view';

const BATCHES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048];
/** Formats offered as "use a smaller format", in the order tried: the two vLLM serves most. */
const SMALLER_FORMATS: WeightFormat[] = ['fp8', 'awq-int4'];
/** On Apple silicon and CPUs (llama.cpp): its two most used GGUF files. */
const SMALLER_GGUF_FORMATS: WeightFormat[] = ['gguf-q8_0', 'gguf-q4_k_m'];
/** Highest utilization suggested: vLLM checks at start-up that this share is free, and the CUDA context sits outside it. */
const MAX_SUGGESTED_UTILIZATION = 0.95;

function problemOf(error: unknown): FieldProblem {
  // Anything else is a bug in the core; it is shown as is rather than thrown (a calculator never throws).
  if (!isOptionError(error)) return { field: 'other', code: 'other', reason: 'malformed', detail: String(error) };
  const base = { reason: error.reason, got: error.gotText, limit: error.limit, detail: error.message };
  if (error instanceof ParallelismError) {
    const field = error.field === 'pipelineParallel' ? 'pp' : 'tp';
    return { ...base, field, code: error.splits ?? 'range' };
  }
  // A device that decodes alone (Apple silicon, a CPU) refuses tensor parallelism > 1.
  if (error.field === 'tensorParallel') return { ...base, field: 'tp', code: 'oneDevice' };
  if (error.field === 'gpuMemoryUtilization') return { ...base, field: 'util', code: 'range' };
  if (error.field === 'weights') return { ...base, field: 'weights', code: 'other' };
  return { ...base, field: 'other', code: 'other' };
}

/** The memory plan for `inputs`, with some of them replaced (for the remedies). */
function plan(inputs: ServingInputs, change: Partial<ServingInputs> = {}): ServingMemory {
  const i = { ...inputs, ...change };
  return servingMemoryOn(i.spec, {
    gpu: i.gpu,
    tensorParallel: i.tensorParallel,
    pipelineParallel: i.pipelineParallel,
    weights: i.weights,
    kvDtype: i.kvDtype,
    gpuMemoryUtilization: i.utilization,
    maxNumBatchedTokens: i.maxNumBatchedTokens || undefined,
    maxNumSeqs: i.maxNumSeqs || undefined,
    cudaGraphs: i.cudaGraphs,
    cudaGraphBytes: i.cudaGraphBytes,
    cudaContextBytes: i.cudaContextBytes,
    ncclBytes: i.ncclBytes,
    sampler: i.sampler,
    activationPeakBytes: i.activationOverrideBytes > 0 ? i.activationOverrideBytes : undefined,
    contextTokens: i.contextTokens,
    // Prefix caching on a hybrid turns vLLM's mamba cache to 'align' (two state pages per recurrent group).
    mambaCacheMode: i.prefixCachedShare > 0 ? 'align' : 'none',
  });
}

/**
 * What to change so vLLM starts, each checked by planning again: more GPUs (the next tensor-parallel degrees the
 * heads split into), a smaller weight format, a shorter max_model_len (the longest that fits), a higher utilization.
 */
export function remediesFor(inputs: ServingInputs, memory: ServingMemory): Remedy[] {
  if (memory.verdict === 'fits') return [];
  const out: Remedy[] = [];
  const tryPlan = (change: Partial<ServingInputs>) => {
    try {
      return plan(inputs, change);
    } catch {
      return null;
    }
  };
  const maxTp = inputs.gpu.maxTensorParallel ?? Infinity;
  for (const tp of [2, 4, 8, 16].filter((t) => t > inputs.tensorParallel && t <= maxTp)) {
    try {
      checkTensorParallel(inputs.spec, tp);
    } catch {
      continue;
    }
    const m = tryPlan({ tensorParallel: tp });
    if (m?.verdict === 'fits') {
      out.push({ kind: 'tp', tensorParallel: tp, gpus: tp * inputs.pipelineParallel, requests: m.concurrentRequests });
      break;
    }
  }
  const current = weightsPerGpu(inputs.spec, inputs.weights, inputs.tensorParallel, inputs.pipelineParallel).perGpu;
  for (const weights of (inputs.gpu.device ?? 'gpu') === 'gpu' ? SMALLER_FORMATS : SMALLER_GGUF_FORMATS) {
    if (weightsPerGpu(inputs.spec, weights, inputs.tensorParallel, inputs.pipelineParallel).perGpu >= current) continue;
    const m = tryPlan({ weights });
    if (m?.verdict === 'fits') {
      out.push({ kind: 'weights', weights, requests: m.concurrentRequests });
      break;
    }
  }
  if (memory.verdict === 'wont-start' && memory.longestContext > 0) out.push({ kind: 'context', contextTokens: memory.longestContext });
  const high = tryPlan({ utilization: MAX_SUGGESTED_UTILIZATION });
  if (inputs.utilization < MAX_SUGGESTED_UTILIZATION && high?.verdict === 'fits') {
    // The lowest utilization (to 0.01) that starts.
    let lo = inputs.utilization;
    let hi = MAX_SUGGESTED_UTILIZATION;
    while (hi - lo > 0.005) {
      const mid = (lo + hi) / 2;
      if (tryPlan({ utilization: mid })?.verdict === 'fits') hi = mid;
      else lo = mid;
    }
    const u = Math.min(MAX_SUGGESTED_UTILIZATION, Math.ceil(hi * 100) / 100);
    out.push({ kind: 'utilization', utilization: u, requests: tryPlan({ utilization: u })?.concurrentRequests ?? 1 });
  }
  return out;
}

/** The planner's numbers for `inputs`, or the field to fix. Never throws. */
export function computeServing(inputs: ServingInputs): { ok: true; value: ServingView } | { ok: false; error: FieldProblem } {
  try {
    const { spec, gpu, tensorParallel: tp, pipelineParallel: pp } = inputs;
    const memory = plan(inputs);
    const p = memory.perGpu;
    const bar: BarSegment[] = [
      { key: 'weights', bytes: p.weights },
      { key: 'activation', bytes: p.activationPeak },
      { key: 'nonTorch', bytes: p.nonTorch },
      { key: 'cudaGraphs', bytes: p.cudaGraphs },
      { key: 'kv', bytes: Math.max(0, p.kv) },
      { key: 'unused', bytes: Math.max(0, p.capacity - p.budget) },
    ];
    const efficiency = { bandwidth: inputs.bandwidthEfficiency, compute: inputs.computeEfficiency, layerOverheadSeconds: inputs.layerOverheadSeconds };
    const speedOpts = {
      gpu,
      tensorParallel: tp,
      promptTokens: inputs.promptTokens,
      contextTokens: inputs.contextTokens,
      weights: inputs.weights,
      kvDtype: inputs.kvDtype,
      efficiency,
      link: inputs.link === 'auto' ? undefined : inputs.link,
      prefixCachedShare: inputs.prefixCachedShare,
      speculation: inputs.speculation ?? undefined,
    };
    const starts = memory.verdict === 'fits';
    // A prefix every request shares is stored once (vLLM's prefix caching shares its blocks): whole blocks of it.
    const block = memory.layout.blockSize;
    const shared = Math.min(
      Math.floor((Math.min(inputs.promptTokens, inputs.contextTokens) * inputs.prefixCachedShare) / block) * block,
      Math.max(0, inputs.contextTokens - block),
    );
    const fitting = requestsThatFit(memory, inputs.contextTokens, shared);
    const formulaBatch = Math.max(1, Math.min(inputs.batch, fitting || 1));
    const speed = inferenceSpeedOn(spec, { ...speedOpts, batch: formulaBatch });
    const headline = (batch: number): HeadlineSpeed => {
      const s = inferenceSpeedOn(spec, { ...speedOpts, batch });
      return { batch, perSequence: s.tokensPerSecondPerSequence, aggregate: s.tokensPerSecond, bound: s.bound.decode };
    };
    const series: SpeedPoint[] = BATCHES.map((batch) => {
      const s = inferenceSpeedOn(spec, { ...speedOpts, batch });
      return { batch, tokensPerSecond: s.tokensPerSecond, perSequence: s.tokensPerSecondPerSequence, bound: s.bound.decode, fits: starts && batch <= fitting };
    });
    const kvLayers = stageKvLayers(spec, pp);
    const kvPerLayerPerRank = kvBytesPerLayerPerRank(spec, inputs.kvDtype, tp);
    const limit = inputs.contextLimit ?? (inputs.config ? vllmContextLimit(inputs.config) : null);
    return {
      ok: true,
      value: {
        memory,
        bar,
        kvPerLayerPerRank,
        kvLayers,
        kvGroups: kvCacheGroups(spec, pp),
        kvPerTokenPerGpu: kvPerLayerPerRank * kvLayers,
        concurrentSequences: fitting,
        reserveBytes: p.activationPeak + p.nonTorch + p.cudaGraphs,
        speeds: starts ? { one: headline(1), full: fitting > 1 ? headline(fitting) : null } : null,
        formulaBatch,
        speed,
        series,
        ridge: series.find((s) => s.bound === 'compute')?.batch ?? null,
        remedies: remediesFor(inputs, memory),
        beyondWindow: limit && inputs.contextTokens > limit.limit ? limit : null,
        cost:
          starts && inputs.pricePerGpuHour > 0
            ? {
                ...costPerMillionTokens({
                  pricePerGpuHour: inputs.pricePerGpuHour,
                  gpus: memory.gpus,
                  tokensPerSecond: headline(fitting).aggregate,
                  prefillSeconds: speed.prefillSeconds,
                  promptTokens: inputs.promptTokens,
                }),
                batch: fitting,
              }
            : null,
        sharedPrefixTokens: shared,
      },
    };
  } catch (error) {
    return { ok: false, error: problemOf(error) };
  }
}
