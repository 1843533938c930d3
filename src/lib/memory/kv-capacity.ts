/**
 * Tokens vLLM's KV cache holds per GPU, by its own rules (kept apart from tensor-parallel.ts so the KV-cache
 * calculator, which needs only the per-rank rules, does not ship this code):
 * - Capacity: `get_num_blocks` in vllm/v1/core/kv_cache_utils.py takes
 *   `available_memory // page_size // num_layers` blocks, where a page holds `block_size` tokens of one layer
 *   (`AttentionSpec.real_page_size_bytes` = 2·block_size·num_kv_heads·head_size·dtype size); the log's
 *   "GPU KV cache size: N tokens" is that block count times the block size.
 * - Hybrid models (sliding-window or chunked layers next to full ones): `_get_kv_cache_groups_uniform_page_size`
 *   splits the layers into groups of equal size (the smaller type's count, or the larger's when it is under 1.5×
 *   the smaller, padding the last group of a type), `get_kv_cache_config_from_groups` takes
 *   `available_memory // page_size // group_size` blocks shared by all groups, and `_report_kv_cache_config`
 *   logs `num_blocks // len(groups) * block_size` tokens. Read at vLLM commit 001cabc1 (kv_cache_utils.py).
 *   Whether v0.10.1.1 (the reconciled logs) already had the 1.5× rule was not checked; it changes nothing for
 *   equal counts such as gpt-oss's 18 + 18.
 */
import type { Dtype } from '../model/dtype';
import type { ModelSpec } from '../model/model-spec';
import { kvBytesPerLayerPerRank, stageLayerKinds } from './tensor-parallel';
import { check } from '../validate';

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
  /** Blocks of `blockSize` tokens one sequence can fill: vLLM's pool of blocks divided among its layer groups. */
  blocks: number;
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
  check.integer('blockSize', blockSize);
  check.number('freeBytesPerGpu', freeBytesPerGpu);
  const perLayer = kvBytesPerLayerPerRank(spec, dtype, tensorParallel);
  const { groups, layersPerGroup } = kvCacheGroups(spec, pipelineParallel);
  if (!layersPerGroup || freeBytesPerGpu <= 0) return { tokens: 0, blocks: 0 };
  // vLLM: num_blocks = free // page // layers per group, shared by the groups, each logged as num_blocks // groups.
  // vLLM floors the free bytes first (int); then nested floors of whole-number divisors equal one floor of the product.
  const blocks = Math.floor(Math.floor(freeBytesPerGpu) / (perLayer * blockSize * layersPerGroup * groups));
  return { tokens: blocks * blockSize, blocks };
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
  const fewer = Math.min(full, windowed);
  const more = full + windowed - fewer;
  if (!fewer) return { groups: 1, layersPerGroup: more };
  const layersPerGroup = more < fewer * 1.5 ? more : fewer;
  return { groups: Math.ceil(full / layersPerGroup) + Math.ceil(windowed / layersPerGroup), layersPerGroup };
}
