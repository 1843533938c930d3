/**
 * Hugging Face `config.json` → `ModelSpec`. Families name the same thing differently (`num_hidden_layers`,
 * `n_layer`, `num_layers`), leave fields to class defaults, or carry fields that mean nothing for them
 * (DeepSeek's `num_key_value_heads` under MLA); this file is the one place that knows those quirks.
 */
import { ConfigError, type UnsupportedFeature } from './config-error';
import {
  SPEC_LIMITS,
  type AttentionKind,
  type MlaSpec,
  type ModelSpec,
  type MoeSpec,
  type RecurrentSpec,
  type SlidingWindowSpec,
  type VisionTowerSpec,
} from './model-spec';

/** Bounds far above any real model, so a typo (an extra zero, a byte count) is caught, not computed. */
const LIMITS = SPEC_LIMITS;

/** Families whose MLP is a plain two-matrix MLP and whose norms are LayerNorm with bias. */
const PLAIN_MLP_FAMILIES = new Set(['gpt2', 'opt', 'bert', 'roberta', 'falcon', 'gpt_neox', 'gptj', 'gpt_bigcode', 'bloom', 'phi', 'phi-msft', 'starcoder2']);
/**
 * Families whose config class defaults `tie_word_embeddings` to false; transformers' base default is true,
 * so a config that omits the key is tied unless its family says otherwise.
 */
const UNTIED_BY_DEFAULT = new Set([
  'llama',
  'mistral',
  'mixtral',
  'qwen2',
  'qwen2_moe',
  'qwen3',
  'qwen3_moe',
  'deepseek_v2',
  'deepseek_v3',
  'phi3',
  'olmo',
  'olmo2',
  'granite',
  'llama4',
  'llama4_text',
  'chatglm',
  'gpt_oss',
  'qwen3_next',
  'qwen3_5_moe_text',
  'kimi_linear',
  'nemotron_h',
  'jamba',
]);
const FAMILY_ALIASES: ReadonlyMap<string, string> = new Map([
  ['RefinedWebModel', 'falcon'],
  ['RefinedWeb', 'falcon'],
]);

/** Families whose shape this calculator cannot describe: the config is refused with its `model_type`. */
const UNSUPPORTED_FAMILIES: ReadonlyMap<string, UnsupportedFeature> = new Map([
  ['t5', 'encoder-decoder'],
  ['mt5', 'encoder-decoder'],
  ['bart', 'encoder-decoder'],
  ['whisper', 'encoder-decoder'],
  ['rwkv', 'recurrent-only'],
  ['rwkv5', 'recurrent-only'],
  ['rwkv7', 'recurrent-only'],
  ['mamba', 'recurrent-only'],
  ['mamba2', 'recurrent-only'],
  ['falcon_mamba', 'recurrent-only'],
  ['falcon_h1', 'parallel-hybrid'],
  ['zamba', 'other-hybrid'],
  ['zamba2', 'other-hybrid'],
]);

/** Hybrid families whose recurrent layers this calculator sizes (`readRecurrent`). */
const GATED_DELTANET_FAMILIES = new Set(['qwen3_next', 'qwen3_5_text', 'qwen3_5_moe_text']);

/**
 * Keys that change the shape of attention or the MLP in ways this calculator does not model. A config carrying
 * one is refused with the key's name instead of being counted as if the key were absent, unless its family is one
 * whose parser reads the key (`allowedIn`).
 */
const UNSUPPORTED_KEYS: ReadonlyMap<string, { feature: UnsupportedFeature; allowedIn?: ReadonlySet<string> }> = new Map([
  ['layers_block_type', { feature: 'other-hybrid', allowedIn: new Set(['nemotron_h', 'granitemoehybrid', 'jamba']) }],
  ['attn_layer_period', { feature: 'other-hybrid', allowedIn: new Set(['jamba']) }],
  ['hybrid_override_pattern', { feature: 'other-hybrid', allowedIn: new Set(['nemotron_h']) }],
  ['linear_num_value_heads', { feature: 'linear-attention', allowedIn: GATED_DELTANET_FAMILIES }],
  ['linear_num_key_heads', { feature: 'linear-attention', allowedIn: GATED_DELTANET_FAMILIES }],
  ['linear_attn_config', { feature: 'linear-attention', allowedIn: new Set(['kimi_linear']) }],
  ['cross_attention_layers', { feature: 'cross-attention' }],
  ['altup_num_inputs', { feature: 'altup' }],
  ['hidden_size_per_layer_input', { feature: 'altup' }],
  ['ssm_cfg', { feature: 'other-hybrid' }],
  ['hybrid_layer_pattern', { feature: 'per-layer-attention' }],
  ['swa_num_key_value_heads', { feature: 'per-layer-attention' }],
  ['swa_head_dim', { feature: 'per-layer-attention' }],
  ['mlp_layer_types', { feature: 'moe-layer-pattern' }],
  ['dense_intermediate_size', { feature: 'dense-width' }],
  ['shared_intermediate_size', { feature: 'shared-width', allowedIn: new Set(['granitemoehybrid']) }],
  ['moe_latent_size', { feature: 'latent-moe' }],
]);

type Json = Record<string, unknown>;

/**
 * Every config.json key `parseHfConfig` reads. `compactHfConfig` keeps only these, so a pasted config
 * fits in a link.
 */
