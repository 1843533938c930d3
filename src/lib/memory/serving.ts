/**
 * What one GPU holds when vLLM serves a model, modelled on the startup profile vLLM V1 runs before it sizes the
 * KV cache (`Worker.determine_available_memory`, vllm/v1/worker/gpu_worker.py): of `gpu_memory_utilization` ×
 * the card's memory it subtracts the weights it loaded, the PyTorch peak of a dummy forward pass over
 * `max_num_batched_tokens` tokens and a dummy sampler run, the memory outside PyTorch that grew meanwhile (library
 * workspaces, NCCL buffers) and, since vLLM 0.21, the CUDA graphs' estimate; the rest is KV cache. Then it checks
 * that one request of `max_model_len` fits (`check_enough_kv_cache_memory`, vllm/v1/core/kv_cache_utils.py), or
 * refuses to start. The weights are computed; the other terms are estimates, each an option the reader can set
 * from their own log.
 */
import type { Dtype } from '../model/dtype';
import {
  DEFAULT_CUDA_CONTEXT_BYTES,
  DEFAULT_CUDA_GRAPH_BYTES,
  DEFAULT_GPU_MEMORY_UTILIZATION,
  DEFAULT_MAX_NUM_SEQS,
  DEFAULT_NCCL_BYTES,
  PROFILE_SAMPLERS,
  SAMPLER_BYTES_PER_LOGIT,
  vllmBatchDefaults,
  type ProfileSampler,
} from './serving-defaults';
import type { ModelSpec } from '../model/model-spec';
import { kvCacheLayout, kvTokenCapacity, requestBlocks, type KvCacheLayout, type MambaCacheMode } from './kv-capacity';
import { largestFitting } from './largest-fitting';
import { checkTensorParallel, layersPerStage } from './tensor-parallel';
import { isWeightFormat, weightsPerGpu, type WeightFormat } from './weight-formats';
import { gpuById } from '../hardware/gpus';
import { OptionError } from '../errors';
import { validatorFor } from '../validate';

import type { GpuSpec } from '../hardware/gpus';
export type { GpuSpec };

/** A serving option out of range; `field` names it, `reason` says why (see `OptionError`). */
export class ServingOptionError extends OptionError {
  override name = 'ServingOptionError';
}

const check = validatorFor(ServingOptionError);

export {
  DEFAULT_CUDA_CONTEXT_BYTES,
  DEFAULT_NCCL_BYTES,
  DEFAULT_NON_TORCH_BYTES,
  DEFAULT_CUDA_GRAPH_BYTES,
  DEFAULT_GPU_MEMORY_UTILIZATION,
  DEFAULT_MAX_NUM_BATCHED_TOKENS,
  DEFAULT_MAX_NUM_SEQS,
  SAMPLER_BYTES_PER_LOGIT,
  PROFILE_SAMPLERS,
  vllmBatchDefaults,
} from './serving-defaults';
export type { ProfileSampler } from './serving-defaults';

export interface ServingOptions {
  /** A GPU id from src/lib/hardware/gpus (e.g. 'h100-80gb') or the figures themselves. */
  gpu: string | GpuSpec;
  tensorParallel?: number;
  pipelineParallel?: number;
  weights: WeightFormat;
  kvDtype: Dtype;
  gpuMemoryUtilization?: number;
  /** Default: vLLM's for the GPU (`vllmBatchDefaults`). */
  maxNumBatchedTokens?: number;
  /** Default: vLLM's for the GPU (`vllmBatchDefaults`); vLLM caps it at `maxNumBatchedTokens`. */
  maxNumSeqs?: number;
  blockSize?: number;
  /** CUDA graphs on and counted before the cache is sized (vLLM ≥ 0.21's default); false for `--enforce-eager` or older versions. */
  cudaGraphs?: boolean;
  /** Bytes the graph pool takes when graphs are on. */
  cudaGraphBytes?: number;
  /** Memory outside PyTorch per GPU, all of it; when given it replaces `cudaContextBytes` + `ncclBytes`. */
  nonTorchBytes?: number;
  /** Non-PyTorch growth of the profile run on every GPU (default `DEFAULT_CUDA_CONTEXT_BYTES`). */
  cudaContextBytes?: number;
  /** NCCL buffers per GPU, counted only when tensorParallel > 1 (default `DEFAULT_NCCL_BYTES`). */
  ncclBytes?: number;
  /** The sampler the profile run uses (default 'flashinfer', vLLM's current default). */
  sampler?: ProfileSampler;
  /** The activation peak itself (a log's "PyTorch activation peak memory"), instead of the estimate. */
  activationPeakBytes?: number;
  /** Tokens per request (vLLM's `max_model_len`), for "maximum concurrency" and the start-up check. */
  contextTokens?: number;
  /** A recurrent layer's convolution-state and SSM-state element types (vLLM's `--mamba-cache-dtype`, `--mamba-ssm-cache-dtype`). */
  stateDtype?: Dtype;
  ssmStateDtype?: Dtype;
  /** vLLM's `--mamba-cache-mode` for recurrent layers: 'none' (default) or 'align' (prefix caching on a hybrid). */
  mambaCacheMode?: MambaCacheMode;
}

