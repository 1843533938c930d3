/**
 * How vLLM lays a model's KV cache out across GPUs, rank by rank.
 *
 * - KV heads per rank: `ModelConfig.get_num_kv_heads` in vllm/config/model.py returns
 *   `max(1, total_num_kv_heads // tensor_parallel_size)`; when the TP degree exceeds the KV heads each rank
 *   keeps one head and heads are replicated. `QKVParallelLinear.__init__` in
 *   vllm/model_executor/layers/linear.py splits with `divide(...)`, which asserts divisibility, so a TP degree
 *   that neither divides nor is divided by the KV-head count fails at load.
 * - MLA: `get_num_kv_heads` returns 1 when `use_mla`, and `MLAAttentionSpec` in vllm/v1/kv_cache_interface.py
 *   stores one latent of `kv_lora_rank + qk_rope_head_dim` per token and layer: the whole latent on every rank.
 * - Capacity: `get_num_blocks` in vllm/v1/core/kv_cache_utils.py takes
 *   `available_memory // page_size // num_layers` blocks, where a page holds `block_size` tokens of one layer
 *   (`AttentionSpec.real_page_size_bytes` = 2·block_size·num_kv_heads·head_size·dtype size); the log's
 *   "GPU KV cache size: N tokens" is that block count times the block size.
 * - Hybrid models (sliding-window or chunked layers next to full ones): `_get_kv_cache_groups_uniform_page_size`
 *   splits the layers into groups of equal size (the smaller type's count, or the larger's when it is under 1.5×
 *   the smaller, padding the last group of a type), `get_kv_cache_config_from_groups` takes
 *   `available_memory // page_size // group_size` blocks shared by all groups, and `_report_kv_cache_config`
 *   logs `num_blocks // len(groups) * block_size` tokens. Read at vLLM commit 001cabc1 (kv_cache_utils.py); the
 *   1.5× rule came after v0.10.1.1, whose logs are reconciled in tests, and changes nothing for equal counts.
 */
import { bytesPerElement, type Dtype } from '../model/dtype';
import type { ModelSpec } from '../model/model-spec';