export const CONFIG_KEYS = [
  'model_type',
  'is_encoder_decoder',
  'num_hidden_layers',
  'n_layer',
  'num_layers',
  'n_layers',
  'hidden_size',
  'n_embd',
  'd_model',
  'dim',
  'num_attention_heads',
  'n_head',
  'num_heads',
  'n_heads',
  'vocab_size',
  'padded_vocab_size',
  'num_key_value_heads',
  'num_kv_heads',
  'n_head_kv',
  'n_kv_heads',
  'multi_query',
  'new_decoder_architecture',
  'head_dim',
  'd_kv',
  'intermediate_size',
  'n_inner',
  'ffn_dim',
  'ffn_hidden_size',
  'd_ff',
  'tie_word_embeddings',
  'max_position_embeddings',
  'n_positions',
  'seq_length',
  'n_ctx',
  'type_vocab_size',
  'enable_bias',
  'bias',
  'attention_bias',
  'mlp_bias',
  'parallel_attn',
  'num_ln_in_parallel_attn',
  'layer_types',
  'use_sliding_window',
  'sliding_window',
  'attention_chunk_size',
  'sliding_window_pattern',
  'max_window_layers',
  'kv_lora_rank',
  'q_lora_rank',
  'qk_rope_head_dim',
  'qk_nope_head_dim',
  'v_head_dim',
  'n_routed_experts',
  'num_local_experts',
  'num_experts',
  'num_experts_per_tok',
  'moe_topk',
  'first_k_dense_replace',
  'moe_intermediate_size',
  'n_shared_experts',
  'topk_method',
  '_name_or_path',
  'shared_expert_intermediate_size',
  'decoder_sparse_step',
  'mlp_only_layers',
  'interleave_moe_layer_step',
  'intermediate_size_mlp',
  'moe_layers',
  'no_rope_layers',
  'no_rope_layer_interval',
  'multi_query_attention',
  'multi_query_group_num',
  'kv_channels',
  'add_qkv_bias',
  'add_bias_linear',
  'inner_hidden_size',
  'max_sequence_length',
  'moe_layer_freq',
  'experts_per_token',
  'num_local_experts',
  'num_experts_per_token',
  'num_shared_experts',
  'full_attention_interval',
  'model_max_length',
  'linear_key_head_dim',
  'linear_value_head_dim',
  'linear_conv_kernel_dim',
  'attn_output_gate',
  'mamba_ssm_dtype',
  'mamba_ssm_cache_dtype',
  'attention_head_dim',
  'mamba_num_heads',
  'mamba_head_dim',
  'n_groups',
  'ssm_state_size',
  'conv_kernel',
  'use_conv_bias',
  'use_bias',
  'moe_shared_expert_intermediate_size',
  'mamba_n_heads',
  'mamba_d_head',
  'mamba_n_groups',
  'mamba_d_state',
  'mamba_d_conv',
  'mamba_conv_bias',
  'mamba_proj_bias',
  'mamba_expand',
  'mamba_dt_rank',
  'attn_layer_offset',
  'expert_layer_period',
  'expert_layer_offset',
  'quantization_config',
  'vision_config',
  ...UNSUPPORTED_KEYS.keys(),
] as const;

/** Longest `_name_or_path` a compacted config keeps: a name, not a payload for the link (ux-review row 16). */
export const MAX_COMPACT_NAME = 100;

/** The keys of a vision_config that size Gemma 3's SigLIP tower. */
const VISION_KEYS = ['model_type', 'hidden_size', 'intermediate_size', 'num_hidden_layers', 'image_size', 'patch_size', 'num_channels', 'vision_use_head'];

/**
 * The part of a config that matters to `parseHfConfig`, flattened out of a `text_config` wrapper.
 * Parsing the result gives the same spec as parsing the original.
 */
export function compactHfConfig(config: unknown): Record<string, unknown> {
  if (!isObject(config)) throw new ConfigError('config', 'not-object', config);
  const text = own(config, 'text_config');
  const source: Json = isObject(text) ? { model_type: own(config, 'model_type'), ...text } : config;
  const out: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const value = key === 'vision_config' || key === 'quantization_config' ? (own(config, key) ?? own(source, key)) : own(source, key);
    if (value !== undefined) out[key] = value;
  }
  // Nested objects keep only what the parser reads: a link carries a name and a shape, not the whole file.
  const quantization = out.quantization_config;
  if (isObject(quantization)) out.quantization_config = { quant_method: own(quantization, 'quant_method') };
  const vision = out.vision_config;
  if (isObject(vision)) out.vision_config = Object.fromEntries(VISION_KEYS.filter((k) => own(vision, k) !== undefined).map((k) => [k, own(vision, k)]));
  const name = out._name_or_path;
  if (typeof name === 'string' && [...name].length > MAX_COMPACT_NAME) out._name_or_path = [...name].slice(0, MAX_COMPACT_NAME).join('');
  return out;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `object[key]` only when the object itself holds it: `model_type: "constructor"` must not find a function. */
function own(object: Json, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/** Reads a config, remembering which key each value came from for error messages. */
class Reader {
  constructor(
    private readonly config: Json,
    private readonly path: string,
  ) {}

  name(key: string): string {
    return this.path + key;
  }

  /** The first of `keys` present with a non-null value. */
  find(keys: readonly string[]): { key: string; value: unknown } | undefined {
    for (const key of keys) {
      const value = own(this.config, key);
      if (value !== undefined && value !== null) return { key, value };
    }
    return undefined;
  }

  has(key: string): boolean {
    const value = own(this.config, key);
    return value !== undefined && value !== null;
  }

  raw(key: string): unknown {
    return own(this.config, key);
  }

  /** A nested object (Kimi Linear's `linear_attn_config`) read with its path. */
  child(key: string): Reader {
    const value = own(this.config, key);
    if (!isObject(value)) throw new ConfigError(this.name(key), value === undefined || value === null ? 'missing' : 'not-object', value);
    return new Reader(value, `${this.name(key)}.`);
  }

  /** A positive integer from the first present key; `fallback` when none is present. */
  int(keys: readonly string[], max: number, fallback?: () => number): number {
    const found = this.find(keys);
    if (!found) {
      if (fallback) return fallback();
      throw new ConfigError(this.name(keys[0]!), 'missing');
    }
    return this.check(found.key, found.value, max);
  }

  optionalInt(keys: readonly string[], max: number): number | undefined {
    const found = this.find(keys);
    return found ? this.check(found.key, found.value, max) : undefined;
  }

  check(key: string, value: unknown, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw new ConfigError(this.name(key), 'not-positive-integer', value);
    }
    if (value > max) throw new ConfigError(this.name(key), 'too-large', value, max);
    return value;
  }

  /** A JSON boolean; absent or null means `fallback`. A string such as "false" is refused, not read as true. */
  bool(key: string, fallback: boolean): boolean {
    const value = own(this.config, key);
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'boolean') throw new ConfigError(this.name(key), 'not-boolean', value);
    return value;
  }

  /** A whole number ≥ 0 (a count that may be zero, such as `first_k_dense_replace`). */
  count(key: string, max: number, fallback: number): number {
    const value = own(this.config, key);
    if (value === undefined || value === null) return fallback;
    if (value === 0) return 0;
    return this.check(key, value, max);
  }

  /** A list of layer numbers counted from 1 (Kimi Linear's `kda_layers`), as a set. */
  indices1(key: string, numLayers: number): Set<number> {
    const value = own(this.config, key);
    if (!Array.isArray(value)) throw new ConfigError(this.name(key), value === undefined ? 'missing' : 'not-index-list', value, numLayers);
    value.forEach((v, i) => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > numLayers)
        throw new ConfigError(`${this.name(key)}[${i}]`, 'not-index-list', v, numLayers);
    });
    return new Set(value as number[]);
  }

  /** A list of layer indices (`mlp_only_layers`, `moe_layers`), each checked against the layer count. */
  indices(key: string, numLayers: number): number[] | undefined {
    const value = own(this.config, key);
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) throw new ConfigError(this.name(key), 'not-index-list', value, numLayers - 1);
    value.forEach((v, i) => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= numLayers) {
        throw new ConfigError(`${this.name(key)}[${i}]`, 'not-index-list', v, numLayers - 1);
      }
    });
    return value as number[];
  }
}

