/**
 * A transformer's shape, normalized from a Hugging Face `config.json` by `parseHfConfig`.
 * Every calculator that needs a model (KV cache, fine-tune memory, embeddings) takes this type.
 * Field names are public API: add fields freely, do not rename them.
 */
import { OptionError, type OptionReason } from '../errors';
import { validatorFor } from '../validate';

export type AttentionKind = 'mha' | 'mqa' | 'gqa' | 'mla';

/** Multi-head latent attention (DeepSeek-V2 §2.1): the cache holds a compressed latent plus a RoPE key. */
export interface MlaSpec {
  /** d_c: width of the compressed KV latent (`kv_lora_rank`). */
  kvLoraRank: number;
  /** d_c': width of the compressed query latent (`q_lora_rank`), or null when queries are not compressed. */
  qLoraRank: number | null;
  /** d_h^R: decoupled RoPE key width per head, shared across heads in the cache (`qk_rope_head_dim`). */
  qkRopeHeadDim: number;
  /** Non-RoPE query/key width per head (`qk_nope_head_dim`). */
  qkNopeHeadDim: number;
  /** Value width per head (`v_head_dim`). */
  vHeadDim: number;
}

/** Mixture-of-experts feed-forward layers. */
export interface MoeSpec {
  /** Routed experts per MoE layer. */
  numExperts: number;
  /** Routed experts each token uses. */
  expertsPerToken: number;
  /** Always-on shared experts per MoE layer (DeepSeek); 0 when none. */
  sharedExperts: number;
  /** Hidden width of one expert's MLP. */
  expertIntermediateSize: number;
  /** Leading layers that keep a dense MLP (DeepSeek's `first_k_dense_replace`); 0 when all are MoE. */
  denseLayers: number;
  /** The router carries a per-expert bias (DeepSeek-V3's `e_score_correction_bias`, `topk_method: noaux_tc`). */
  routerBias?: boolean;
  /** Hidden width of the shared expert when it differs from a routed one (Qwen2-MoE's `shared_expert_intermediate_size`). */
  sharedExpertIntermediateSize?: number;
  /** A sigmoid gate (hidden → 1) scales the shared expert's output (Qwen2-MoE's `shared_expert_gate`). */
  sharedExpertGate?: boolean;
  /**
   * One entry per layer: true where the layer's MLP is a mixture of experts. Overrides `denseLayers` for
   * interleaved models (Llama 4 Maverick's `interleave_moe_layer_step`, Qwen's `decoder_sparse_step` /
   * `mlp_only_layers`).
   */
  layers?: boolean[];
  /** Every expert's projections carry a bias (gpt-oss). */
  expertBias?: boolean;
}

/**
 * The recurrent mixer of a hybrid's non-attention layers: a fixed-size state per sequence instead of a KV cache
 * that grows with the context. The four kinds vLLM serves, with the config.json keys each field comes from:
 *
 * | kind             | numHeads (H)            | headDim                  | numKeyHeads            | keyHeadDim          | stateSize     |
 * |------------------|-------------------------|--------------------------|------------------------|---------------------|---------------|
 * | `gated-deltanet` | linear_num_value_heads  | linear_value_head_dim    | linear_num_key_heads   | linear_key_head_dim | = keyHeadDim  |
 * | `kda`            | linear_attn_config.num_heads | linear_attn_config.head_dim | = numHeads      | = headDim           | = headDim     |
 * | `mamba2`         | mamba_num_heads / mamba_n_heads | mamba_head_dim / mamba_d_head | n_groups (G)  | ssm_state_size (N)  | = N           |
 * | `mamba1`         | 1                       | d_inner = expand · hidden | 1                     | mamba_d_state (N)   | = N           |
 *
 * Gated DeltaNet: Qwen3-Next, Qwen3.5 (Yang et al. 2024, arXiv 2412.06464). KDA: Kimi Linear (arXiv 2510.26692).
 * Mamba-2: Nemotron-H, Granite 4.0-H (Dao & Gu 2024, arXiv 2405.21060). Mamba-1: Jamba (Gu & Dao 2023, arXiv 2312.00752).
 */
