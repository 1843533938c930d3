/**
 * Hugging Face `config.json` → `ModelSpec`. Families name the same thing differently (`num_hidden_layers`,
 * `n_layer`, `num_layers`), leave fields to class defaults, or carry fields that mean nothing for them
 * (DeepSeek's `num_key_value_heads` under MLA); this file is the one place that knows those quirks.
 */
import { ConfigError } from './config-error';
import { SPEC_LIMITS, type AttentionKind, type MlaSpec, type ModelSpec, type MoeSpec, type SlidingWindowSpec } from './model-spec';

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
]);
const FAMILY_ALIASES: ReadonlyMap<string, string> = new Map([
  ['RefinedWebModel', 'falcon'],
  ['RefinedWeb', 'falcon'],
]);

/** Families whose shape this calculator cannot describe: the config is refused with its `model_type`. */
const UNSUPPORTED_FAMILIES: ReadonlyMap<string, string> = new Map([
  ['t5', 'an encoder–decoder model'],
  ['mt5', 'an encoder–decoder model'],
  ['bart', 'an encoder–decoder model'],
  ['whisper', 'an encoder–decoder model'],
  ['rwkv', 'an attention model (RWKV is recurrent)'],
  ['rwkv5', 'an attention model (RWKV is recurrent)'],
  ['mamba', 'an attention model (Mamba is a state-space model)'],
  ['mamba2', 'an attention model (Mamba is a state-space model)'],
]);

/**
 * Keys that change the shape of attention or the MLP in ways this calculator does not model. A config carrying
 * one is refused with the key's name instead of being counted as if the key were absent.
 */
const UNSUPPORTED_KEYS: ReadonlyMap<string, string> = new Map([
  ['layers_block_type', 'no state-space (Mamba) layers: Jamba/Zamba hybrids are not modelled'],
  ['attn_layer_period', 'no state-space (Mamba) layers: Jamba hybrids are not modelled'],
  ['hybrid_override_pattern', 'no state-space (Mamba) layers: Nemotron-H hybrids are not modelled'],
  ['linear_num_value_heads', 'no linear-attention (Gated DeltaNet) layers: their weights are not modelled'],
  ['linear_num_key_heads', 'no linear-attention (Gated DeltaNet) layers: their weights are not modelled'],
  ['cross_attention_layers', 'no cross-attention layers (vision adapters) inside the decoder'],
  ['altup_num_inputs', 'no AltUp / per-layer embeddings (Gemma 3n)'],
  ['hidden_size_per_layer_input', 'no AltUp / per-layer embeddings (Gemma 3n)'],
  ['ssm_cfg', 'no state-space (Mamba) layers'],
  ['hybrid_layer_pattern', 'one attention shape for every layer (per-layer sliding/global shapes are not modelled)'],
  ['swa_num_key_value_heads', 'one attention shape for every layer (sliding layers with their own KV heads are not modelled)'],
  ['swa_head_dim', 'one attention shape for every layer (sliding layers with their own head width are not modelled)'],
  ['mlp_layer_types', 'MoE layers chosen by first_k_dense_replace, decoder_sparse_step or moe_layers'],
  ['dense_intermediate_size', 'one dense MLP width given by intermediate_size'],
  ['shared_intermediate_size', 'shared experts sized by moe_intermediate_size or shared_expert_intermediate_size'],
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
  ...UNSUPPORTED_KEYS.keys(),
] as const;

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
    const value = own(source, key);
    if (value !== undefined) out[key] = value;
  }
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
 * gemma2/3, falcon, gpt2, opt, bert, chatglm v1–v3 and GLM-4, deepseek_v2/v3, gpt_oss, and multimodal wrappers
 * with a `text_config`). Throws `ConfigError` naming the field on anything unusable, and on keys that change the
 * model's shape in a way it does not model.
 *
 * @example
 * parseHfConfig({ model_type: 'llama', num_hidden_layers: 32, hidden_size: 4096, num_attention_heads: 32,
 *   num_key_value_heads: 8, intermediate_size: 14336, vocab_size: 128256 }).attention // => 'gqa'
 */