/**
 * Normalizes a parsed Hugging Face `config.json` (llama, llama4, mistral, mixtral, qwen2/qwen2_moe/qwen3/qwen3_moe,
 * gemma2/3, falcon, gpt2, opt, bert, chatglm v1–v3 and GLM-4, deepseek_v2/v3, gpt_oss, the hybrids qwen3_next,
 * qwen3_5, kimi_linear, nemotron_h, granitemoehybrid and jamba, and multimodal wrappers with a `text_config`).
 * Throws `ConfigError` naming the field on anything unusable, and on keys that change the model's shape in a way it
 * does not model.
 *
 * @example
 * parseHfConfig({ model_type: 'llama', num_hidden_layers: 32, hidden_size: 4096, num_attention_heads: 32,
 *   num_key_value_heads: 8, intermediate_size: 14336, vocab_size: 128256 }).attention // => 'gqa'
 */
export function parseHfConfig(config: unknown): ModelSpec {
  if (!isObject(config)) throw new ConfigError('config', 'not-object', config);
  if (own(config, 'is_encoder_decoder') === true) {
    throw new ConfigError('is_encoder_decoder', 'unsupported', true, 'encoder-decoder');
  }
  let r = new Reader(config, '');
  let typeSource = config;
  const text = own(config, 'text_config');
  if (text !== undefined && text !== null) {
    if (!isObject(text)) throw new ConfigError('text_config', 'not-object', text);
    r = new Reader(text, 'text_config.');
    typeSource = own(text, 'model_type') !== undefined ? text : config;
  }
  const rawType = own(typeSource, 'model_type');
  const typeKey = typeSource === config ? 'model_type' : 'text_config.model_type';
  const family = typeof rawType === 'string' && rawType !== '' ? (FAMILY_ALIASES.get(rawType) ?? rawType) : 'unknown';
  const unsupportedFamily = UNSUPPORTED_FAMILIES.get(family);
  if (unsupportedFamily) throw new ConfigError(typeKey, 'unsupported', rawType, unsupportedFamily);
  for (const [key, { feature, allowedIn }] of UNSUPPORTED_KEYS) {
    if (allowedIn?.has(family)) continue;
    const value = r.raw(key);
    if (value !== undefined && value !== null && value !== false) throw new ConfigError(r.name(key), 'unsupported', value, feature);
  }
  if (family === 'chatglm' && !r.has('padded_vocab_size') && r.has('inner_hidden_size')) return parseChatGlm1(r);

  const numLayers = r.int(['num_hidden_layers', 'n_layer', 'num_layers', 'n_layers'], LIMITS.layers);
  const hiddenSize = r.int(['hidden_size', 'n_embd', 'd_model', 'dim'], LIMITS.hidden);
  const defaults = FAMILY_DEFAULTS[family];
  const numHeads = r.int(['num_attention_heads', 'n_head', 'num_heads', 'n_heads'], LIMITS.heads, defaults && (() => defaults.numHeads));
  // ChatGLM's `padded_vocab_size` is the embedding's real row count; its `vocab_size` (when present) is the tokenizer's.
  const vocabSize = r.int(
    family === 'chatglm' ? ['padded_vocab_size', 'vocab_size'] : ['vocab_size', 'padded_vocab_size'],
    LIMITS.vocab,
    defaults && (() => defaults.vocabSize),
  );

  const mla = readMla(r);
  const numKvHeads = mla ? numHeads : readKvHeads(r, family, numHeads, defaults?.numKvHeads);
  let headDim: number;
  if (mla) {
    headDim = mla.qkNopeHeadDim + mla.qkRopeHeadDim;
  } else {
    const explicit =
      r.optionalInt(family === 'chatglm' ? ['kv_channels', 'head_dim'] : ['head_dim', 'd_kv', 'attention_head_dim'], LIMITS.hidden) ?? defaults?.headDim;
    if (explicit !== undefined) headDim = explicit;
    else if (hiddenSize % numHeads !== 0) {
      throw new ConfigError(r.name('num_attention_heads'), 'not-divisible', numHeads, `hidden_size (${hiddenSize}) when head_dim is absent`);
    } else headDim = hiddenSize / numHeads;
  }

  const plain = PLAIN_MLP_FAMILIES.has(family);
  // Llama 4's dense layers use `intermediate_size_mlp`; its `intermediate_size` is one expert's width.
  // Granite 4.0-H's dense MLP is its `shared_mlp`, `shared_intermediate_size` wide; `intermediate_size` is an expert's.
  const denseKeys =
    family === 'llama4' || family === 'llama4_text'
      ? ['intermediate_size_mlp', 'intermediate_size']
      : family === 'granitemoehybrid'
        ? ['shared_intermediate_size', 'intermediate_size']
        : ['intermediate_size', 'n_inner', 'ffn_dim', 'ffn_hidden_size', 'd_ff'];
  let intermediateSize = r.int(denseKeys, LIMITS.intermediate, () => {
    // GPT-2's `n_inner: null` and Falcon's missing `ffn_hidden_size` both mean 4 × hidden.
    if (family === 'gpt2' || family === 'falcon' || family === 'gpt_bigcode' || family === 'phi-msft' || family === 'gptj') return 4 * hiddenSize;
    // Qwen3.5-MoE has no dense layer and no dense width; an expert's stands in (it is never used).
    if (family === 'qwen3_5_moe_text' && r.has('moe_intermediate_size')) return r.int(['moe_intermediate_size'], LIMITS.intermediate);
    throw new ConfigError(r.name(denseKeys[0]!), 'missing');
  });

  if (family === 'qwen') {
    // Qwen (v1)'s `intermediate_size` counts both halves of its SwiGLU: w1 and w2 are each intermediate_size / 2
    // wide (QWenMLP in modeling_qwen.py).
    if (intermediateSize % 2 !== 0)
      throw new ConfigError(r.name('intermediate_size'), 'not-divisible', intermediateSize, 'by 2 (Qwen v1 splits it between two projections)');
    intermediateSize /= 2;
  }

  const attention: AttentionKind = mla ? 'mla' : numKvHeads === numHeads ? 'mha' : numKvHeads === 1 ? 'mqa' : 'gqa';

  const spec: ModelSpec = {
    family,
    numLayers,
    hiddenSize,
    numHeads,
    numKvHeads,
    headDim,
    intermediateSize,
    vocabSize,
    // ChatGLM2+ keep the output layer as its own module, so nothing ties it whatever the flag says.
    tiedEmbeddings: family === 'chatglm' ? false : r.bool('tie_word_embeddings', !UNTIED_BY_DEFAULT.has(family)),
    attention,
    // Nemotron-H's MLP is up and down with a squared ReLU between: two matrices, and RMSNorm like its blocks.
    mlp: plain || family === 'nemotron_h' ? 'plain' : 'gated',
    norm: plain ? 'layernorm' : 'rmsnorm',
    bias: readBias(r, family),
    normsPerLayer: readNormsPerLayer(r, family),
    extraNorms: 1,
  };
  const maxPositions =
    r.optionalInt(['max_position_embeddings', 'n_positions', 'seq_length', 'n_ctx', 'model_max_length'], LIMITS.positions) ?? defaults?.maxPositions;
  if (maxPositions !== undefined) spec.maxPositionEmbeddings = maxPositions;
  if (mla) spec.mla = mla;
  else {
    // Value heads narrower or wider than key heads (`v_head_dim` without MLA): K and V are sized apart.
    const vHeadDim = r.optionalInt(['v_head_dim'], LIMITS.hidden);
    if (vHeadDim !== undefined && vHeadDim !== headDim) spec.vHeadDim = vHeadDim;
  }

  if (family === 'gpt2') spec.learnedPositions = r.int(['n_positions', 'max_position_embeddings'], LIMITS.positions);
  // OPT's learned position table has two extra rows (its padding offset).
  if (family === 'opt') spec.learnedPositions = r.int(['max_position_embeddings'], LIMITS.positions - 2) + 2;
  if (family === 'bert' || family === 'roberta') {
    spec.learnedPositions = r.int(['max_position_embeddings'], LIMITS.positions);
    spec.tokenTypes = r.int(['type_vocab_size'], LIMITS.vocab, () => 2);
    spec.pooler = true;
  }
  // Phi-1.5/Phi-2's original code: one LayerNorm per parallel block, and an LM head with a bias.
  if (family === 'phi-msft' || family === 'phi' || family === 'gptj') spec.headBias = true;
  if (family === 'qwen3' || family === 'qwen3_moe' || family === 'gemma3' || family === 'gemma3_text' || GATED_DELTANET_FAMILIES.has(family)) {
    spec.qkNorm = 'head';
  }
  if (family === 'olmo2') spec.qkNorm = 'full';
  if (family === 'gpt_oss') spec.attentionSinks = true;
  // Qwen3-Next always gates its attention output; Qwen3.5 says so with `attn_output_gate`.
  if (family === 'qwen3_next' || (GATED_DELTANET_FAMILIES.has(family) && r.bool('attn_output_gate', true))) spec.attentionOutputGate = true;
  if (family === 'nemotron_h') spec.normsPerLayer = 1;
  const quantization = own(config, 'quantization_config') ?? r.raw('quantization_config');
  if (isObject(quantization) && own(quantization, 'quant_method') === 'mxfp4') spec.expertFormat = 'mxfp4';

  const layerTypes = readHybridLayerTypes(r, family, numLayers) ?? readLayerTypes(r, family, numLayers);
  const sliding = readSlidingWindow(r, family, numLayers, layerTypes);
  if (sliding) spec.slidingWindow = sliding;
  if (layerTypes?.some((t) => !KV_LAYER_TYPES.has(t))) spec.kvLayers = layerTypes.map((t) => KV_LAYER_TYPES.has(t));
  if (layerTypes?.some((t) => RECURRENT_LAYER_TYPES.has(t))) {
    spec.recurrent = readRecurrent(
      r,
      family,
      hiddenSize,
      layerTypes.map((t) => RECURRENT_LAYER_TYPES.has(t)),
    );
  }
  // Nemotron-H: a block is a mixer or a feed-forward block, never both.
  if (layerTypes?.some((t) => t === 'mlp' || t === 'moe')) spec.mlpLayers = layerTypes.map((t) => t === 'mlp' || t === 'moe');
  const moe = readMoe(r, family, numLayers, layerTypes);
  if (moe) spec.moe = moe;
  const vision = readVisionTower(config, family, hiddenSize);
  if (vision) spec.visionTower = vision;
  return spec;
}