export interface RecurrentSpec {
  kind: 'gated-deltanet' | 'kda' | 'mamba2' | 'mamba1';
  /** One entry per layer: true where the layer's mixer is this recurrent block (it keeps no KV cache). */
  layers: boolean[];
  numHeads: number;
  headDim: number;
  numKeyHeads: number;
  keyHeadDim: number;
  stateSize: number;
  /** Width of the causal short convolution in front of the recurrence (`conv_kernel`, `linear_conv_kernel_dim`). */
  convKernel: number;
  /** The convolution carries a bias (Mamba's `use_conv_bias` / `mamba_conv_bias`). */
  convBias: boolean;
  /** The input and output projections carry biases (Mamba's `use_bias` / `mamba_proj_bias`). */
  projBias: boolean;
  /** Mamba-1's rank of the Δ projection (`mamba_dt_rank`, "auto" = ⌈hidden / 16⌉). */
  dtRank?: number;
  /** Jamba's RMSNorms on Δ, B and C inside the Mamba-1 mixer. */
  innerNorms?: boolean;
  /**
   * The recurrent (SSM) state's element type when vLLM is left at `--mamba-ssm-cache-dtype auto`: 'fp32' for Kimi
   * Linear (its KDA state is always float32), Nemotron-H (float32 unless its config says otherwise) and configs
   * carrying `mamba_ssm_dtype: "float32"` (Qwen3.5); absent means the model's own 16-bit type.
   */
  ssmStateDtype?: 'fp32' | 'bf16';
}

/** A vision encoder beside the language model (Gemma 3's SigLIP), counted apart from `countParams`. */
export interface VisionTowerSpec {
  /** `vision_config.model_type`, e.g. 'siglip_vision_model'. */
  kind: string;
  /** Parameters of the encoder and of the projector into the language model's width. */
  params: number;
}

/** Local attention over the last `window` keys on the layers marked true. */
export interface SlidingWindowSpec {
  window: number;
  /**
   * Chunked local attention (Llama 4's `attention_chunk_size`): a token sees only its own chunk, so a layer
   * holds at most `window` tokens, like a sliding window of the same size.
   */
  chunked?: boolean;
  /** One entry per layer: true where the layer attends only within the window. */
  layers: boolean[];
}

export interface ModelSpec {
  /** `model_type` of the config, e.g. 'llama', 'gemma2', 'deepseek_v3'. */
  family: string;
  numLayers: number;
  hiddenSize: number;
  numHeads: number;
  /** Key/value heads: equal to numHeads for MHA, 1 for MQA, in between for GQA. */
  numKvHeads: number;
  headDim: number;
  /**
   * Width of one value head when it differs from the key width `headDim` (a model shown "as MHA" from MLA keeps
   * DeepSeek-V2's d_h for keys and `v_head_dim` for values). Absent when they are equal.
   */
  vHeadDim?: number;
  /** Dense MLP hidden width (for MoE models, the dense layers' width). */
  intermediateSize: number;
  vocabSize: number;
  tiedEmbeddings: boolean;
  attention: AttentionKind;
  /** Gated MLPs (SwiGLU/GeGLU) have three matrices, plain ones two. */
  mlp: 'gated' | 'plain';
  norm: 'rmsnorm' | 'layernorm';
  /** Which projections carry a bias vector. */
  bias: { qkv: boolean; o: boolean; mlp: boolean };
  /** Trained context length, when the config states one. */
  maxPositionEmbeddings?: number;
  mla?: MlaSpec;
  slidingWindow?: SlidingWindowSpec;
  moe?: MoeSpec;
  /** Norm layers inside each block: 2 (pre-attention, pre-MLP) for most; 4 for Gemma 2; 1 for Falcon-7B's parallel block. Default 2. */
  normsPerLayer?: number;
  /** Norm layers outside the blocks: the final norm of a decoder, or BERT's embedding norm. Default 1. */
  extraNorms?: number;
  /** Rows of a learned absolute position table (GPT-2, OPT, BERT); absent for RoPE/ALiBi models. */
  learnedPositions?: number;
  /** BERT's segment (token type) embeddings. */
  tokenTypes?: number;
  /** BERT's pooler: one dense layer with bias on the [CLS] state. */
  pooler?: boolean;
  /**
   * One entry per layer: false where the layer keeps no KV cache. Such a layer's mixer is the `recurrent` block
   * where `recurrent.layers` marks it, and no mixer at all otherwise (Nemotron-H's MLP-only blocks).
   */
  kvLayers?: boolean[];
  /** The recurrent mixer of hybrid models (Qwen3-Next, Kimi Linear, Nemotron-H, Granite 4.0-H, Jamba). */
  recurrent?: RecurrentSpec;
  /** One entry per layer: false where the layer has no feed-forward block (Nemotron-H's mixer-only blocks). */
  mlpLayers?: boolean[];
  /** A sigmoid gate on the attention output doubles the query projection (Qwen3-Next, Qwen3.5 `attn_output_gate`). */
  attentionOutputGate?: boolean;
  /**
   * How the released checkpoint stores its routed experts when that is not 16-bit: gpt-oss ships them in MXFP4
   * (`quantization_config.quant_method: "mxfp4"`), and GGUF files made from it keep them so.
   */
  expertFormat?: 'mxfp4';
  /** A vision tower beside the language model; `countParams` leaves it out (Gemma 3). */
  visionTower?: VisionTowerSpec;
  /**
   * Per-layer RMSNorms on queries and keys: 'head' normalizes each head (Qwen3, Gemma 3: 2·d_h weights),
   * 'full' the whole projection (OLMo 2: (n_h + n_kv)·d_h weights).
   */
  qkNorm?: 'head' | 'full';
  /** One learned attention-sink logit per query head and layer (gpt-oss). */
  attentionSinks?: boolean;
  /** The LM head carries a bias (Phi-1.5/Phi-2). */
  headBias?: boolean;
}

