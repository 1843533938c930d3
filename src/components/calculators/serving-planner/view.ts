/**
 * The serving planner's shapes: its inputs, what it shows (`ServingView`) and the problems it reports. The numbers
 * come from `compute.ts`, which the island loads after start-up (`core.ts`); the reconciliation with a pasted
 * vLLM log is `reconcile.ts`, loaded with its panel.
 */
import type { Dtype } from '~/lib/model/dtype';
import type { OptionReason } from '~/lib/errors';
import type { ModelSpec } from '~/lib/model/model-spec';
import type { ProfileSampler, ServingMemory } from '~/lib/memory/serving';
import type { ContextLimit } from '~/lib/memory/context-window';
import type { InferenceSpeed } from '~/lib/memory/inference-speed';
import type { WeightFormat } from '~/lib/memory/weight-formats';
import type { DatasheetGpu, GpuFile } from '~/lib/memory/gpu-data';

export const KV_DTYPES = ['bf16', 'fp16', 'fp8', 'fp32'] as const satisfies readonly Dtype[];

/** A card the planner can use: a GPU data file's serving block, or one the reader describes (`memorySource: 'reader'`). */
export type ServingGpu = Omit<DatasheetGpu, 'memorySource'> & { memorySource: DatasheetGpu['memorySource'] | 'reader' };
export type { GpuFile };

/** The planner's view of a GPU file, or null when the file has no sourced serving figures. */
export { gpuFromFile as servingGpu } from '~/lib/memory/gpu-data';

/** A model the planner offers: its preset id, display name and parsed shape. */
export interface ServingPreset {
  id: string;
  name: string;
  spec: ModelSpec;
  /** The config.json it was read from (a link for the reader). */
  configUrl?: string;
  /** vLLM's longest accepted max_model_len for it (rope_scaling-aware), when the config states a length. */
  contextLimit?: ContextLimit | null;
}

/** The model in use: a preset, or a config the reader pasted (`id` null). */
export interface ServingModel {
  id: string | null;
  name: string;
  spec: ModelSpec;
  contextLimit?: ContextLimit | null;
  /** A supplied config.json (compacted): the core derives its context limit from it. */
  config?: Record<string, unknown>;
}

export interface ServingInputs {
  spec: ModelSpec;
  /** The model's name, for sentences. */
  modelName: string;
  /** vLLM's derived max_model_len limit for the model, when known. */
  contextLimit: ContextLimit | null;
  /** A supplied config.json, when the model is not a preset (its limit is derived in the core). */
  config?: Record<string, unknown>;
  gpu: ServingGpu;
  tensorParallel: number;
  pipelineParallel: number;
  weights: WeightFormat;
  kvDtype: Dtype;
  utilization: number;
  /** Tokens per request (vLLM's max_model_len) for concurrency. */
  contextTokens: number;
  promptTokens: number;
  /** Decode batch the formulas are shown for (capped at what fits). */
  batch: number;
  /** 0: vLLM's default for the GPU. */
  maxNumBatchedTokens: number;
  /** 0: vLLM's default for the GPU. */
  maxNumSeqs: number;
  cudaGraphs: boolean;
  /** The sampler vLLM's profile runs (FlashInfer or PyTorch's sort), which sizes the activation peak. */
  sampler: ProfileSampler;
  /** Non-PyTorch growth of the profile run per GPU, bytes. */
  cudaContextBytes: number;
  /** NCCL buffers per GPU with TP > 1, bytes. */
  ncclBytes: number;
  /** The CUDA-graph estimate vLLM subtracts (≥ 0.21), bytes. */
  cudaGraphBytes: number;
  /** The activation peak from a log, bytes; 0 = the estimate. */
  activationOverrideBytes: number;
  bandwidthEfficiency: number;
  computeEfficiency: number;
  /** Fixed time per layer and decode step, seconds. */
  layerOverheadSeconds: number;
  /** The tensor-parallel link ('auto': the GPU's own). */
  link: 'auto' | 'nvlink' | 'pcie' | 'infiniband';
  /** Share of each prompt already in the prefix cache, [0, 1). */
  prefixCachedShare: number;
  speculation: { draftTokens: number; acceptance: number; draftCost: number } | null;
  /** Price per GPU-hour; 0 shows no cost. */
  pricePerGpuHour: number;
}

/** Why the inputs cannot be computed, tied to the field the reader should change. */
export interface FieldProblem {
  field: 'tp' | 'pp' | 'util' | 'weights' | 'other';
  /**
   * What the degree failed to split (`heads`, `kvHeads`, `layers`), `oneDevice` for tensor parallelism on a chip that
   * decodes alone (Apple silicon, a CPU), or the kind of refusal otherwise.
   */
  code: 'heads' | 'kvHeads' | 'layers' | 'range' | 'oneDevice' | 'other';
  /** The core's reason code (`OptionError.reason`), which the string tables translate. */
  reason: OptionReason;
  /** The value refused, as short inert text. */
  got?: string;
  /** The bound it broke, or the count it failed to split. */
  limit?: number | string;
  /** The core's English message: for developers and logs, never shown in place of a translation. */
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
  /** The KV cache holds this many requests of max_model_len at once (and max_num_seqs allows them). */
  fits: boolean;
}

/** A change that makes the setup start, checked by running the planner again with it. */
export type Remedy =
  | { kind: 'tp'; tensorParallel: number; gpus: number; requests: number }
  | { kind: 'weights'; weights: WeightFormat; requests: number }
  | { kind: 'context'; contextTokens: number }
  | { kind: 'utilization'; utilization: number; requests: number };

/** One decode speed the headline states, with the batch it is for. */
export interface HeadlineSpeed {
  batch: number;
  perSequence: number;
  aggregate: number;
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
  /** Requests of `contextTokens` that fit at once (capped by max_num_seqs); 0 when vLLM would not start. */
  concurrentSequences: number;
  /** Weights plus the reserve (activation, outside PyTorch, CUDA graphs) on one GPU, for the "won't start" sentence. */
  reserveBytes: number;
  /** Speeds for setups that start: one request, and the most that fit; null otherwise. */
  speeds: { one: HeadlineSpeed; full: HeadlineSpeed | null } | null;
  /** The decode batch the formulas use: the reader's, capped at what fits (1 when nothing does). */
  formulaBatch: number;
  speed: InferenceSpeed;
  series: SpeedPoint[];
  /** Smallest batch in the series that is compute-bound, or null. */
  ridge: number | null;
  /** What to change when it does not start (empty when it does). */
  remedies: Remedy[];
  /** The context asked for is beyond what vLLM accepts for the model (its trained window, rope_scaling-aware). */
  beyondWindow: ContextLimit | null;
  /** Cost per million tokens at the reader's price, at the requests that fit; null without a price or speeds. */
  cost: { input: number; output: number; batch: number } | null;
  /** Tokens of each prompt the prefix cache shares between requests (blocks counted once). */
  sharedPrefixTokens: number;
}