/**
 * Class defaults a config may leave out, for the families whose published configs do: Gemma 3's multimodal
 * checkpoints (gemma-3-4b-it, -12b-it, -27b-it) give only the sizes that differ from Gemma3TextConfig's defaults
 * (transformers src/transformers/models/gemma3/configuration_gemma3.py: vocab_size 262208, num_attention_heads 8,
 * num_key_value_heads 4, head_dim 256, max_position_embeddings 131072).
 */
const GEMMA3_TEXT_DEFAULTS = { vocabSize: 262_208, numHeads: 8, numKvHeads: 4, headDim: 256, maxPositions: 131_072 };
const FAMILY_DEFAULTS: Partial<Record<string, typeof GEMMA3_TEXT_DEFAULTS>> = {
  gemma3: GEMMA3_TEXT_DEFAULTS,
  gemma3_text: GEMMA3_TEXT_DEFAULTS,
};

/**
 * Gemma 3's vision tower, counted apart from the language model: a SigLIP encoder (patch embedding with bias, one
 * position per patch, `num_hidden_layers` blocks of two LayerNorms, q/k/v/o with biases and a two-layer MLP with
 * biases, a final LayerNorm; transformers SiglipVisionTransformer) and Gemma 3's projector (`mm_input_projection_weight`,
 * vision width × text width, and `mm_soft_emb_norm`). Other wrappers' towers are not counted.
 */
