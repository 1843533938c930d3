/**
 * KV-cache size for every attention kind at once, layer by layer:
 * - MHA / GQA / MQA: each layer stores a key and a value of n_kv·d_h numbers per token
 *   (Shazeer 2019, arXiv 1911.02150; Ainslie et al. 2023, arXiv 2305.13245 §2.2);
 * - MLA: one shared latent of d_c = kv_lora_rank numbers plus one RoPE key of d_h^R per token, no ×2
 *   (DeepSeek-V2, arXiv 2405.04434 §2.1.4, Table 1);
 * - sliding-window layers keep at most `window` tokens (Mistral 7B's rolling buffer, arXiv 2310.06825 §2),
 *   per layer, so Gemma 2's alternating local/global layers come out right;
 * - a hybrid's recurrent layers (Gated DeltaNet, KDA, Mamba) keep no KV cache but a fixed state per sequence,
 *   `stateBytesPerSequence`, sized as vLLM's `MambaSpec` sizes it (model/recurrent.ts).
 */
import { OptionError, type OptionReason } from '../errors';
import { validatorFor } from '../validate';
import { bytesPerElement, type Dtype } from '../model/dtype';
import { assertModelSpec, isAttentionLayer, type AttentionKind, type ModelSpec } from '../model/model-spec';
import { recurrentLayerCount, recurrentStateElements } from '../model/recurrent';
import { largestFitting } from '../largest-fitting';
import { rankKvShare } from './tensor-parallel';

export interface KvCacheOptions {
  /** Tokens in each sequence (prompt + generated). */
  seqLen: number;
  /** Sequences held at once. */
  batch: number;
  dtype: Dtype;
  /**
   * Paged attention allocates whole blocks of this many tokens (vLLM's default is 16), so each sequence
   * is rounded up to a multiple of it. Omit (or 1) for exact sizes.
   */
  blockSize?: number;
  /** GPUs the model is split over by tensor parallelism (default 1): sets the per-GPU figures. */
  tensorParallel?: number;
  /**
   * Element type of a recurrent layer's convolution state (vLLM's `--mamba-cache-dtype`; 'auto' is the model's
   * dtype): default 'bf16'. The KV cache's `dtype` does not apply to it.
   */
  stateDtype?: Dtype;
  /**
   * Element type of the recurrent (SSM) state (vLLM's `--mamba-ssm-cache-dtype`): default what vLLM picks for the
   * model (`spec.recurrent.ssmStateDtype`: float32 for Kimi Linear, Nemotron-H, Qwen3.5), else `stateDtype`.
   */
  ssmStateDtype?: Dtype;
}

export interface KvCacheSize {
  /** Bytes one more token adds to one sequence while no window is full: Σ over layers holding KV. */
  perToken: number;
  /** Bytes for the whole batch at `seqLen`, after windows and block rounding. */
  total: number;
  /** `perToken` on one GPU under vLLM's per-rank rules (tensor-parallel.ts): KV heads split, MLA latent replicated. */
  perGpuPerToken: number;
  /** `total` on one GPU. */
  perGpuTotal: number;
  /**
   * Bytes of recurrent state one sequence holds, whatever its length: Σ over a hybrid's recurrent layers of the
   * convolution window and the recurrent state (0 for a model without such layers). Not in `total`: a request adds
   * it once per sequence, beside its KV cache.
   */
  stateBytesPerSequence: number;
  /** `stateBytesPerSequence` on one GPU (vLLM splits the heads and channels by TP). */
  perGpuStateBytesPerSequence: number;
}

/** An option of a KV-cache function out of range; `field` names it (`seqLen`, `batch`, `kind`…). */
export class KvCacheOptionError extends OptionError {
  override name = 'KvCacheOptionError';
  constructor(field: string, reason: OptionReason, got?: unknown, limit?: number | string, detail?: string) {
    super(field, reason, got, limit, detail);
  }
}

// Pure: a page that imports this module only for its constants does not pull the validators in.
const check = /* @__PURE__ */ validatorFor(KvCacheOptionError);

