/**
 * What one GPU holds when vLLM serves a model, modelled on the startup profile vLLM runs before it sizes the KV
 * cache (`Worker.determine_available_memory`, vllm/v1/worker/gpu_worker.py): of `gpu_memory_utilization` ×
 * the card's memory it subtracts the weights it loaded, the peak of a dummy forward pass over
 * `max_num_batched_tokens` tokens, the memory outside PyTorch (CUDA context, NCCL buffers) and, since CUDA-graph
 * profiling became the default, the graphs' pool; the rest is KV cache. The weights are computed; the other three
 * are estimates and are options, so the reader can put in the figures from their own log.
 */
import { GiB, type Dtype } from '../model/dtype';
import type { ModelSpec } from '../model/model-spec';
import { kvTokenCapacity } from './kv-capacity';
import { checkTensorParallel, layersPerStage } from './tensor-parallel';
import { isWeightFormat, weightsPerGpu, type WeightFormat } from './weight-formats';
import { gpuById } from './gpu-data';

/** An accelerator as the planner needs it. Bytes and per-second figures are SI (10^9 = GB/s, 10^12 = TFLOPS). */
export interface GpuSpec {
  /** Total memory as the driver reports it (nvidia-smi / torch.cuda.mem_get_info), in bytes. */
  memoryBytes: number;
  bandwidthBytesPerSecond: number;
  /** Dense (no sparsity) tensor throughput. `fp8` is null on cards without FP8 tensor cores. */
  flopsPerSecond: { bf16: number; fp8: number | null };
  /** One direction of the GPU-to-GPU link (NVLink, Infinity Fabric, or PCIe). */
  interconnectBytesPerSecond: number;
}