function readVisionTower(config: Json, family: string, textHidden: number): VisionTowerSpec | undefined {
  if (family !== 'gemma3' && family !== 'gemma3_text') return undefined;
  const raw = own(config, 'vision_config');
  if (!isObject(raw)) return undefined;
  const v = new Reader(raw, 'vision_config.');
  const kind = v.raw('model_type');
  if (kind !== undefined && kind !== 'siglip_vision_model') return undefined;
  const h = v.int(['hidden_size'], LIMITS.hidden, () => 768);
  const inner = v.int(['intermediate_size'], LIMITS.intermediate, () => 3072);
  const layers = v.int(['num_hidden_layers'], LIMITS.layers, () => 12);
  const image = v.int(['image_size'], LIMITS.positions, () => 224);
  const patch = v.int(['patch_size'], LIMITS.hidden, () => 16);
  const channels = v.int(['num_channels'], 16, () => 3);
  if (v.bool('vision_use_head', true)) return undefined;
  const patches = Math.floor(image / patch) ** 2;
  const embeddings = channels * patch * patch * h + h + patches * h;
  const block = 2 * (2 * h) + 4 * (h * h + h) + (h * inner + inner) + (inner * h + h);
  const projector = h * textHidden + h;
  return { kind: 'siglip_vision_model', params: embeddings + layers * block + 2 * h + projector };
}

/**
 * ChatGLM-6B (v1, 2023): GLM blocks with LayerNorm, a plain GELU MLP of `inner_hidden_size`, bias on every linear
 * layer, multi-head attention, and an LM head tied to the embedding (its config leaves `tie_word_embeddings` at
 * the transformers default, true). Source: THUDM/chatglm-6b modeling_chatglm.py.
 */
function parseChatGlm1(r: Reader): ModelSpec {
  const numLayers = r.int(['num_hidden_layers', 'num_layers'], LIMITS.layers);
  const hiddenSize = r.int(['hidden_size'], LIMITS.hidden);
  const numHeads = r.int(['num_attention_heads'], LIMITS.heads);
  if (hiddenSize % numHeads !== 0) throw new ConfigError(r.name('num_attention_heads'), 'not-divisible', numHeads, `hidden_size (${hiddenSize})`);
  const spec: ModelSpec = {
    family: 'chatglm',
    numLayers,
    hiddenSize,
    numHeads,
    numKvHeads: numHeads,
    headDim: hiddenSize / numHeads,
    intermediateSize: r.int(['inner_hidden_size'], LIMITS.intermediate),
    vocabSize: r.int(['vocab_size'], LIMITS.vocab),
    tiedEmbeddings: r.bool('tie_word_embeddings', true),
    attention: 'mha',
    mlp: 'plain',
    norm: 'layernorm',
    bias: { qkv: true, o: true, mlp: true },
    normsPerLayer: 2,
    extraNorms: 1,
  };
  const maxPositions = r.optionalInt(['max_sequence_length', 'seq_length'], LIMITS.positions);
  if (maxPositions !== undefined) spec.maxPositionEmbeddings = maxPositions;
  return spec;
}

function readMla(r: Reader): MlaSpec | undefined {
  if (!r.has('kv_lora_rank')) return undefined;
  const kvLoraRank = r.int(['kv_lora_rank'], LIMITS.hidden);
  return {
    kvLoraRank,
    qLoraRank: r.optionalInt(['q_lora_rank'], LIMITS.hidden) ?? null,
    qkRopeHeadDim: r.int(['qk_rope_head_dim'], LIMITS.hidden),
    qkNopeHeadDim: r.int(['qk_nope_head_dim'], LIMITS.hidden),
    vHeadDim: r.int(['v_head_dim'], LIMITS.hidden),
  };
}

function readKvHeads(r: Reader, family: string, numHeads: number, fallback?: number): number {
  let kv: number;
  let key = 'num_key_value_heads';
  if (family === 'falcon' && !r.bool('new_decoder_architecture', false)) {
    // Falcon-7B's modeling code ignores `num_kv_heads` unless `new_decoder_architecture`; re-saved
    // configs often carry a stale `num_kv_heads: 71` next to `multi_query: true`.
    kv = r.bool('multi_query', true) ? 1 : numHeads;
    key = 'multi_query';
  } else if (family === 'chatglm') {
    // ChatGLM2/3 and GLM-4: `multi_query_attention` turns on grouped KV heads, `multi_query_group_num` counts them.
    key = 'multi_query_group_num';
    kv = r.bool('multi_query_attention', false) ? r.int(['multi_query_group_num'], LIMITS.heads) : numHeads;
  } else if (r.bool('multi_query', false)) {
    kv = 1;
    key = 'multi_query';
  } else {
    const found = r.find(['num_key_value_heads', 'num_kv_heads', 'n_head_kv', 'n_kv_heads']);
    kv = found ? r.check(found.key, found.value, LIMITS.heads) : (fallback ?? numHeads);
    if (found) key = found.key;
  }
  if (numHeads % kv !== 0) throw new ConfigError(r.name(key), 'not-divisible', kv, `num_attention_heads (${numHeads})`);
  return kv;
}

function readBias(r: Reader, family: string): ModelSpec['bias'] {
  switch (family) {
    case 'gpt2':
    case 'bert':
    case 'roberta':
    case 'gpt_neox':
    case 'gpt_bigcode':
    case 'phi-msft':
    case 'phi':
      return { qkv: true, o: true, mlp: true };
    case 'opt': {
      const on = r.bool('enable_bias', true);
      return { qkv: on, o: on, mlp: on };
    }
    case 'falcon': {
      const on = r.bool('bias', false);
      return { qkv: on, o: on, mlp: on };
    }
    case 'starcoder2': {
      const on = r.bool('use_bias', true);
      return { qkv: on, o: on, mlp: on };
    }
    case 'qwen2':
    case 'qwen2_moe':
    case 'qwen':
      return { qkv: true, o: false, mlp: false };
    case 'gptj':
      // GPT-J: q/k/v/out projections without bias, fc_in/fc_out with bias.
      return { qkv: false, o: false, mlp: true };
    case 'chatglm': {
      const linear = r.bool('add_bias_linear', false);
      return { qkv: r.bool('add_qkv_bias', false) || linear, o: linear, mlp: linear };
    }
    default: {
      const attn = r.bool('attention_bias', false);
      return { qkv: attn, o: attn, mlp: r.bool('mlp_bias', false) };
    }
  }
}