export interface ServingMemoryPerGpu {
  /** The card's memory as the driver reports it. */
  capacity: number;
  /** capacity × gpu_memory_utilization: what vLLM lets itself use. */
  budget: number;
  weights: number;
  /** PyTorch's peak during the profile run: the larger of the forward pass and the sampler. */
  activationPeak: number;
  /** The forward pass over `max_num_batched_tokens` (estimate). */
  activationForward: number;
  /** The dummy sampler run over `min(max_num_seqs, max_num_batched_tokens)` sequences (estimate). */
  activationSampler: number;
  /** Memory outside PyTorch: the CUDA context's growth plus NCCL buffers. */
  nonTorch: number;
  cudaContext: number;
  nccl: number;
  cudaGraphs: number;
  /** What is left for the KV cache (negative when the rest does not fit). */
  kv: number;
}

/**
 * Whether vLLM starts, by its own start-up checks:
 * - `no-room`: weights and reserve take the whole budget, so `check_enough_kv_cache_memory`
 *   (vllm/v1/core/kv_cache_utils.py) raises "No available memory for the cache blocks" (or loading runs out first);
 * - `wont-start`: there is KV memory but fewer tokens than one request of `max_model_len`, and the same check raises
 *   "To serve at least one request with the models's max seq len (…), … KV cache is needed, which is larger than
 *   the available KV cache memory";
 * - `fits`: it starts and holds at least one request of `max_model_len`.
 */
export type ServingVerdict = 'fits' | 'wont-start' | 'no-room';

export interface ServingMemory {
  perGpu: ServingMemoryPerGpu;
  gpus: number;
  kvTokens: number;
  kvBlocks: number;
  /** vLLM's `num_blocks`: the pool all layer groups draw from (kvBlocks × groups, or a little more). */
  poolBlocks: number;
  /** How the cache is paged: block size, page, groups of each layer kind (kv-capacity.ts). */
  layout: KvCacheLayout;
  /** Pool blocks one request of `contextTokens` takes (`requestBlocks`). */
  blocksPerRequest: number;
  mambaCacheMode: MambaCacheMode;
  /**
   * Bytes of recurrent state one request holds on one GPU as vLLM allocates it: one padded page per recurrent layer
   * (padding layers of the last group included); 0 for models without recurrent layers.
   */
  stateBytesPerRequest: number;
  /** vLLM's "Maximum concurrency for N tokens per request": pool blocks / blocks per request. */
  maxConcurrency: number;
  /** Room for a KV cache at all (kv > 0 and at least one block). */
  fits: boolean;
  verdict: ServingVerdict;
  /** Requests of `contextTokens` served at once: ⌊kvTokens / contextTokens⌋, at most `maxNumSeqs`; 0 when it does not start. */
  concurrentRequests: number;
  /** The batch limits in force (the reader's, or vLLM's defaults for the GPU; `maxNumSeqs` capped at the tokens). */
  maxNumBatchedTokens: number;
  maxNumSeqs: number;
  /** The longest `max_model_len` whose one request fits the cache (whole blocks), vLLM's "estimated maximum model length". */
  longestContext: number;
}

/**
 * Requests of `memory`'s context served at once when `sharedTokens` of every prompt are one cached prefix (vLLM's
 * prefix caching keeps the prefix's full-attention blocks once): ⌊(pool − full groups · shared blocks) / blocks per
 * request without them⌋, at most `maxNumSeqs`; 0 when vLLM does not start.
 */