/** Longest sequence any function here accepts or the reverse solver looks for: far past any trained context. */
export const MAX_SOLVED_SEQ_LEN = 2 ** 31;
/** Most sequences at once, and the largest paged block: bounds so a typo cannot overflow exact integers. */
export const MAX_KV_BATCH = 2 ** 24;
export const MAX_BLOCK_SIZE = 2 ** 20;

function assertCount(name: string, value: unknown, min: number, max: number): void {
  check.integer(name, value, { min, max });
}

function assertBytes(name: string, value: unknown): void {
  check.number(name, value);
}

function assertOptions(options: unknown): void {
  check.object('options', options);
}

/**
 * Numbers stored per token in one layer: 2·n_kv·d_h, or d_c + d_h^R for MLA.
 *
 * @example
 * kvElementsPerLayer(deepseekV2) // => 576 (512 + 64)
 */
export function kvElementsPerLayer(spec: ModelSpec): number {
  if (spec.mla) return spec.mla.kvLoraRank + spec.mla.qkRopeHeadDim;
  // Keys and values are usually equally wide; a model converted from MLA keeps d_h for K and v_head_dim for V.
  return spec.numKvHeads * (spec.headDim + (spec.vHeadDim ?? spec.headDim));
}

/** Whether `layer` keeps a KV cache at all (recurrent layers of hybrids and mixer-less blocks do not). */
function layerHasKv(spec: ModelSpec, layer: number): boolean {
  return isAttentionLayer(spec, layer);
}

/**
 * Bytes of recurrent state one sequence keeps, per GPU under `tensorParallel`: per recurrent layer, the convolution
 * window at `stateDtype` and the recurrent state at `ssmStateDtype` (vLLM's `MambaSpec.page_size_bytes`; see
 * model/recurrent.ts for the shapes and the vLLM commit they are read at).
 *
 * @example
 * recurrentStateBytes(qwen3Next80b) // => 39,518,208 (36 layers × (3 × 8192 + 32 × 128 × 128) × 2 B)
 */
export function recurrentStateBytes(spec: ModelSpec, options: { stateDtype?: Dtype; ssmStateDtype?: Dtype; tensorParallel?: number } = {}): number {
  assertModelSpec(spec);
  assertOptions(options);
  const tensorParallel = check.optionalInteger('tensorParallel', options.tensorParallel, 1, { min: 1, max: 4096 });
  if (!spec.recurrent) return 0;
  const stateDtype = options.stateDtype ?? 'bf16';
  const ssmStateDtype = options.ssmStateDtype ?? spec.recurrent.ssmStateDtype ?? stateDtype;
  const { conv, ssm } = recurrentStateElements(spec, tensorParallel);
  const perLayer = conv * bytesPerElement(stateDtype, 'stateDtype') + ssm * bytesPerElement(ssmStateDtype, 'ssmStateDtype');
  return recurrentLayerCount(spec) * perLayer;
}

/**
 * Tokens `layer` holds when a sequence has `seqLen` tokens: all of them, or at most the window.
 *
 * @example
 * cachedTokens(mistral7b, 0, 32768) // => 4096
 */
export function cachedTokens(spec: ModelSpec, layer: number, seqLen: number): number {
  if (!layerHasKv(spec, layer)) return 0;
  const sw = spec.slidingWindow;
  return sw && sw.layers[layer] ? Math.min(seqLen, sw.window) : seqLen;
}

/** Layers holding a KV cache, split into those that keep every token and those capped by the window. */
export function kvLayerCounts(spec: ModelSpec): { global: number; local: number } {
  let global = 0;
  let local = 0;
  for (let layer = 0; layer < spec.numLayers; layer++) {
    if (!layerHasKv(spec, layer)) continue;
    if (spec.slidingWindow?.layers[layer]) local++;
    else global++;
  }
  return { global, local };
}

/** `seqLen` rounded up to whole blocks. @example pagedTokens(1000, 16) // => 1008 */
export function pagedTokens(seqLen: number, blockSize = 1): number {
  return Math.ceil(seqLen / blockSize) * blockSize;
}

