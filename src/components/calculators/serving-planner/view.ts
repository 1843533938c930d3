/**
 * Everything the serving planner shows, from its inputs, in pure functions (no DOM): per-GPU memory, tokens
 * that fit, decode and prefill speed across batch sizes, (the
 * reconciliation with a pasted vLLM log is `reconcile.ts`, loaded with its panel).
 * The formulas live in `src/lib/memory`; this file combines them and turns core errors into field messages.
 */
import type { Dtype } from '~/lib/model/dtype';
import type { ModelSpec } from '~/lib/model/model-spec';
import { kvCacheGroups } from '~/lib/memory/kv-capacity';
import { kvBytesPerLayerPerRank, ParallelismError, stageKvLayers } from '~/lib/memory/tensor-parallel';
import { servingMemoryOn, ServingOptionError, type ServingMemory } from '~/lib/memory/serving';
import { inferenceSpeedOn, type InferenceSpeed } from '~/lib/memory/inference-speed';
import type { WeightFormat } from '~/lib/memory/weight-formats';
import type { DatasheetGpu, GpuFile } from '~/lib/memory/gpu-data';

export const KV_DTYPES = ['bf16', 'fp16', 'fp8', 'fp32'] as const satisfies readonly Dtype[];

/** A card the planner can use: the GPU data file's serving block, in bytes and per-second units. */
export type ServingGpu = DatasheetGpu;
export type { GpuFile };

/** The planner's view of a GPU file, or null when the file has no sourced serving figures. */
export { gpuFromFile as servingGpu } from '~/lib/memory/gpu-data';

/** A model the planner offers: its preset id, display name and parsed shape. */
export interface ServingPreset {
  id: string;
  name: string;
  spec: ModelSpec;
}

export interface ServingInputs {
  spec: ModelSpec;
  gpu: ServingGpu;
  tensorParallel: number;
  pipelineParallel: number;
  weights: WeightFormat;
  kvDtype: Dtype;
  utilization: number;
  /** Tokens per request (vLLM's max_model_len) for concurrency. */
  contextTokens: number;
  promptTokens: number;
  /** Decode batch the speed figures are shown for. */
  batch: number;
  maxNumBatchedTokens: number;
  cudaGraphs: boolean;
  bandwidthEfficiency: number;
  computeEfficiency: number;
}

/** Why the inputs cannot be computed, tied to the field the reader should change. */
export interface FieldProblem {
  field: 'tp' | 'pp' | 'util' | 'weights' | 'other';
  code: 'heads' | 'kvHeads' | 'layers' | 'range' | 'other';
  detail: string;
}

export interface BarSegment {
  key: 'weights' | 'activation' | 'nonTorch' | 'cudaGraphs' | 'kv' | 'unused';
  bytes: number;
}

export interface SpeedPoint {
  batch: number;
  tokensPerSecond: number;
  perSequence: number;
  bound: 'memory' | 'compute';
}

export interface ServingView {
  memory: ServingMemory;
  /** The per-GPU bar, left to right; `unused` is the (1 − u) share vLLM leaves alone. */
  bar: BarSegment[];
  /** KV bytes one token takes on one GPU (all its layers). */
  kvPerTokenPerGpu: number;
  kvPerLayerPerRank: number;
  kvLayers: number;
  /** vLLM's KV cache groups on one worker and the layers each holds; groups × layers ≥ kvLayers (hybrid models pad). */
  kvGroups: { groups: number; layersPerGroup: number };
  /** Sequences of `contextTokens` that fit at once: ⌊tokens / context⌋. */
  concurrentSequences: number;
  speed: InferenceSpeed;
  series: SpeedPoint[];
  /** Smallest batch in the series that is compute-bound, or null. */
  ridge: number | null;
}

const BATCHES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048];

function problemOf(error: unknown): FieldProblem {
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof ParallelismError) {
    if (error.field === 'pipelineParallel') return { field: 'pp', code: 'layers', detail };
    return { field: 'tp', code: /attention heads/.test(detail) ? 'heads' : 'kvHeads', detail };
  }
  if (error instanceof ServingOptionError) {
    if (error.field === 'gpuMemoryUtilization') return { field: 'util', code: 'range', detail };
    if (error.field === 'weights') return { field: 'weights', code: 'other', detail };
  }
  return { field: 'other', code: 'other', detail };
}

/** The planner's numbers for `inputs`, or the field to fix. Never throws. */
export function computeServing(inputs: ServingInputs): { ok: true; value: ServingView } | { ok: false; error: FieldProblem } {
  try {
    const { spec, gpu, tensorParallel: tp, pipelineParallel: pp } = inputs;
    const memory = servingMemoryOn(spec, {
      gpu,
      tensorParallel: tp,
      pipelineParallel: pp,
      weights: inputs.weights,
      kvDtype: inputs.kvDtype,
      gpuMemoryUtilization: inputs.utilization,
      maxNumBatchedTokens: inputs.maxNumBatchedTokens,
      cudaGraphs: inputs.cudaGraphs,
      contextTokens: inputs.contextTokens,
    });
    const p = memory.perGpu;
    const bar: BarSegment[] = [
      { key: 'weights', bytes: p.weights },
      { key: 'activation', bytes: p.activationPeak },
      { key: 'nonTorch', bytes: p.nonTorch },
      { key: 'cudaGraphs', bytes: p.cudaGraphs },
      { key: 'kv', bytes: Math.max(0, p.kv) },
      { key: 'unused', bytes: Math.max(0, p.capacity - p.budget) },
    ];
    const efficiency = { bandwidth: inputs.bandwidthEfficiency, compute: inputs.computeEfficiency };
    const speedOpts = {
      gpu,
      tensorParallel: tp,
      promptTokens: inputs.promptTokens,
      contextTokens: inputs.contextTokens,
      weights: inputs.weights,
      kvDtype: inputs.kvDtype,
      efficiency,
    };
    const speed = inferenceSpeedOn(spec, { ...speedOpts, batch: inputs.batch });
    const series = BATCHES.map((batch) => {
      const s = inferenceSpeedOn(spec, { ...speedOpts, batch });
      return { batch, tokensPerSecond: s.tokensPerSecond, perSequence: s.tokensPerSecondPerSequence, bound: s.bound.decode };
    });
    const kvLayers = stageKvLayers(spec, pp);
    const kvPerLayerPerRank = kvBytesPerLayerPerRank(spec, inputs.kvDtype, tp);
    return {
      ok: true,
      value: {
        memory,
        bar,
        kvPerLayerPerRank,
        kvLayers,
        kvGroups: kvCacheGroups(spec, pp),
        kvPerTokenPerGpu: kvPerLayerPerRank * kvLayers,
        concurrentSequences: Math.floor(memory.kvTokens / inputs.contextTokens),
        speed,
        series,
        ridge: series.find((s) => s.bound === 'compute')?.batch ?? null,
      },
    };
  } catch (error) {
    return { ok: false, error: problemOf(error) };
  }
}