export function requestsThatFit(memory: ServingMemory, contextTokens: number, sharedTokens = 0): number {
  if (memory.verdict !== 'fits') return 0;
  const { layout } = memory;
  const sharedBlocks = Math.floor(sharedTokens / layout.blockSize);
  if (sharedBlocks === 0) return memory.concurrentRequests;
  const own = requestBlocks(layout, contextTokens, memory.maxNumBatchedTokens, sharedBlocks * layout.blockSize, memory.mambaCacheMode);
  const free = memory.poolBlocks - layout.kindGroups.full * sharedBlocks;
  return Math.max(0, Math.min(memory.maxNumSeqs, Math.floor(free / Math.max(1, own))));
}

/**
 * Peak activation memory of vLLM's profile run, estimated as the larger of its two phases (the forward pass's
 * tensors are freed before the sampler runs):
 * - forward: for `tokens` tokens the largest live tensors of one layer (the MLP's gate and up outputs and their
 *   product, I/TP wide, plus the residual stream and normalized input, h wide; bf16);
 * - sampler: `min(maxNumSeqs, tokens)` sequences × the whole vocabulary × `bytesPerLogit` (every rank gathers the
 *   full logits in V1, so tensor parallelism does not divide it).
 * An estimate, not vLLM's measurement; its log line "PyTorch activation peak memory" (or the debug line "torch
 * peak memory increase") is the measured value.
 */
export function activationPeakBytes(
  spec: ModelSpec,
  tokens: number,
  tensorParallel = 1,
  maxNumSeqs = DEFAULT_MAX_NUM_SEQS,
  bytesPerLogit: number = SAMPLER_BYTES_PER_LOGIT.flashinfer,
): number {
  const { forward, sampler } = activationParts(spec, tokens, tensorParallel, maxNumSeqs, bytesPerLogit);
  return Math.max(forward, sampler);
}

function activationParts(spec: ModelSpec, tokens: number, tensorParallel: number, maxNumSeqs: number, bytesPerLogit: number) {
  const moe = spec.moe;
  const dense = !moe || moe.denseLayers > 0 ? spec.intermediateSize : 0;
  const inner = moe ? Math.max(dense, moe.expertIntermediateSize * moe.expertsPerToken) : spec.intermediateSize;
  const perToken = ((3 * inner) / tensorParallel) * 2 + 4 * spec.hiddenSize * 2;
  return { forward: tokens * perToken, sampler: Math.min(maxNumSeqs, tokens) * spec.vocabSize * bytesPerLogit };
}

/**
 * Per-GPU memory when serving `spec`, and the KV tokens and concurrency it leaves.
 *
 * @example
 * servingMemory(llama3_70b, { gpu: H100, tensorParallel: 4, weights: 'bf16', kvDtype: 'bf16' }).kvTokens
 */
export function servingMemory(spec: ModelSpec, options: ServingOptions): ServingMemory {
  const gpu = typeof options.gpu === 'string' ? gpuById(options.gpu) : options.gpu;
  return servingMemoryOn(spec, { ...options, gpu });
}

/**
 * `servingMemory` for a GPU given by its figures. Kept apart so a bundle that never looks GPUs up by id does not
 * carry the GPU data files.
 */