/**
 * KV-cache bytes per token and for a whole batch.
 *
 * @example
 * // Llama-2-7B in fp16: 2 · 32 layers · 32 heads · 128 · 2 B = 524,288 B = 0.5 MiB per token
 * kvCacheBytes(llama2_7b, { seqLen: 4096, batch: 1, dtype: 'fp16' }) // => { perToken: 524288, total: 2147483648 }
 */
export function kvCacheBytes(spec: ModelSpec, options: KvCacheOptions): KvCacheSize {
  assertModelSpec(spec);
  assertOptions(options);
  const { seqLen, batch, dtype, blockSize = 1, tensorParallel = 1 } = options;
  assertCount('seqLen', seqLen, 0, MAX_SOLVED_SEQ_LEN);
  assertCount('batch', batch, 0, MAX_KV_BATCH);
  assertCount('blockSize', blockSize, 1, MAX_BLOCK_SIZE);
  const bytes = bytesPerElement(dtype);
  const perLayer = kvElementsPerLayer(spec) * bytes;
  const { global, local } = kvLayerCounts(spec);
  const tokens = pagedTokens(seqLen, blockSize);
  const windowTokens = spec.slidingWindow ? Math.min(tokens, pagedTokens(spec.slidingWindow.window, blockSize)) : 0;
  const perSequence = perLayer * (global * tokens + local * windowTokens);
  const perToken = perLayer * (global + local);
  const share = rankKvShare(spec, tensorParallel);
  const state = { stateDtype: options.stateDtype, ssmStateDtype: options.ssmStateDtype };
  return {
    perToken,
    total: perSequence * batch,
    perGpuPerToken: perToken * share,
    perGpuTotal: perSequence * batch * share,
    stateBytesPerSequence: recurrentStateBytes(spec, state),
    perGpuStateBytesPerSequence: recurrentStateBytes(spec, { ...state, tensorParallel }),
  };
}

/**
 * The same model shape with another attention kind, for "this model as MHA / GQA-g / MQA / MLA".
 * `kvHeads` sets the groups for GQA (it must divide the query heads). For MLA on a model that has none,
 * DeepSeek-V2's proportions are used: d_c = 4·d_h and d_h^R = d_h/2, i.e. 4.5·d_h per layer (§2.1.4).
 *
 * @example
 * withAttention(llama2_70b, 'mha').numKvHeads // => 64
 */
export function withAttention(spec: ModelSpec, kind: AttentionKind, kvHeads?: number): ModelSpec {
  assertModelSpec(spec);
  check.oneOf('kind', kind, ATTENTION_KINDS);
  check.requires('kvHeads', kvHeads === undefined || kind === 'gqa', kvHeads, 'attention kind gqa');
  const base: ModelSpec = { ...spec };
  delete base.mla;
  delete base.vHeadDim;
  if (spec.mla) {
    // DeepSeek-V2 Table 1 compares MLA with MHA of the same n_h and d_h, where d_h is the per-head width without
    // the decoupled RoPE part (128 for DeepSeek-V2): 2·n_h·d_h = 32,768 elements per layer, not 2·128·192.
    base.headDim = spec.mla.qkNopeHeadDim;
    if (spec.mla.vHeadDim !== spec.mla.qkNopeHeadDim) base.vHeadDim = spec.mla.vHeadDim;
  }
  if (kind === 'mla') {
    if (spec.mla) return spec;
    const dh = spec.headDim;
    return {
      ...base,
      attention: 'mla',
      numKvHeads: spec.numHeads,
      mla: { kvLoraRank: 4 * dh, qLoraRank: null, qkRopeHeadDim: Math.max(1, Math.round(dh / 2)), qkNopeHeadDim: dh, vHeadDim: dh },
    };
  }
  // An MLA model's query/key head width (nope + rope) stands in for d_h when it is shown as MHA/GQA/MQA.
  const n = kind === 'mha' ? spec.numHeads : kind === 'mqa' ? 1 : (kvHeads ?? spec.numKvHeads);
  assertCount('kvHeads', n, 1, spec.numHeads);
  check.divides('kvHeads', n, spec.numHeads, 'query heads');
  const attention: AttentionKind = n === spec.numHeads ? 'mha' : n === 1 ? 'mqa' : 'gqa';
  return { ...base, attention, numKvHeads: n };
}