export function parseHfConfig(config: unknown): ModelSpec {
  if (!isObject(config)) throw new ConfigError('config', 'not-object', config);
  if (own(config, 'is_encoder_decoder') === true) {
    throw new ConfigError('is_encoder_decoder', 'unsupported', true, 'a decoder-only or encoder-only model');
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
  for (const [key, feature] of UNSUPPORTED_KEYS) {
    const value = r.raw(key);
    if (value !== undefined && value !== null && value !== false) throw new ConfigError(r.name(key), 'unsupported', value, feature);
  }
  if (family === 'chatglm' && !r.has('padded_vocab_size') && r.has('inner_hidden_size')) return parseChatGlm1(r);

  const numLayers = r.int(['num_hidden_layers', 'n_layer', 'num_layers', 'n_layers'], LIMITS.layers);
  const hiddenSize = r.int(['hidden_size', 'n_embd', 'd_model', 'dim'], LIMITS.hidden);
  const numHeads = r.int(['num_attention_heads', 'n_head', 'num_heads', 'n_heads'], LIMITS.heads);
  // ChatGLM's `padded_vocab_size` is the embedding's real row count; its `vocab_size` (when present) is the tokenizer's.
  const vocabSize = r.int(family === 'chatglm' ? ['padded_vocab_size', 'vocab_size'] : ['vocab_size', 'padded_vocab_size'], LIMITS.vocab);

  const mla = readMla(r);
  const numKvHeads = mla ? numHeads : readKvHeads(r, family, numHeads);
  let headDim: number;
  if (mla) {
    headDim = mla.qkNopeHeadDim + mla.qkRopeHeadDim;
  } else {
    const explicit = r.optionalInt(family === 'chatglm' ? ['kv_channels', 'head_dim'] : ['head_dim', 'd_kv'], LIMITS.hidden);
    if (explicit !== undefined) headDim = explicit;
    else if (hiddenSize % numHeads !== 0) {
      throw new ConfigError(r.name('num_attention_heads'), 'not-divisible', numHeads, `hidden_size (${hiddenSize}) when head_dim is absent`);
    } else headDim = hiddenSize / numHeads;
  }

  const plain = PLAIN_MLP_FAMILIES.has(family);
  // Llama 4's dense layers use `intermediate_size_mlp`; its `intermediate_size` is one expert's width.
  const denseKeys =
    family === 'llama4' || family === 'llama4_text'
      ? ['intermediate_size_mlp', 'intermediate_size']
      : ['intermediate_size', 'n_inner', 'ffn_dim', 'ffn_hidden_size', 'd_ff'];
  let intermediateSize = r.int(denseKeys, LIMITS.intermediate, () => {
    // GPT-2's `n_inner: null` and Falcon's missing `ffn_hidden_size` both mean 4 × hidden.
    if (family === 'gpt2' || family === 'falcon' || family === 'gpt_bigcode' || family === 'phi-msft' || family === 'gptj') return 4 * hiddenSize;
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
    mlp: plain ? 'plain' : 'gated',
    norm: plain ? 'layernorm' : 'rmsnorm',
    bias: readBias(r, family),
    normsPerLayer: readNormsPerLayer(r, family),
    extraNorms: 1,
  };
  const maxPositions = r.optionalInt(['max_position_embeddings', 'n_positions', 'seq_length', 'n_ctx'], LIMITS.positions);
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
  if (family === 'qwen3' || family === 'qwen3_moe' || family === 'gemma3' || family === 'gemma3_text') spec.qkNorm = 'head';
  if (family === 'olmo2') spec.qkNorm = 'full';
  if (family === 'gpt_oss') spec.attentionSinks = true;

  const layerTypes = readLayerTypes(r, family, numLayers);
  const sliding = readSlidingWindow(r, family, numLayers, layerTypes);
  if (sliding) spec.slidingWindow = sliding;
  if (layerTypes?.some((t) => !KV_LAYER_TYPES.has(t))) spec.kvLayers = layerTypes.map((t) => KV_LAYER_TYPES.has(t));
  const moe = readMoe(r, family, numLayers);
  if (moe) spec.moe = moe;
  return spec;
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

function readKvHeads(r: Reader, family: string, numHeads: number): number {
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
    kv = found ? r.check(found.key, found.value, LIMITS.heads) : numHeads;
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
/** Every `layer_types` value this calculator knows; anything else is refused, never guessed. */
const KNOWN_LAYER_TYPES = new Set([...KV_LAYER_TYPES, 'linear_attention']);

function readLayerTypes(r: Reader, family: string, numLayers: number): string[] | undefined {
  const raw = r.raw('layer_types');
  if (raw === undefined || raw === null) {
    if (family === 'llama4' || family === 'llama4_text') return llama4LayerTypes(r, numLayers);
    return undefined;
  }
  if (!Array.isArray(raw)) throw new ConfigError(r.name('layer_types'), 'wrong-length', raw, numLayers);
  if (raw.length !== numLayers) throw new ConfigError(r.name('layer_types'), 'wrong-length', raw, numLayers);
  raw.forEach((t, i) => {
    if (typeof t !== 'string' || !KNOWN_LAYER_TYPES.has(t)) {
      throw new ConfigError(`${r.name('layer_types')}[${i}]`, 'unsupported', t, `one of ${[...KNOWN_LAYER_TYPES].join(', ')}`);
    }
  });
  return raw as string[];
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
      if (v !== 0 && v !== 1 && v !== true && v !== false) throw new ConfigError(`${r.name('no_rope_layers')}[${i}]`, 'unsupported', v, '0 or 1');
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

function readMoe(r: Reader, family: string, numLayers: number): MoeSpec | undefined {
  const experts = r.optionalInt(['n_routed_experts', 'num_local_experts', 'num_experts'], LIMITS.experts);
  if (experts === undefined) return undefined;
  const expertsPerToken = r.int(['num_experts_per_tok', 'experts_per_token', 'moe_topk'], experts);
  // `first_k_dense_replace: 0` is valid (every layer is MoE), so it is not read as a positive integer.
  const denseLayers = r.count('first_k_dense_replace', numLayers, 0);
  const moeLayerFreq = r.raw('moe_layer_freq');
  if (moeLayerFreq !== undefined && moeLayerFreq !== null && moeLayerFreq !== 1) {
    throw new ConfigError(r.name('moe_layer_freq'), 'unsupported', moeLayerFreq, '1 (every layer after first_k_dense_replace is MoE)');
  }
  const expertIntermediateSize = r.int(['moe_intermediate_size', 'intermediate_size'], LIMITS.intermediate);
  const moe: MoeSpec = {
    numExperts: experts,
    expertsPerToken,
    sharedExperts: r.count('n_shared_experts', LIMITS.experts, 0),
    expertIntermediateSize,
    denseLayers,
  };
  if (family === 'deepseek_v3' || r.raw('topk_method') === 'noaux_tc') moe.routerBias = true;
  const index = [...Array(numLayers).keys()];
  if (family === 'qwen2_moe' || family === 'qwen3_moe') {
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
  } else {
    for (const key of ['decoder_sparse_step', 'interleave_moe_layer_step']) {
      const value = r.raw(key);
      if (value !== undefined && value !== null && value !== 1) throw new ConfigError(r.name(key), 'unsupported', value, `1 for model_type ${family}`);
    }
    if (r.has('shared_expert_intermediate_size'))
      throw new ConfigError(
        r.name('shared_expert_intermediate_size'),
        'unsupported',
        r.raw('shared_expert_intermediate_size'),
        `absent for model_type ${family}`,
      );
  }
  if (family === 'gpt_oss') {
    // gpt-oss: biases on every expert projection and on the router.
    moe.expertBias = true;
    moe.routerBias = true;
  }
  return moe;
}
