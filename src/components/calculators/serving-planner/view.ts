/**
 * The serving planner's shapes: its inputs, what it shows (`ServingView`) and the problems it reports. The numbers
 * come from `compute.ts`, which the island loads after start-up (`core.ts`); the reconciliation with a pasted
 * vLLM log is `reconcile.ts`, loaded with its panel.
 */
import type { Dtype } from '~/lib/model/dtype';
import type { ModelSpec } from '~/lib/model/model-spec';
import type { ServingMemory } from '~/lib/memory/serving';
import type { InferenceSpeed } from '~/lib/memory/inference-speed';
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
