/**
 * A transformer's shape, normalized from a Hugging Face `config.json` by `parseHfConfig`.
 * Every calculator that needs a model (KV cache, fine-tune memory, embeddings) takes this type.
 * Field names are public API: add fields freely, do not rename them.
 */

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
}

/** Local attention over the last `window` keys on the layers marked true. */
export interface SlidingWindowSpec {
  window: number;
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
  /** One entry per layer: false where the layer keeps no KV cache (linear-attention / state-space layers of hybrids). */
  kvLayers?: boolean[];
}