function readNormsPerLayer(r: Reader, family: string): number {
  if (family === 'gemma2' || family === 'gemma3' || family === 'gemma3_text') return 4;
  if (family === 'falcon') {
    if (r.bool('new_decoder_architecture', false)) return r.int(['num_ln_in_parallel_attn'], 2, () => 2);
    return r.bool('parallel_attn', true) ? 1 : 2;
  }
  if (family === 'phi-msft' || family === 'phi' || family === 'gptj') return 1;
  return 2;
}

/** Llama4TextConfig's default `attention_chunk_size`. */
const LLAMA4_DEFAULT_CHUNK = 8192;
const SLIDING_TYPES = new Set(['sliding_attention', 'chunked_attention']);
/** Layer types that keep a KV cache. */
const KV_LAYER_TYPES = new Set(['full_attention', 'sliding_attention', 'chunked_attention', 'attention']);
/** Layer types whose mixer is a recurrent block (Gated DeltaNet, KDA, Mamba). */
const RECURRENT_LAYER_TYPES = new Set(['linear_attention', 'mamba']);
/** Every `layer_types` value this calculator knows; anything else is refused, never guessed. */
const KNOWN_LAYER_TYPES = new Set([...KV_LAYER_TYPES, ...RECURRENT_LAYER_TYPES]);

function readLayerTypes(r: Reader, family: string, numLayers: number): string[] | undefined {
  const raw = r.raw('layer_types');
  if (raw === undefined || raw === null) {
    if (family === 'llama4' || family === 'llama4_text') return llama4LayerTypes(r, numLayers);
    return undefined;
  }
  if (!Array.isArray(raw)) throw new ConfigError(r.name('layer_types'), 'wrong-length', raw, numLayers);
  if (raw.length !== numLayers) throw new ConfigError(r.name('layer_types'), 'wrong-length', raw, numLayers);
  raw.forEach((t, i) => {
    if (typeof t !== 'string' || !KNOWN_LAYER_TYPES.has(t)) throw new ConfigError(`${r.name('layer_types')}[${i}]`, 'unsupported', t, 'layer-type');
  });
  return raw as string[];
}

/** Nemotron-H's `hybrid_override_pattern` letters (transformers NemotronHConfig): Mamba-2, attention, MLP, MoE. */
const NEMOTRON_BLOCKS: Readonly<Record<string, string>> = { M: 'mamba', '*': 'attention', '-': 'mlp', E: 'moe' };

/**
 * The per-layer layout of a hybrid family that states it in its own keys rather than `layer_types`, as the layer
 * types `readLayerTypes` uses (plus Nemotron-H's 'mlp' and 'moe' blocks, which have no mixer):
 * - Nemotron-H: `hybrid_override_pattern` ("M-M-M*-…") or `layers_block_type` (["mamba", "attention", …]);
 * - Jamba: attention where i mod `attn_layer_period` = `attn_layer_offset`, Mamba elsewhere (JambaConfig);
 * - Kimi Linear: `linear_attn_config.kda_layers` / `full_attn_layers`, counted from 1;
 * - Qwen3-Next / Qwen3.5 without `layer_types`: full attention every `full_attention_interval`-th layer (default 4).
 */
function readHybridLayerTypes(r: Reader, family: string, numLayers: number): string[] | undefined {
  if (family === 'nemotron_h') {
    const pattern = r.raw('hybrid_override_pattern');
    const listed = r.raw('layers_block_type');
    const key = pattern !== undefined && pattern !== null ? 'hybrid_override_pattern' : 'layers_block_type';
    const blocks: unknown[] = typeof pattern === 'string' ? [...pattern] : Array.isArray(listed) ? listed : [];
    if (blocks.length !== numLayers) throw new ConfigError(r.name(key), blocks.length === 0 ? 'missing' : 'wrong-length', pattern ?? listed, numLayers);
    return blocks.map((b, i) => {
      const type = typeof b === 'string' ? (NEMOTRON_BLOCKS[b] ?? (Object.values(NEMOTRON_BLOCKS).includes(b) ? b : undefined)) : undefined;
      if (!type) throw new ConfigError(`${r.name(key)}[${i}]`, 'unsupported', b, 'layer-type');
      return type;
    });
  }
  if (family === 'jamba' && !r.has('layer_types')) {
    const period = r.int(['attn_layer_period'], LIMITS.layers, () => 8);
    const offset = r.count('attn_layer_offset', period - 1, 4);
    return [...Array(numLayers).keys()].map((i) => (i % period === offset ? 'full_attention' : 'mamba'));
  }
  if (family === 'kimi_linear') {
    const linear = r.child('linear_attn_config');
    const kda = linear.indices1('kda_layers', numLayers);
    const full = linear.indices1('full_attn_layers', numLayers);
    return [...Array(numLayers).keys()].map((i) => {
      if (kda.has(i + 1) === full.has(i + 1)) throw new ConfigError(linear.name('kda_layers'), 'not-index-list', [...kda], numLayers);
      return kda.has(i + 1) ? 'linear_attention' : 'full_attention';
    });
  }
  if (GATED_DELTANET_FAMILIES.has(family) && !r.has('layer_types')) {
    const interval = r.int(['full_attention_interval'], LIMITS.layers, () => 4);
    return [...Array(numLayers).keys()].map((i) => ((i + 1) % interval === 0 ? 'full_attention' : 'linear_attention'));
  }
  return undefined;
}

/** A `mamba_ssm_dtype`-style key as the state dtype it asks vLLM for, or `fallback`. */
function ssmDtype(r: Reader, keys: readonly string[], fallback?: 'fp32'): RecurrentSpec['ssmStateDtype'] {
  const found = r.find(keys);
  if (!found) return fallback;
  if (found.value === 'float32') return 'fp32';
  if (found.value === 'bfloat16' || found.value === 'float16') return 'bf16';
  // Anything else ("auto") leaves the choice to vLLM's default for the family.
  return fallback;
}