/** Upper bounds on a spec's sizes: far above any real model, low enough that no loop or array over them hangs. */
export const SPEC_LIMITS = {
  layers: 10_000,
  hidden: 1_000_000,
  heads: 100_000,
  intermediate: 10_000_000,
  vocab: 10_000_000,
  positions: 1_000_000_000,
  experts: 100_000,
} as const;

/** A spec field out of range; `field` is the ModelSpec path (`numLayers`, `moe.numExperts`). */
export class ModelSpecError extends OptionError {
  override name = 'ModelSpecError';
  constructor(field: string, reason: OptionReason, got?: unknown, limit?: number | string, detail?: string) {
    super(field, reason, got, limit, detail);
  }
}

// Pure: a page that imports this module only for its constants does not pull the validators in.
const check = /* @__PURE__ */ validatorFor(ModelSpecError);

function whole(field: string, value: unknown, max: number, min = 1): void {
  check.integer(field, value, { min, max });
}

function perLayer(field: string, value: unknown, layers: number): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length !== layers) throw new ModelSpecError(field, 'wrong-length', value, layers);
}

/**
 * Checks a spec made by hand (not by `parseHfConfig`) before any function loops over its layers or allocates by
 * its sizes, so 10⁷ layers or a NaN width is a typed error, not a hang or a NaN.
 */