/** A parallel layout the model cannot be split into; `field` names the option to change. */
export class ParallelismError extends RangeError {
  override name = 'ParallelismError';
  constructor(
    readonly field: 'tensorParallel' | 'pipelineParallel',
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

function assertDegree(field: 'tensorParallel' | 'pipelineParallel', value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new ParallelismError(field, `expected a whole number ≥ 1, got ${value}`);
}

/**
 * KV heads each tensor-parallel rank holds: n_kv / TP, or 1 (replicated) when TP ≥ n_kv.
 *
 * @example
 * kvHeadsPerRank(8, 4)  // => 2
 * kvHeadsPerRank(8, 16) // => 1 (each head on two ranks)
 * kvHeadsPerRank(8, 3)  // throws ParallelismError
 */
export function kvHeadsPerRank(totalKvHeads: number, tensorParallel: number): number {
  assertDegree('tensorParallel', tensorParallel);
  if (tensorParallel >= totalKvHeads) {
    if (tensorParallel % totalKvHeads !== 0) {
      throw new ParallelismError('tensorParallel', `${tensorParallel} is not a multiple of the ${totalKvHeads} KV heads`);
    }
    return 1;
  }
  if (totalKvHeads % tensorParallel !== 0) {
    throw new ParallelismError('tensorParallel', `${tensorParallel} does not divide the ${totalKvHeads} KV heads`);
  }
  return totalKvHeads / tensorParallel;
}

/**
 * Query heads must split evenly too (`divide(total_num_heads, tp_size)` in `QKVParallelLinear`).
 * @example checkTensorParallel(llama70b, 16) // ok: 64 query heads, 8 KV heads
 */
export function checkTensorParallel(spec: ModelSpec, tensorParallel: number): void {
  assertDegree('tensorParallel', tensorParallel);
  if (spec.numHeads % tensorParallel !== 0) {
    throw new ParallelismError('tensorParallel', `${tensorParallel} does not divide the ${spec.numHeads} attention heads`);
  }
  if (!spec.mla) kvHeadsPerRank(spec.numKvHeads, tensorParallel);
}

/**
 * The share of a layer's KV one rank stores: 1 for MLA (replicated), heads-per-rank / n_kv otherwise.
 * @example rankKvShare(llama70b, 16) // => 0.125 (1 of 8 heads), not 1/16
 */
export function rankKvShare(spec: ModelSpec, tensorParallel: number): number {
  if (spec.mla) {
    assertDegree('tensorParallel', tensorParallel);
    return 1;
  }
  return kvHeadsPerRank(spec.numKvHeads, tensorParallel) / spec.numKvHeads;
}

/**
 * Layers the busiest pipeline stage holds. vLLM's `get_pp_indices` (vllm/distributed/utils.py) gives every
 * stage ⌊L/PP⌋ layers and one more to some, so the largest stage has ⌈L/PP⌉.
 * @example layersPerStage(61, 2) // => 31
 */
export function layersPerStage(numLayers: number, pipelineParallel: number): number {
  assertDegree('pipelineParallel', pipelineParallel);
  if (pipelineParallel > numLayers) {
    throw new ParallelismError('pipelineParallel', `${pipelineParallel} stages for ${numLayers} layers`);
  }
  return Math.ceil(numLayers / pipelineParallel);
}

/** Layers that keep a KV cache (all but the linear-attention layers of hybrids). */
export function kvLayerCount(spec: ModelSpec): number {
  let n = 0;
  for (let layer = 0; layer < spec.numLayers; layer++) if (spec.kvLayers?.[layer] ?? true) n++;
  return n;
}

/**
 * Bytes one token of one layer takes on one rank: (n_kv/TP)·(d_h + d_v)·b (2·(n_kv/TP)·d_h·b when K and V are
 * equally wide), or (d_c + d_h^R)·b for MLA.
 * @example kvBytesPerLayerPerRank(llama70b, 'bf16', 8) // => 512 (2 · 1 · 128 · 2)
 */
export function kvBytesPerLayerPerRank(spec: ModelSpec, dtype: Dtype, tensorParallel = 1): number {
  checkTensorParallel(spec, tensorParallel);
  const b = bytesPerElement(dtype);
  if (spec.mla) return (spec.mla.kvLoraRank + spec.mla.qkRopeHeadDim) * b;
  // Keys are d_h wide, values v_head_dim (equal except in models converted from MLA).
  return kvHeadsPerRank(spec.numKvHeads, tensorParallel) * (spec.headDim + (spec.vHeadDim ?? spec.headDim)) * b;
}

export interface KvCapacityOptions {
  /** Bytes left for the KV cache on each GPU (vLLM logs it as "Available KV cache memory"). */
  freeBytesPerGpu: number;
  dtype: Dtype;
  tensorParallel?: number;
  pipelineParallel?: number;
  /** Tokens per block; vLLM's default is 16. */
  blockSize?: number;
}

export interface KvCapacity {
  /** What vLLM logs as "GPU KV cache size: N tokens": blocks × block size. */
  tokens: number;
  /** Blocks of `blockSize` tokens one sequence can fill: tokens / block size. */
  blocks: number;
  /** vLLM's `num_blocks`: pages in the pool, which hybrid models share among their layer groups. */
  poolBlocks: number;
  /** KV cache groups vLLM forms: 1, or one per group of windowed or full layers in a hybrid model. */
  groups: number;
  /** Layers in each group (all KV layers when there is one group). */
  layersPerGroup: number;
}

/**
 * Tokens the KV cache holds when every GPU has `freeBytesPerGpu` for it: vLLM's `get_num_blocks`,
 * ⌊free / (block_size · per-layer-per-rank bytes) / layers⌋ blocks. For hybrid models the layers are grouped as
 * vLLM groups them (`kvCacheGroups`) and the logged size is ⌊pool blocks / groups⌋ · block_size: every KV layer
 * still gets a page per block, so windowed layers cost what full ones do here (that windowed blocks are freed
 * early is the scheduler's business, not the logged size). With pipeline parallelism the busiest stage decides,
 * as vLLM takes the smallest block count over workers.
 *
 * @example
 * // DeepSeek-V3, TP 8, bf16 latent: 61 layers · 576 · 2 B = 70,272 B per token on every rank
 * kvTokenCapacity(deepseekV3, { freeBytesPerGpu: 52_380_000_000, dtype: 'bf16', tensorParallel: 8 })
 */
export function kvTokenCapacity(spec: ModelSpec, options: KvCapacityOptions): KvCapacity {
  const { freeBytesPerGpu, dtype, tensorParallel = 1, pipelineParallel = 1, blockSize = 16 } = options;
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new RangeError(`blockSize: expected a whole number ≥ 1, got ${blockSize}`);
  if (!Number.isFinite(freeBytesPerGpu)) throw new RangeError(`freeBytesPerGpu: expected a number of bytes, got ${freeBytesPerGpu}`);
  const perLayer = kvBytesPerLayerPerRank(spec, dtype, tensorParallel);
  const { groups, layersPerGroup } = kvCacheGroups(spec, pipelineParallel);
  if (layersPerGroup === 0 || freeBytesPerGpu <= 0) return { tokens: 0, blocks: 0, poolBlocks: 0, groups, layersPerGroup };
  const pageBytes = perLayer * blockSize;
  const poolBlocks = Math.floor(Math.floor(Math.floor(freeBytesPerGpu) / pageBytes) / layersPerGroup);
  const blocks = Math.floor(poolBlocks / groups);
  return { tokens: blocks * blockSize, blocks, poolBlocks, groups, layersPerGroup };
}

/** KV layers of each kind on the busiest pipeline stage: full attention, and windowed (sliding or chunked). */
function stageLayerKinds(spec: ModelSpec, pipelineParallel: number): { full: number; windowed: number } {
  const per = layersPerStage(spec.numLayers, pipelineParallel);
  let best = { full: 0, windowed: 0 };
  for (let start = 0; start < spec.numLayers; start += per) {
    const kinds = { full: 0, windowed: 0 };
    for (let layer = start; layer < Math.min(spec.numLayers, start + per); layer++) {
      if (!(spec.kvLayers?.[layer] ?? true)) continue;
      if (spec.slidingWindow?.layers[layer]) kinds.windowed++;
      else kinds.full++;
    }
    if (kinds.full + kinds.windowed > best.full + best.windowed) best = kinds;
  }
  return best;
}

/**
 * How vLLM's hybrid KV cache manager groups the KV layers of one worker (see the notes at the top): one group
 * when every layer is of one kind; otherwise groups of the smaller kind's count (or the larger's, when under
 * 1.5× the smaller), each kind padded to whole groups.
 *
 * @example
 * kvCacheGroups(gptOss120b) // => { groups: 2, layersPerGroup: 18 } (18 sliding + 18 full)
 * kvCacheGroups(gemma3_1b)  // => { groups: 7, layersPerGroup: 4 } (22 sliding in 6 groups, 2 padding; 4 full)
 */
export function kvCacheGroups(spec: ModelSpec, pipelineParallel = 1): { groups: number; layersPerGroup: number } {
  const { full, windowed } = stageLayerKinds(spec, pipelineParallel);
  if (full === 0 || windowed === 0) return { groups: 1, layersPerGroup: full + windowed };
  const fewer = Math.min(full, windowed);
  const more = Math.max(full, windowed);
  const layersPerGroup = more < fewer * 1.5 ? more : fewer;
  return { groups: Math.ceil(full / layersPerGroup) + Math.ceil(windowed / layersPerGroup), layersPerGroup };
}

/** KV layers on the busiest pipeline stage, with vLLM's contiguous split of layers into stages. */
export function stageKvLayers(spec: ModelSpec, pipelineParallel = 1): number {
  const per = layersPerStage(spec.numLayers, pipelineParallel);
  if (pipelineParallel === 1) return kvLayerCount(spec);
  let most = 0;
  for (let start = 0; start < spec.numLayers; start += per) {
    let n = 0;
    for (let layer = start; layer < Math.min(spec.numLayers, start + per); layer++) if (spec.kvLayers?.[layer] ?? true) n++;
    most = Math.max(most, n);
  }
  return most;
}

/**
 * Bytes one more token of one sequence takes on one GPU (all its KV layers on the busiest stage).
 * @example kvBytesPerTokenPerGpu(deepseekV3, 'bf16', 8) // => 70272
 */
export function kvBytesPerTokenPerGpu(spec: ModelSpec, dtype: Dtype, tensorParallel = 1, pipelineParallel = 1): number {
  return kvBytesPerLayerPerRank(spec, dtype, tensorParallel) * stageKvLayers(spec, pipelineParallel);
}