/**
 * The recurrent mixer of a hybrid's non-attention layers, from its family's keys (recurrent.ts sizes it). A family
 * not listed in HYBRID_FAMILIES is refused at its `layer_types`: its layers' weights are unknown.
 */
function readRecurrent(r: Reader, family: string, hidden: number, layers: boolean[]): RecurrentSpec {
  const head = LIMITS.hidden;
  if (GATED_DELTANET_FAMILIES.has(family)) {
    const keyDim = r.int(['linear_key_head_dim'], head);
    const spec: RecurrentSpec = {
      kind: 'gated-deltanet',
      layers,
      numHeads: r.int(['linear_num_value_heads'], LIMITS.heads),
      headDim: r.int(['linear_value_head_dim'], head),
      numKeyHeads: r.int(['linear_num_key_heads'], LIMITS.heads),
      keyHeadDim: keyDim,
      stateSize: keyDim,
      convKernel: r.int(['linear_conv_kernel_dim'], 1024, () => 4),
      convBias: false,
      projBias: false,
    };
    // Qwen3.5's config asks for a float32 state (`mamba_ssm_dtype`), which vLLM follows (Qwen3_5ForConditionalGenerationConfig).
    const dtype = ssmDtype(r, ['mamba_ssm_dtype']);
    if (dtype) spec.ssmStateDtype = dtype;
    return spec;
  }
  if (family === 'kimi_linear') {
    const linear = r.child('linear_attn_config');
    const numHeads = linear.int(['num_heads'], LIMITS.heads);
    const headDim = linear.int(['head_dim'], head);
    return {
      kind: 'kda',
      layers,
      numHeads,
      headDim,
      numKeyHeads: numHeads,
      keyHeadDim: headDim,
      stateSize: headDim,
      convKernel: linear.int(['short_conv_kernel_size'], 1024, () => 4),
      convBias: false,
      projBias: false,
      // vLLM's `kda_state_dtype` keeps the recurrent state in float32 whatever the cache dtype.
      ssmStateDtype: 'fp32',
    };
  }
  if (family === 'nemotron_h' || family === 'granitemoehybrid') {
    const nemotron = family === 'nemotron_h';
    const stateSize = r.int([nemotron ? 'ssm_state_size' : 'mamba_d_state'], head);
    const spec: RecurrentSpec = {
      kind: 'mamba2',
      layers,
      numHeads: r.int([nemotron ? 'mamba_num_heads' : 'mamba_n_heads'], LIMITS.heads),
      headDim: r.int([nemotron ? 'mamba_head_dim' : 'mamba_d_head'], head),
      numKeyHeads: r.int([nemotron ? 'n_groups' : 'mamba_n_groups'], LIMITS.heads, () => 1),
      keyHeadDim: stateSize,
      stateSize,
      convKernel: r.int([nemotron ? 'conv_kernel' : 'mamba_d_conv'], 1024, () => 4),
      convBias: r.bool(nemotron ? 'use_conv_bias' : 'mamba_conv_bias', true),
      projBias: r.bool(nemotron ? 'use_bias' : 'mamba_proj_bias', false),
    };
    // vLLM's NemotronHForCausalLMConfig: the config's `mamba_ssm_cache_dtype`, else float32.
    const dtype = nemotron ? ssmDtype(r, ['mamba_ssm_cache_dtype'], 'fp32') : undefined;
    if (dtype) spec.ssmStateDtype = dtype;
    return spec;
  }
  if (family === 'jamba') {
    const stateSize = r.int(['mamba_d_state'], head, () => 16);
    const rank = r.raw('mamba_dt_rank');
    return {
      kind: 'mamba1',
      layers,
      numHeads: 1,
      headDim: r.int(['mamba_expand'], 64, () => 2) * hidden,
      numKeyHeads: 1,
      keyHeadDim: stateSize,
      stateSize,
      convKernel: r.int(['mamba_d_conv'], 1024, () => 4),
      convBias: r.bool('mamba_conv_bias', true),
      projBias: r.bool('mamba_proj_bias', false),
      // JambaConfig: "auto" means ⌈hidden / 16⌉.
      dtRank: rank === undefined || rank === null || rank === 'auto' ? Math.ceil(hidden / 16) : r.int(['mamba_dt_rank'], head),
      innerNorms: true,
    };
  }
  throw new ConfigError(r.name('layer_types'), 'unsupported', family, 'linear-attention');
}

/**
 * Llama 4 without `layer_types`: layers that use RoPE (`no_rope_layers[i]` = 1) attend within their chunk, the
 * NoPE layers (every `no_rope_layer_interval`-th, default 4) attend globally (transformers Llama4TextConfig).
 */
function llama4LayerTypes(r: Reader, numLayers: number): string[] | undefined {
  // transformers defaults attention_chunk_size to 8192 when the key is absent; an explicit null turns chunking off.
  if (r.raw('attention_chunk_size') === null) return undefined;
  const listed = r.raw('no_rope_layers');
  let rope: boolean[];
  if (Array.isArray(listed) && listed.length > 0) {
    if (listed.length !== numLayers) throw new ConfigError(r.name('no_rope_layers'), 'wrong-length', listed, numLayers);
    rope = listed.map((v, i) => {
      if (v !== 0 && v !== 1 && v !== true && v !== false) throw new ConfigError(`${r.name('no_rope_layers')}[${i}]`, 'unsupported', v, 'flag-value');
      return v === 1 || v === true;
    });
  } else {
    const interval = r.int(['no_rope_layer_interval'], LIMITS.layers, () => 4);
    rope = [...Array(numLayers).keys()].map((i) => (i + 1) % interval !== 0);
  }
  return rope.map((useRope) => (useRope ? 'chunked_attention' : 'full_attention'));
}