export function assertModelSpec(spec: ModelSpec): void {
  check.object('spec', spec);
  whole('numLayers', spec.numLayers, SPEC_LIMITS.layers);
  whole('hiddenSize', spec.hiddenSize, SPEC_LIMITS.hidden);
  whole('numHeads', spec.numHeads, SPEC_LIMITS.heads);
  whole('numKvHeads', spec.numKvHeads, spec.numHeads);
  whole('headDim', spec.headDim, SPEC_LIMITS.hidden);
  if (spec.vHeadDim !== undefined) whole('vHeadDim', spec.vHeadDim, SPEC_LIMITS.hidden);
  whole('intermediateSize', spec.intermediateSize, SPEC_LIMITS.intermediate);
  whole('vocabSize', spec.vocabSize, SPEC_LIMITS.vocab);
  if (spec.normsPerLayer !== undefined) whole('normsPerLayer', spec.normsPerLayer, 16, 0);
  if (spec.extraNorms !== undefined) whole('extraNorms', spec.extraNorms, 16, 0);
  if (spec.learnedPositions !== undefined) whole('learnedPositions', spec.learnedPositions, SPEC_LIMITS.positions);
  if (spec.tokenTypes !== undefined) whole('tokenTypes', spec.tokenTypes, SPEC_LIMITS.vocab);
  if (spec.maxPositionEmbeddings !== undefined) whole('maxPositionEmbeddings', spec.maxPositionEmbeddings, SPEC_LIMITS.positions);
  if (spec.mla) {
    whole('mla.kvLoraRank', spec.mla.kvLoraRank, SPEC_LIMITS.hidden);
    if (spec.mla.qLoraRank !== null) whole('mla.qLoraRank', spec.mla.qLoraRank, SPEC_LIMITS.hidden);
    whole('mla.qkRopeHeadDim', spec.mla.qkRopeHeadDim, SPEC_LIMITS.hidden);
    whole('mla.qkNopeHeadDim', spec.mla.qkNopeHeadDim, SPEC_LIMITS.hidden);
    whole('mla.vHeadDim', spec.mla.vHeadDim, SPEC_LIMITS.hidden);
  }
  if (spec.moe) {
    whole('moe.numExperts', spec.moe.numExperts, SPEC_LIMITS.experts);
    whole('moe.expertsPerToken', spec.moe.expertsPerToken, spec.moe.numExperts);
    whole('moe.sharedExperts', spec.moe.sharedExperts, SPEC_LIMITS.experts, 0);
    whole('moe.expertIntermediateSize', spec.moe.expertIntermediateSize, SPEC_LIMITS.intermediate);
    whole('moe.denseLayers', spec.moe.denseLayers, spec.numLayers, 0);
    if (spec.moe.sharedExpertIntermediateSize !== undefined)
      whole('moe.sharedExpertIntermediateSize', spec.moe.sharedExpertIntermediateSize, SPEC_LIMITS.intermediate);
    perLayer('moe.layers', spec.moe.layers, spec.numLayers);
  }
  if (spec.slidingWindow) {
    whole('slidingWindow.window', spec.slidingWindow.window, SPEC_LIMITS.positions);
    perLayer('slidingWindow.layers', spec.slidingWindow.layers, spec.numLayers);
  }
  perLayer('kvLayers', spec.kvLayers, spec.numLayers);
  perLayer('mlpLayers', spec.mlpLayers, spec.numLayers);
  if (spec.recurrent) {
    const r = spec.recurrent;
    check.oneOf('recurrent.kind', r.kind, RECURRENT_KINDS);
    perLayer('recurrent.layers', r.layers, spec.numLayers);
    whole('recurrent.numHeads', r.numHeads, SPEC_LIMITS.heads);
    whole('recurrent.headDim', r.headDim, SPEC_LIMITS.intermediate);
    whole('recurrent.numKeyHeads', r.numKeyHeads, SPEC_LIMITS.heads);
    whole('recurrent.keyHeadDim', r.keyHeadDim, SPEC_LIMITS.hidden);
    whole('recurrent.stateSize', r.stateSize, SPEC_LIMITS.hidden);
    whole('recurrent.convKernel', r.convKernel, 1024);
    if (r.dtRank !== undefined) whole('recurrent.dtRank', r.dtRank, SPEC_LIMITS.hidden);
  }
  if (spec.visionTower) check.integer('visionTower.params', spec.visionTower.params, { min: 0 });
}

const RECURRENT_KINDS: readonly RecurrentSpec['kind'][] = ['gated-deltanet', 'kda', 'mamba2', 'mamba1'];

/** Whether `layer`'s mixer is the recurrent block (a hybrid's linear-attention or state-space layer). */
export function isRecurrentLayer(spec: ModelSpec, layer: number): boolean {
  return spec.recurrent?.layers[layer] === true;
}

/** Whether `layer` has an attention mixer (and so a KV cache): not recurrent and not marked without one. */
export function isAttentionLayer(spec: ModelSpec, layer: number): boolean {
  return !isRecurrentLayer(spec, layer) && spec.kvLayers?.[layer] !== false;
}

/** Whether `layer` has a feed-forward block (dense or mixture of experts). */
export function hasMlp(spec: ModelSpec, layer: number): boolean {
  return spec.mlpLayers?.[layer] !== false;
}

/** Whether `layer`'s MLP is a mixture of experts. */
export function isMoeLayer(spec: ModelSpec, layer: number): boolean {
  if (!spec.moe || !hasMlp(spec, layer)) return false;
  if (spec.moe.layers) return spec.moe.layers[layer] === true;
  return layer >= spec.moe.denseLayers;
}