export function servingMemoryOn(spec: ModelSpec, options: ServingOptions & { gpu: GpuSpec }): ServingMemory {
  const { gpu, tensorParallel = 1, pipelineParallel = 1, weights: format, kvDtype, gpuMemoryUtilization = DEFAULT_GPU_MEMORY_UTILIZATION } = options;
  check.number('gpu.memoryBytes', gpu.memoryBytes, { min: 1 });
  const defaults = vllmBatchDefaults(gpu.memoryBytes, gpu.name);
  const maxNumBatchedTokens = check.optionalInteger('maxNumBatchedTokens', options.maxNumBatchedTokens, defaults.maxNumBatchedTokens);
  // vLLM: `max_num_seqs = min(max_num_seqs, max_num_batched_tokens)` (EngineArgs), a batch holds at most one token per sequence.
  const maxNumSeqs = Math.min(check.optionalInteger('maxNumSeqs', options.maxNumSeqs, defaults.maxNumSeqs), maxNumBatchedTokens);
  const blockSize = check.optionalInteger('blockSize', options.blockSize, 16);
  const contextTokens = check.optionalInteger('contextTokens', options.contextTokens, spec.maxPositionEmbeddings ?? 4096);
  check.number('gpuMemoryUtilization', gpuMemoryUtilization, { min: 0.01, max: 1 });
  if (!isWeightFormat(format)) throw new ServingOptionError('weights', 'not-one-of', format, 'a weight format of WEIGHT_FORMATS');
  const sampler = check.oneOf('sampler', options.sampler, PROFILE_SAMPLERS, 'flashinfer');
  const cudaGraphs = check.flag('cudaGraphs', options.cudaGraphs, true);
  const cudaGraphBytes = check.optionalNumber('cudaGraphBytes', options.cudaGraphBytes, DEFAULT_CUDA_GRAPH_BYTES, { min: 0 });
  const cudaContext = check.optionalNumber('cudaContextBytes', options.cudaContextBytes, DEFAULT_CUDA_CONTEXT_BYTES, { min: 0 });
  const ncclOption = check.optionalNumber('ncclBytes', options.ncclBytes, DEFAULT_NCCL_BYTES, { min: 0 });
  const nonTorchGiven = options.nonTorchBytes === undefined ? undefined : check.number('nonTorchBytes', options.nonTorchBytes, { min: 0 });
  const activationGiven = options.activationPeakBytes === undefined ? undefined : check.number('activationPeakBytes', options.activationPeakBytes, { min: 0 });
  checkTensorParallel(spec, tensorParallel);
  layersPerStage(spec.numLayers, pipelineParallel);

  const capacity = gpu.memoryBytes;
  const budget = capacity * gpuMemoryUtilization;
  const w = weightsPerGpu(spec, format, tensorParallel, pipelineParallel).perGpu;
  const parts = activationParts(spec, maxNumBatchedTokens, tensorParallel, maxNumSeqs, SAMPLER_BYTES_PER_LOGIT[sampler]);
  const activationPeak = activationGiven ?? Math.max(parts.forward, parts.sampler);
  const nccl = nonTorchGiven === undefined && tensorParallel > 1 ? ncclOption : 0;
  const context = nonTorchGiven ?? cudaContext;
  const nonTorch = context + nccl;
  const graphs = cudaGraphs ? cudaGraphBytes : 0;
  const kv = budget - w - activationPeak - nonTorch - graphs;
  const capacityOptions = { dtype: kvDtype, tensorParallel, pipelineParallel, blockSize, stateDtype: options.stateDtype, ssmStateDtype: options.ssmStateDtype };
  const layout = kvCacheLayout(spec, capacityOptions);
  const { tokens, blocks, poolBlocks } = kvTokenCapacity(spec, { ...capacityOptions, freeBytesPerGpu: Math.max(0, kv) });
  // vLLM's start-up check and "Maximum concurrency" count blocks per request over the groups (requestBlocks): a
  // sliding-window group needs only its window, a recurrent group one page, whatever the context.
  const mambaCacheMode = check.oneOf('mambaCacheMode', options.mambaCacheMode, ['none', 'align'] as const, 'none');
  const perRequest = (s: number) => requestBlocks(layout, s, maxNumBatchedTokens, 0, mambaCacheMode);
  const blocksPerRequest = perRequest(contextTokens);
  const fits = kv > 0 && tokens > 0;
  const verdict: ServingVerdict = !fits ? 'no-room' : blocksPerRequest > poolBlocks ? 'wont-start' : 'fits';
  const maxConcurrency = blocksPerRequest > 0 ? poolBlocks / blocksPerRequest : 0;
  // vLLM's estimate_max_model_len: the longest context whose request still fits the pool (up to 2^31 when windows cap it).
  const longestContext = fits ? (largestFitting((s) => perRequest(s) <= poolBlocks, 2 ** 31) ?? 0) : 0;
  const stateBytesPerRequest = layout.kindGroups.recurrent * layout.layersPerGroup * layout.pageBytes * (mambaCacheMode === 'align' ? 2 : 1);
  return {
    perGpu: {
      capacity,
      budget,
      weights: w,
      activationPeak,
      activationForward: parts.forward,
      activationSampler: parts.sampler,
      nonTorch,
      cudaContext: context,
      nccl,
      cudaGraphs: graphs,
      kv,
    },
    gpus: tensorParallel * pipelineParallel,
    kvTokens: tokens,
    kvBlocks: blocks,
    poolBlocks,
    layout,
    blocksPerRequest,
    mambaCacheMode,
    stateBytesPerRequest,
    maxConcurrency,
    fits,
    verdict,
    concurrentRequests: verdict === 'fits' ? Math.min(Math.floor(maxConcurrency), maxNumSeqs) : 0,
    maxNumBatchedTokens,
    maxNumSeqs,
    longestContext,
  };
}