/**
 * Numbers of KV heads that divide the query heads, for a GQA group picker.
 * @example divisorKvHeads({ numHeads: 32 }) // => [1, 2, 4, 8, 16, 32]
 */
export function divisorKvHeads(spec: Pick<ModelSpec, 'numHeads'>): number[] {
  const out: number[] = [];
  for (let g = 1; g <= spec.numHeads; g++) if (spec.numHeads % g === 0) out.push(g);
  return out;
}

const ATTENTION_KINDS: readonly AttentionKind[] = ['mha', 'mqa', 'gqa', 'mla'];

/**
 * `exceedsTrainedWindow`: the length is beyond the model's `max_position_embeddings`, so it fits in memory but
 * the model was not trained to attend that far (issue 16, correction 6). `unbounded` only when every layer that
 * keeps a KV cache is windowed or chunked.
 */
export type MaxContext =
  | { kind: 'limited'; seqLen: number; exceedsTrainedWindow: boolean; trainedWindow?: number }
  | { kind: 'unbounded'; exceedsTrainedWindow: boolean; trainedWindow?: number }
  | { kind: 'none' };

/**
 * Longest context that fits `freeBytes` for `batch` sequences, after block rounding.
 * `unbounded` when every KV layer is windowed (the cache stops growing), `none` when not even one token fits.
 *
 * @example
 * maxContextLength(llama2_7b, { freeBytes: 2 ** 31, batch: 1, dtype: 'fp16' }) // => { kind: 'limited', seqLen: 4096 }
 */
export function maxContextLength(
  spec: ModelSpec,
  options: { freeBytes: number; batch: number; dtype: Dtype; blockSize?: number; stateDtype?: Dtype; ssmStateDtype?: Dtype },
): MaxContext {
  assertOptions(options);
  const { freeBytes, ...rest } = options;
  assertBytes('freeBytes', freeBytes);
  // Each sequence's recurrent state is held whatever its length.
  const fits = (seqLen: number) => {
    const kv = kvCacheBytes(spec, { ...rest, seqLen });
    return kv.total + kv.stateBytesPerSequence * rest.batch <= freeBytes;
  };
  if (freeBytes < 0 || !fits(1)) return { kind: 'none' };
  const trained = spec.maxPositionEmbeddings;
  const window = trained === undefined ? {} : { trainedWindow: trained };
  // "Unbounded" only when no layer keeps every token; otherwise the solver's ceiling is an answer like any other.
  if (kvLayerCounts(spec).global === 0) return { kind: 'unbounded', exceedsTrainedWindow: trained !== undefined, ...window };
  const seqLen = largestFitting(fits, MAX_SOLVED_SEQ_LEN)!;
  return { kind: 'limited', seqLen, exceedsTrainedWindow: trained !== undefined && seqLen > trained, ...window };
}

/**
 * How many sequences of `seqLen` tokens fit `freeBytes` at once (0 when none does).
 * @example maxConcurrentSequences(llama2_7b, { freeBytes: 2 ** 33, seqLen: 4096, dtype: 'fp16' }) // => 4
 */
export function maxConcurrentSequences(
  spec: ModelSpec,
  options: { freeBytes: number; seqLen: number; dtype: Dtype; blockSize?: number; stateDtype?: Dtype; ssmStateDtype?: Dtype },
): number {
  assertOptions(options);
  const { freeBytes, ...rest } = options;
  assertBytes('freeBytes', freeBytes);
  const kv = kvCacheBytes(spec, { ...rest, batch: 1 });
  const one = kv.total + kv.stateBytesPerSequence;
  if (!(freeBytes > 0)) return 0;
  if (one === 0) return Number.MAX_SAFE_INTEGER;
  return Math.floor(freeBytes / one);
}

/**
 * Memory left for the KV cache on a GPU: the share an engine may use (vLLM's `gpu_memory_utilization`,
 * default 0.9) minus the weights. Negative when the weights alone do not fit.
 */
export function freeKvBytes(gpuBytes: number, utilization: number, weightBytes: number): number {
  return gpuBytes * utilization - weightBytes;
}
