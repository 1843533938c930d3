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
 * - Capacity (tokens that fit, vLLM's block and group rules): kv-capacity.ts.
 */
import { bytesPerElement, type Dtype } from '../model/dtype';
import type { ModelSpec } from '../model/model-spec';
import { OptionError, type OptionReason } from '../errors';
import { validatorFor } from '../validate';

/** What a parallel degree failed to split: the query heads, the KV heads, or the layers (pipeline stages). */
export type SplitTarget = 'heads' | 'kvHeads' | 'layers';

/**
 * A parallel layout the model cannot be split into; `field` names the option to change, `reason` why
 * (`not-integer`, `below-min`, `not-divisible`, `above-max`), `limit` the count it failed to split and `splits`
 * what that count is, so a caller can say "the 64 attention heads" in its own language.
 */
export class ParallelismError extends OptionError {
  override name = 'ParallelismError';
  /** Set when the degree does not fit the model's shape. */
  splits?: SplitTarget;
  constructor(field: string, reason: OptionReason, got?: unknown, limit?: number | string, detail?: string) {
    super(field, reason, got, limit, detail);
  }
}

const check = validatorFor(ParallelismError);

function splitError(field: 'tensorParallel' | 'pipelineParallel', splits: SplitTarget, got: number, count: number, detail: string): ParallelismError {
  const error = new ParallelismError(field, splits === 'layers' ? 'above-max' : 'not-divisible', got, count, detail);
  error.splits = splits;
  return error;
}

function assertDegree(field: 'tensorParallel' | 'pipelineParallel', value: number): void {
  check.integer(field, value, { min: 1 });
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
      throw splitError('tensorParallel', 'kvHeads', tensorParallel, totalKvHeads, `${tensorParallel} is not a multiple of the ${totalKvHeads} KV heads`);
    }
    return 1;
  }
  if (totalKvHeads % tensorParallel !== 0) {
    throw splitError('tensorParallel', 'kvHeads', tensorParallel, totalKvHeads, `${tensorParallel} does not divide the ${totalKvHeads} KV heads`);
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
    throw splitError('tensorParallel', 'heads', tensorParallel, spec.numHeads, `${tensorParallel} does not divide the ${spec.numHeads} attention heads`);
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
    throw splitError('pipelineParallel', 'layers', pipelineParallel, numLayers, `${pipelineParallel} stages for ${numLayers} layers`);
  }
  return Math.ceil(numLayers / pipelineParallel);
}

/** Layers that keep a KV cache (all but the linear-attention layers of hybrids). */
export function kvLayerCount(spec: ModelSpec): number {
  return stageKvLayers(spec);
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

/**
 * KV layers of each kind on the busiest pipeline stage (the most KV layers), with vLLM's contiguous split of
 * layers into stages: full attention, and windowed (sliding or chunked).
 * @example stageLayerKinds(gemma2_9b) // => { full: 21, windowed: 21 }
 */
export function stageLayerKinds(spec: ModelSpec, pipelineParallel = 1): { full: number; windowed: number } {
  const per = layersPerStage(spec.numLayers, pipelineParallel);
  let full = 0;
  let windowed = 0;
  for (let start = 0; start < spec.numLayers; start += per) {
    let f = 0;
    let w = 0;
    for (let layer = start; layer < Math.min(spec.numLayers, start + per); layer++) {
      if (!(spec.kvLayers?.[layer] ?? true)) continue;
      if (spec.slidingWindow?.layers[layer]) w++;
      else f++;
    }
    if (f + w > full + windowed) [full, windowed] = [f, w];
  }
  return { full, windowed };
}

/** KV layers on the busiest pipeline stage. */
export function stageKvLayers(spec: ModelSpec, pipelineParallel = 1): number {
  const { full, windowed } = stageLayerKinds(spec, pipelineParallel);
  return full + windowed;
}

/**
 * Bytes one more token of one sequence takes on one GPU (all its KV layers on the busiest stage).
 * @example kvBytesPerTokenPerGpu(deepseekV3, 'bf16', 8) // => 70272
 */
export function kvBytesPerTokenPerGpu(spec: ModelSpec, dtype: Dtype, tensorParallel = 1, pipelineParallel = 1): number {
  return kvBytesPerLayerPerRank(spec, dtype, tensorParallel) * stageKvLayers(spec, pipelineParallel);
}