export class ServingOptionError extends RangeError {
  override name = 'ServingOptionError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/**
 * The runtime's reserve outside weights and KV when the reader gives none. Both are taken from real vLLM
 * startup logs: "non_torch_memory takes 0.34GiB … 0.43GiB" (4×A100-40GB, vLLM 0.8.3,
 * https://github.com/vllm-project/vllm/issues/16570) and "non_torch_memory takes 0.25GiB" (2×RTX 4090,
 * https://github.com/vllm-project/vllm/issues/13061). CUDA graphs: an assumption, shown to the reader.
 */
export const DEFAULT_NON_TORCH_BYTES = 0.4 * GiB;
export const DEFAULT_CUDA_GRAPH_BYTES = 0.5 * GiB;
/** vLLM's default `gpu_memory_utilization`. */
export const DEFAULT_GPU_MEMORY_UTILIZATION = 0.9;
/** vLLM V1's default `max_num_batched_tokens` for online serving (the scheduler's token budget). */
export const DEFAULT_MAX_NUM_BATCHED_TOKENS = 8192;
/** vLLM's default `max_num_seqs`: the sampler's dummy run allocates logits for this many sequences. */
export const DEFAULT_MAX_NUM_SEQS = 256;

export interface ServingOptions {
  /** A GPU id from src/content/gpus (e.g. 'h100-80gb') or the figures themselves. */
  gpu: string | GpuSpec;
  tensorParallel?: number;
  pipelineParallel?: number;
  weights: WeightFormat;
  kvDtype: Dtype;
  gpuMemoryUtilization?: number;
  maxNumBatchedTokens?: number;
  maxNumSeqs?: number;
  blockSize?: number;
  /** Capture CUDA graphs (vLLM's default) or run eagerly (`--enforce-eager`). */
  cudaGraphs?: boolean;
  /** Bytes the graph pool takes when graphs are on. */
  cudaGraphBytes?: number;
  /** Memory outside PyTorch per GPU. */
  nonTorchBytes?: number;
  /** Tokens per request for "maximum concurrency" (vLLM uses `max_model_len`). */
  contextTokens?: number;
}

export interface ServingMemoryPerGpu {
  /** The card's memory as the driver reports it. */
  capacity: number;
  /** capacity × gpu_memory_utilization: what vLLM lets itself use. */
  budget: number;
  weights: number;
  activationPeak: number;
  nonTorch: number;
  cudaGraphs: number;
  /** What is left for the KV cache (negative when the rest does not fit). */
  kv: number;
}

export interface ServingMemory {
  perGpu: ServingMemoryPerGpu;
  gpus: number;
  kvTokens: number;
  kvBlocks: number;
  /** kvTokens / contextTokens, vLLM's "Maximum concurrency for N tokens per request". */
  maxConcurrency: number;
  fits: boolean;
}

function positive(field: string, value: number, integer = false): void {
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new ServingOptionError(field, `expected a ${integer ? 'whole ' : ''}number > 0, got ${value}`);
  }
}

/**
 * Peak activation memory of vLLM's profiling pass, estimated: for `tokens` tokens the largest live tensors of one
 * layer (the MLP's gate and up outputs and their product, I/TP wide, plus the residual stream and normalized
 * input, h wide; bf16), and the sampler's fp32 logits for `maxNumSeqs` sequences over the whole vocabulary.
 * An estimate, not vLLM's measurement; its log line "PyTorch activation peak memory" is the measured value.
 */
export function activationPeakBytes(spec: ModelSpec, tokens: number, tensorParallel = 1, maxNumSeqs = DEFAULT_MAX_NUM_SEQS): number {
  const moe = spec.moe;
  const dense = !moe || moe.denseLayers > 0 ? spec.intermediateSize : 0;
  const inner = moe ? Math.max(dense, moe.expertIntermediateSize * moe.expertsPerToken) : spec.intermediateSize;
  const perToken = ((3 * inner) / tensorParallel) * 2 + 4 * spec.hiddenSize * 2;
  return tokens * perToken + Math.min(maxNumSeqs, tokens) * spec.vocabSize * 4;
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
  const {
    gpu,
    tensorParallel = 1,
    pipelineParallel = 1,
    weights: format,
    kvDtype,
    gpuMemoryUtilization = DEFAULT_GPU_MEMORY_UTILIZATION,
    maxNumBatchedTokens = DEFAULT_MAX_NUM_BATCHED_TOKENS,
    maxNumSeqs = DEFAULT_MAX_NUM_SEQS,
    blockSize = 16,
    cudaGraphs = true,
    cudaGraphBytes = DEFAULT_CUDA_GRAPH_BYTES,
    nonTorchBytes = DEFAULT_NON_TORCH_BYTES,
    contextTokens = spec.maxPositionEmbeddings ?? 4096,
  } = options;
  positive('gpu.memoryBytes', gpu.memoryBytes);
  if (!(gpuMemoryUtilization > 0 && gpuMemoryUtilization <= 1)) {
    throw new ServingOptionError('gpuMemoryUtilization', `expected a fraction in (0, 1], got ${gpuMemoryUtilization}`);
  }
  positive('maxNumBatchedTokens', maxNumBatchedTokens, true);
  positive('contextTokens', contextTokens, true);
  positive('blockSize', blockSize, true);
  if (!isWeightFormat(format)) throw new ServingOptionError('weights', `unknown format ${String(format)}`);
  if (!(nonTorchBytes >= 0)) throw new ServingOptionError('nonTorchBytes', `expected bytes ≥ 0, got ${nonTorchBytes}`);
  if (!(cudaGraphBytes >= 0)) throw new ServingOptionError('cudaGraphBytes', `expected bytes ≥ 0, got ${cudaGraphBytes}`);
  checkTensorParallel(spec, tensorParallel);
  layersPerStage(spec.numLayers, pipelineParallel);

  const capacity = gpu.memoryBytes;
  const budget = capacity * gpuMemoryUtilization;
  const w = weightsPerGpu(spec, format, tensorParallel, pipelineParallel).perGpu;
  const activationPeak = activationPeakBytes(spec, maxNumBatchedTokens, tensorParallel, maxNumSeqs);
  const graphs = cudaGraphs ? cudaGraphBytes : 0;
  const kv = budget - w - activationPeak - nonTorchBytes - graphs;
  const { tokens, blocks } = kvTokenCapacity(spec, {
    freeBytesPerGpu: Math.max(0, kv),
    dtype: kvDtype,
    tensorParallel,
    pipelineParallel,
    blockSize,
  });
  return {
    perGpu: { capacity, budget, weights: w, activationPeak, nonTorch: nonTorchBytes, cudaGraphs: graphs, kv },
    gpus: tensorParallel * pipelineParallel,
    kvTokens: tokens,
    kvBlocks: blocks,
    maxConcurrency: tokens / contextTokens,
    fits: kv > 0 && tokens > 0,
  };
}
