/**
 * Tokens vLLM's KV cache holds per GPU, by its own rules (kept apart from tensor-parallel.ts so the KV-cache
 * calculator, which needs only the per-rank rules, does not ship this code):
 * - Capacity: `get_num_blocks` in vllm/v1/core/kv_cache_utils.py takes
 *   `available_memory // page_size // num_layers` blocks, where a page holds `block_size` tokens of one layer
 *   (`AttentionSpec.real_page_size_bytes` = 2·block_size·num_kv_heads·head_size·dtype size); the log's
 *   "GPU KV cache size: N tokens" is that block count times the block size.
 * - Hybrid models (sliding-window, chunked or recurrent layers next to full ones): `_get_kv_cache_groups_uniform_page_size`
 *   splits the layers into groups of equal size (the smallest kind's count, or the largest's when it is under 1.5×
 *   the smallest, padding the last group of a kind), `get_kv_cache_config_from_groups` takes
 *   `available_memory // page_size // group_size` blocks in one pool shared by all groups, and `_report_kv_cache_config`
 *   logs `num_blocks // len(groups) * block_size` tokens. Read at vLLM commit 001cabc1 (kv_cache_utils.py).
 *   Whether v0.10.1.1 (the reconciled logs) already had the 1.5× rule was not checked; it changes nothing for
 *   equal counts such as gpt-oss's 18 + 18.
 * - Recurrent layers (Gated DeltaNet, KDA, Mamba): each is a `MambaSpec` whose page is one sequence's state
 *   (model/recurrent.ts). So that one pool serves both, `HybridAttentionMambaModelConfig.verify_and_update_config`
 *   (vllm/model_executor/models/config.py at vllm-project/vllm@0144dd5b0d2d9ef9ac2651a3ab6efa83d0497ea9) raises the
 *   attention block size to `16 · ⌈state page / (16 · attention bytes per token)⌉` tokens and pads the state page to
 *   the attention page (`mamba_page_size_padded`); later vLLM moved this to `Platform._align_hybrid_block_size` with
 *   the backend's kernel alignment (16 for the CUDA backends) in place of the 16.
 * - Per request (`get_max_concurrency_for_kv_cache_config`, `_max_memory_usage_bytes_from_groups`, the start-up
 *   check): each group asks its spec's `max_memory_usage_bytes` (vllm/v1/kv_cache_interface.py at 001cabc1): a full
 *   group ⌈s/k⌉ blocks, a sliding group ⌈min(w − 1 + T, s)/k⌉ + 1 (T = max_num_batched_tokens), a recurrent group one
 *   page (`mamba_cache_mode` 'none', no speculative blocks). "Maximum concurrency" is the pool over that sum.
 */
import type { Dtype } from '../model/dtype';
import type { ModelSpec } from '../model/model-spec';
import { isRecurrentLayer } from '../model/model-spec';
import { kvBytesPerLayerPerRank, layersPerStage } from './tensor-parallel';
import { recurrentStateBytes } from './kv-cache';
import { recurrentLayerCount } from '../model/recurrent';
import { check } from '../validate';

export interface KvCapacityOptions {
  /** Bytes left for the KV cache on each GPU (vLLM logs it as "Available KV cache memory"). */
  freeBytesPerGpu: number;
  dtype: Dtype;
  tensorParallel?: number;
  pipelineParallel?: number;
  /** Tokens per block; vLLM's default is 16 (a hybrid with recurrent layers raises it, see `kvCacheLayout`). */
  blockSize?: number;
  /** Element types of a recurrent layer's state (see `KvCacheOptions`): the convolution window and the SSM state. */
  stateDtype?: Dtype;
  ssmStateDtype?: Dtype;
}

export interface KvCapacity {
  /** What vLLM logs as "GPU KV cache size: N tokens": blocks × block size. */
  tokens: number;
  /** Blocks of `blockSize` tokens one sequence can fill: vLLM's pool of blocks divided among its layer groups. */
  blocks: number;
  /** vLLM's `num_blocks`: the one pool every group draws its blocks from. */
  poolBlocks: number;
  /** Tokens per block in force (raised for recurrent hybrids). */
  blockSize: number;
}

/**
 * Tokens the KV cache holds when every GPU has `freeBytesPerGpu` for it: vLLM's `get_num_blocks`,
 * ⌊free / page / layers per group⌋ blocks in one pool, logged as ⌊pool / groups⌋ · block_size. Every layer of a
 * group gets a page per block, so windowed layers cost what full ones do in the logged size (that they need fewer
 * blocks per request is `requestBlocks`); recurrent layers take a padded page per sequence. With pipeline
 * parallelism the busiest stage decides, as vLLM takes the smallest block count over workers.
 *
 * @example
 * // DeepSeek-V3, TP 8, bf16 latent: 61 layers · 576 · 2 B = 70,272 B per token on every rank
 * kvTokenCapacity(deepseekV3, { freeBytesPerGpu: 52_380_000_000, dtype: 'bf16', tensorParallel: 8 })
 */