function readSlidingWindow(r: Reader, family: string, numLayers: number, layerTypes: string[] | undefined): SlidingWindowSpec | undefined {
  if (!r.bool('use_sliding_window', true)) return undefined;
  if (layerTypes) {
    const layers = layerTypes.map((t) => SLIDING_TYPES.has(t));
    if (!layers.some(Boolean)) return undefined;
    const chunked = layerTypes.includes('chunked_attention');
    const llama4 = family === 'llama4' || family === 'llama4_text';
    const window = r.int(
      chunked ? ['attention_chunk_size', 'sliding_window'] : ['sliding_window'],
      LIMITS.positions,
      llama4 && chunked ? () => LLAMA4_DEFAULT_CHUNK : undefined,
    );
    return chunked ? { window, layers, chunked } : { window, layers };
  }
  const window = r.optionalInt(['sliding_window'], LIMITS.positions);
  if (window === undefined) return undefined;
  const index = [...Array(numLayers).keys()];
  let layers: boolean[];
  if (family === 'gemma2') {
    // Gemma 2 alternates, starting with a local layer (transformers: layer i is sliding iff i is even).
    layers = index.map((i) => i % 2 === 0);
  } else if (family === 'gemma3' || family === 'gemma3_text') {
    const pattern = r.int(['sliding_window_pattern'], LIMITS.layers, () => 6);
    layers = index.map((i) => (i + 1) % pattern !== 0);
  } else if (family === 'qwen2' || family === 'qwen2_moe' || family === 'qwen3' || family === 'qwen3_moe') {
    const from = r.int(['max_window_layers'], LIMITS.layers, () => 28);
    layers = index.map((i) => i >= from);
  } else {
    layers = index.map(() => true);
  }
  return layers.some(Boolean) ? { window, layers } : undefined;
}

function readMoe(r: Reader, family: string, numLayers: number, layerTypes: string[] | undefined): MoeSpec | undefined {
  // Granite 4.0-H and Jamba say "no experts" with 0 or 1; the others leave the key out.
  const expertsFound = r.find(['n_routed_experts', 'num_local_experts', 'num_experts']);
  if (!expertsFound || ((family === 'granitemoehybrid' || family === 'jamba') && (expertsFound.value === 0 || expertsFound.value === 1))) return undefined;
  const experts = r.check(expertsFound.key, expertsFound.value, LIMITS.experts);
  const expertsPerToken = r.int(['num_experts_per_tok', 'experts_per_token', 'num_experts_per_token', 'moe_topk'], experts);
  // `first_k_dense_replace: 0` is valid (every layer is MoE), so it is not read as a positive integer.
  const denseLayers = r.count('first_k_dense_replace', numLayers, 0);
  const moeLayerFreq = r.raw('moe_layer_freq');
  if (moeLayerFreq !== undefined && moeLayerFreq !== null && moeLayerFreq !== 1) {
    throw new ConfigError(r.name('moe_layer_freq'), 'unsupported', moeLayerFreq, 'moe-layer-pattern');
  }
  const expertIntermediateSize = r.int(['moe_intermediate_size', 'intermediate_size'], LIMITS.intermediate);
  const moe: MoeSpec = {
    numExperts: experts,
    expertsPerToken,
    sharedExperts: r.count(family === 'kimi_linear' ? 'num_shared_experts' : 'n_shared_experts', LIMITS.experts, 0),
    expertIntermediateSize,
    denseLayers,
  };
  // DeepSeek-V3's and Kimi Linear's routers keep a per-expert `e_score_correction_bias`; so does Nemotron-H's.
  if (family === 'deepseek_v3' || family === 'kimi_linear' || family === 'nemotron_h' || r.raw('topk_method') === 'noaux_tc') moe.routerBias = true;
  const index = [...Array(numLayers).keys()];
  if (family === 'qwen2_moe' || family === 'qwen3_moe' || family === 'qwen3_next' || family === 'qwen3_5_moe_text') {
    // transformers Qwen2MoeDecoderLayer: sparse iff not in `mlp_only_layers` and (i + 1) % `decoder_sparse_step` == 0.
    const step = r.int(['decoder_sparse_step'], LIMITS.layers, () => 1);
    const dense = new Set(r.indices('mlp_only_layers', numLayers) ?? []);
    const layers = index.map((i) => !dense.has(i) && (i + 1) % step === 0);
    if (layers.some((v) => !v)) moe.layers = layers;
    const shared = r.count('shared_expert_intermediate_size', LIMITS.intermediate, 0);
    if (shared > 0) {
      moe.sharedExperts = 1;
      moe.sharedExpertIntermediateSize = shared;
      moe.sharedExpertGate = true;
    }
  } else if (family === 'llama4' || family === 'llama4_text') {
    // transformers Llama4TextConfig: `moe_layers` defaults to every `interleave_moe_layer_step`-th layer, and each
    // MoE layer adds one always-on shared expert as wide as a routed one.
    const listed = r.indices('moe_layers', numLayers);
    const step = r.int(['interleave_moe_layer_step'], LIMITS.layers, () => 1);
    const chosen = new Set(listed ?? index.filter((i) => (i + 1) % step === 0));
    const layers = index.map((i) => chosen.has(i));
    if (layers.some((v) => !v)) moe.layers = layers;
    moe.sharedExperts = 1;
  } else if (family === 'nemotron_h') {
    // Nemotron-H: the 'E' blocks are MoE, with `moe_shared_expert_intermediate_size` wide shared experts.
    moe.layers = index.map((i) => layerTypes?.[i] === 'moe');
    const shared = r.count('moe_shared_expert_intermediate_size', LIMITS.intermediate, 0);
    if (moe.sharedExperts > 0 && shared > 0) moe.sharedExpertIntermediateSize = shared;
  } else if (family === 'granitemoehybrid') {
    // Granite 4.0-H: every layer's `shared_mlp` is the shared expert, beside `num_local_experts` routed ones.
    moe.sharedExperts = 1;
    moe.sharedExpertIntermediateSize = r.int(['shared_intermediate_size'], LIMITS.intermediate);
  } else if (family === 'jamba') {
    // JambaConfig: layer i has experts iff i mod `expert_layer_period` = `expert_layer_offset`.
    const period = r.int(['expert_layer_period'], LIMITS.layers, () => 2);
    const offset = r.count('expert_layer_offset', period - 1, 1);
    moe.layers = index.map((i) => i % period === offset);
  } else {
    for (const key of ['decoder_sparse_step', 'interleave_moe_layer_step']) {
      const value = r.raw(key);
      if (value !== undefined && value !== null && value !== 1) throw new ConfigError(r.name(key), 'unsupported', value, 'moe-layer-pattern');
    }
    if (r.has('shared_expert_intermediate_size'))
      throw new ConfigError(r.name('shared_expert_intermediate_size'), 'unsupported', r.raw('shared_expert_intermediate_size'), 'shared-width');
  }
  if (family === 'gpt_oss') {
    // gpt-oss: biases on every expert projection and on the router.
    moe.expertBias = true;
    moe.routerBias = true;
  }
  return moe;
}