export function kvTokenCapacity(spec: ModelSpec, options: KvCapacityOptions): KvCapacity {
  const { freeBytesPerGpu } = options;
  check.number('freeBytesPerGpu', freeBytesPerGpu);
  const layout = kvCacheLayout(spec, options);
  const { groups, layersPerGroup, pageBytes, blockSize } = layout;
  if (!layersPerGroup || freeBytesPerGpu <= 0) return { tokens: 0, blocks: 0, poolBlocks: 0, blockSize };
  // vLLM: num_blocks = int(free // page // layers per group), shared by the groups, each logged as num_blocks // groups.
  const poolBlocks = Math.floor(Math.floor(freeBytesPerGpu) / (pageBytes * layersPerGroup));
  const blocks = Math.floor(poolBlocks / groups);
  return { tokens: blocks * blockSize, blocks, poolBlocks, blockSize };
}

/** How vLLM pages one worker's cache: the block size, the page, and the groups of each kind of layer. */
export interface KvCacheLayout {
  /** Tokens per block: the requested one, or larger so one attention page holds a recurrent layer's state. */
  blockSize: number;
  /** One layer's page on one rank, in bytes (the padded state page of a recurrent layer is the same). */
  pageBytes: number;
  /** Bytes one token of one attention layer takes on one rank. */
  attentionBytesPerToken: number;
  /** One recurrent layer's state for one sequence on one rank before padding (0 without such layers). */
  stateBytesPerLayer: number;
  /** Groups of each kind: full attention, sliding-window (or chunked), recurrent. */
  kindGroups: { full: number; windowed: number; recurrent: number };
  groups: number;
  layersPerGroup: number;
  /** The sliding window (tokens), when there are windowed layers. */
  window: number | null;
}

/** Cache layers of each kind on the busiest pipeline stage (the most cache layers), vLLM's contiguous split. */
function stageCacheLayers(spec: ModelSpec, pipelineParallel: number): { full: number; windowed: number; recurrent: number } {
  const per = layersPerStage(spec.numLayers, pipelineParallel);
  let best = { full: 0, windowed: 0, recurrent: 0 };
  for (let start = 0; start < spec.numLayers; start += per) {
    const here = { full: 0, windowed: 0, recurrent: 0 };
    for (let layer = start; layer < Math.min(spec.numLayers, start + per); layer++) {
      if (isRecurrentLayer(spec, layer)) here.recurrent++;
      else if (!(spec.kvLayers?.[layer] ?? true)) continue;
      else if (spec.slidingWindow?.layers[layer]) here.windowed++;
      else here.full++;
    }
    if (here.full + here.windowed + here.recurrent > best.full + best.windowed + best.recurrent) best = here;
  }
  return best;
}

/**
 * vLLM's paging of one worker's cache (see the notes at the top): the layer kinds grouped as
 * `_get_kv_cache_groups_uniform_page_size` groups them, and for a hybrid with recurrent layers the attention block
 * raised to `16 · ⌈state page / (16 · attention bytes per token)⌉` tokens, the state page padded to it.
 *
 * @example
 * // Qwen3-Next-80B, TP 1, bf16: state page 36 layers' worth / 36 = 1,097,728 B; 2,048 B per attention token
 * kvCacheLayout(qwen3Next, { dtype: 'bf16' }) // => { blockSize: 544, pageBytes: 1,114,112, groups: 4, layersPerGroup: 12, … }
 */
export function kvCacheLayout(
  spec: ModelSpec,
  options: { dtype: Dtype; tensorParallel?: number; pipelineParallel?: number; blockSize?: number; stateDtype?: Dtype; ssmStateDtype?: Dtype },
): KvCacheLayout {
  const { dtype, tensorParallel = 1, pipelineParallel = 1, blockSize: requested = 16 } = options;
  check.integer('blockSize', requested, { min: 1 });
  const attentionBytesPerToken = kvBytesPerLayerPerRank(spec, dtype, tensorParallel);
  const recurrentLayers = recurrentLayerCount(spec);
  const stateBytesPerLayer = recurrentLayers
    ? recurrentStateBytes(spec, { tensorParallel, stateDtype: options.stateDtype, ssmStateDtype: options.ssmStateDtype }) / recurrentLayers
    : 0;
  const aligned = stateBytesPerLayer > 0 ? 16 * Math.ceil(stateBytesPerLayer / (16 * attentionBytesPerToken)) : 0;
  const blockSize = Math.max(requested, aligned);
  const { groups, layersPerGroup, kindGroups } = groupsOf(stageCacheLayers(spec, pipelineParallel));
  return {
    blockSize,
    pageBytes: blockSize * attentionBytesPerToken,
    attentionBytesPerToken,
    stateBytesPerLayer,
    kindGroups,
    groups,
    layersPerGroup,
    window: kindGroups.windowed > 0 && spec.slidingWindow ? spec.slidingWindow.window : null,
  };
}

function groupsOf(kinds: { full: number; windowed: number; recurrent: number }) {
  const counts = [kinds.full, kinds.windowed, kinds.recurrent].filter((n) => n > 0);
  if (!counts.length) return { groups: 0, layersPerGroup: 0, kindGroups: { full: 0, windowed: 0, recurrent: 0 } };
  const fewest = Math.min(...counts);
  const most = Math.max(...counts);
  // vLLM: group_size = min count, or the max count when it is under 1.5 × the min; each kind padded to whole groups.
  const size = most < fewest * 1.5 ? most : fewest;
  const of = (n: number) => Math.ceil(n / size);
  const kindGroups = { full: of(kinds.full), windowed: of(kinds.windowed), recurrent: of(kinds.recurrent) };
  return { groups: kindGroups.full + kindGroups.windowed + kindGroups.recurrent, layersPerGroup: size, kindGroups };
}

/**
 * Blocks of the pool one request of `contextTokens` needs, as vLLM sums them (`max_memory_usage_bytes` of each
 * group's spec over the page): ⌈s/k⌉ per full group, ⌈min(w − 1 + T, s)/k⌉ + 1 per sliding group
 * (`SlidingWindowSpec`: the window plus one scheduled chunk, and a block for the window's misaligned start), one
 * page per recurrent group (`MambaSpec` with `mamba_cache_mode` 'none'). `sharedTokens` of a common prefix are
 * counted once elsewhere (prefix caching), so only the rest of each full group's blocks are the request's own.
 *
 * @example
 * // gpt-oss-120b, 18 sliding (w 128) + 18 full, k 16, T 2,048, s 16,384: 1,024 + 136 + 1 = 1,161 blocks
 * requestBlocks(kvCacheLayout(gptOss120b, { dtype: 'bf16', tensorParallel: 4 }), 16384, 2048) // => 1161
 */
export function requestBlocks(
  layout: KvCacheLayout,
  contextTokens: number,
  maxNumBatchedTokens: number,
  sharedTokens = 0,
  mambaCacheMode: MambaCacheMode = 'none',
): number {
  const k = layout.blockSize;
  const { full, windowed, recurrent } = layout.kindGroups;
  const own = Math.ceil(Math.max(0, contextTokens - sharedTokens) / k);
  const windowTokens = layout.window === null ? 0 : Math.min(layout.window - 1 + maxNumBatchedTokens, contextTokens);
  return full * own + windowed * (Math.ceil(windowTokens / k) + 1) + recurrent * (mambaCacheMode === 'align' ? 2 : 1);
}

/**
 * vLLM's `--mamba-cache-mode`: 'none' keeps one state page per recurrent group and request; 'align', which vLLM
 * turns on for hybrids when prefix caching is enabled ("Mamba cache mode is set to 'align' … by default when prefix
 * caching is enabled"), keeps two (`MambaSpec.max_memory_usage_bytes`: `page_size_bytes * (2 + num_speculative_blocks)`).
 */
export type MambaCacheMode = 'none' | 'align';

/**
 * How vLLM's hybrid KV cache manager groups the cache layers of one worker (see the notes at the top): one group
 * when every layer is of one kind; otherwise groups of the smallest kind's count (or the largest's, when under
 * 1.5× the smallest), each kind padded to whole groups. Recurrent layers are a kind of their own.
 *
 * @example
 * kvCacheGroups(gptOss120b) // => { groups: 2, layersPerGroup: 18 } (18 sliding + 18 full)
 * kvCacheGroups(gemma3_1b)  // => { groups: 7, layersPerGroup: 4 } (22 sliding in 6 groups, 2 padding; 4 full)
 * kvCacheGroups(qwen3Next)  // => { groups: 4, layersPerGroup: 12 } (12 full; 36 Gated DeltaNet in 3 groups)
 */
export function kvCacheGroups(spec: ModelSpec, pipelineParallel = 1): { groups: number; layersPerGroup: number } {
  const { groups, layersPerGroup } = groupsOf(stageCacheLayers(spec, pipelineParallel));
  return { groups, layersPerGroup };
}
