/**
 * Hugging Face `config.json` → `ModelSpec`. Families name the same thing differently (`num_hidden_layers`,
 * `n_layer`, `num_layers`), leave fields to class defaults, or carry fields that mean nothing for them
 * (DeepSeek's `num_key_value_heads` under MLA); this file is the one place that knows those quirks.
 */
import { ConfigError } from './config-error';
import type { AttentionKind, MlaSpec, ModelSpec, MoeSpec, SlidingWindowSpec } from './model-spec';

/** Bounds far above any real model, so a typo (an extra zero, a byte count) is caught, not computed. */
const LIMITS = {
  layers: 10_000,
  hidden: 1_000_000,
  heads: 100_000,
  intermediate: 10_000_000,
  vocab: 10_000_000,
  positions: 1_000_000_000,
  experts: 100_000,
} as const;

/** Families whose MLP is a plain two-matrix MLP and whose norms are LayerNorm with bias. */
const PLAIN_MLP_FAMILIES = new Set(['gpt2', 'opt', 'bert', 'roberta', 'falcon', 'gpt_neox', 'gptj', 'gpt_bigcode', 'bloom', 'phi']);
/**
 * Families whose config class defaults `tie_word_embeddings` to false; transformers' base default is true,
 * so a config that omits the key is tied unless its family says otherwise.
 */
const UNTIED_BY_DEFAULT = new Set([
  'llama', 'mistral', 'mixtral', 'qwen2', 'qwen2_moe', 'qwen3', 'qwen3_moe', 'deepseek_v2', 'deepseek_v3', 'phi3',
  'olmo', 'olmo2', 'granite',
]);
const FAMILY_ALIASES: Record<string, string> = { RefinedWebModel: 'falcon', RefinedWeb: 'falcon' };

type Json = Record<string, unknown>;

/**
 * Every config.json key `parseHfConfig` reads. `compactHfConfig` keeps only these, so a pasted config
 * fits in a link.
 */
export const CONFIG_KEYS = [
  'model_type', 'is_encoder_decoder', 'num_hidden_layers', 'n_layer', 'num_layers', 'n_layers', 'hidden_size', 'n_embd',
  'd_model', 'dim', 'num_attention_heads', 'n_head', 'num_heads', 'n_heads', 'vocab_size', 'padded_vocab_size',
  'num_key_value_heads', 'num_kv_heads', 'n_head_kv', 'n_kv_heads', 'multi_query', 'new_decoder_architecture', 'head_dim',
  'd_kv', 'intermediate_size', 'n_inner', 'ffn_dim', 'ffn_hidden_size', 'd_ff', 'tie_word_embeddings',
  'max_position_embeddings', 'n_positions', 'seq_length', 'n_ctx', 'type_vocab_size', 'enable_bias', 'bias',
  'attention_bias', 'mlp_bias', 'parallel_attn', 'num_ln_in_parallel_attn', 'layer_types', 'use_sliding_window',
  'sliding_window', 'attention_chunk_size', 'sliding_window_pattern', 'max_window_layers', 'kv_lora_rank', 'q_lora_rank',
  'qk_rope_head_dim', 'qk_nope_head_dim', 'v_head_dim', 'n_routed_experts', 'num_local_experts', 'num_experts',
  'num_experts_per_tok', 'moe_topk', 'first_k_dense_replace', 'moe_intermediate_size', 'n_shared_experts', 'topk_method',
  '_name_or_path',
] as const;

/**
 * The part of a config that matters to `parseHfConfig`, flattened out of a `text_config` wrapper.
 * Parsing the result gives the same spec as parsing the original.
 */
export function compactHfConfig(config: unknown): Record<string, unknown> {
  if (!isObject(config)) throw new ConfigError('config', 'not-object', config);
  const source = isObject(config.text_config) ? { model_type: config.model_type, ...config.text_config } : config;
  const out: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
      const value = this.config[key];
      if (value !== undefined && value !== null) return { key, value };
    }
    return undefined;
  }

  has(key: string): boolean {
    return this.config[key] !== undefined && this.config[key] !== null;
  }

  raw(key: string): unknown {
    return this.config[key];
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

  bool(key: string, fallback: boolean): boolean {
    const value = this.config[key];
    return typeof value === 'boolean' ? value : fallback;
  }
}

/**
 * Normalizes a parsed Hugging Face `config.json` (llama, mistral, mixtral, qwen2, gemma2/3, falcon, gpt2,
 * opt, bert, deepseek_v2/v3, and multimodal wrappers with a `text_config`).
 * Throws `ConfigError` naming the field on anything unusable.
 *
 * @example
 * parseHfConfig({ model_type: 'llama', num_hidden_layers: 32, hidden_size: 4096, num_attention_heads: 32,
 *   num_key_value_heads: 8, intermediate_size: 14336, vocab_size: 128256 }).attention // => 'gqa'
 */
export function parseHfConfig(config: unknown): ModelSpec {
  if (!isObject(config)) throw new ConfigError('config', 'not-object', config);
  if (config.is_encoder_decoder === true) {
    throw new ConfigError('is_encoder_decoder', 'unsupported', true, 'a decoder-only or encoder-only model');
  }
  let r = new Reader(config, '');
  let typeSource = config;
  if (config.text_config !== undefined) {
    if (!isObject(config.text_config)) throw new ConfigError('text_config', 'not-object', config.text_config);
    r = new Reader(config.text_config, 'text_config.');
    typeSource = config.text_config.model_type !== undefined ? config.text_config : config;
  }
  const rawType = typeSource.model_type;
  const family = typeof rawType === 'string' && rawType !== '' ? (FAMILY_ALIASES[rawType] ?? rawType) : 'unknown';

  const numLayers = r.int(['num_hidden_layers', 'n_layer', 'num_layers', 'n_layers'], LIMITS.layers);
  const hiddenSize = r.int(['hidden_size', 'n_embd', 'd_model', 'dim'], LIMITS.hidden);
  const numHeads = r.int(['num_attention_heads', 'n_head', 'num_heads', 'n_heads'], LIMITS.heads);
  const vocabSize = r.int(['vocab_size', 'padded_vocab_size'], LIMITS.vocab);

  const mla = readMla(r);
  const numKvHeads = mla ? numHeads : readKvHeads(r, family, numHeads);
  let headDim: number;
  if (mla) {
    headDim = mla.qkNopeHeadDim + mla.qkRopeHeadDim;
  } else {
    const explicit = r.optionalInt(['head_dim', 'd_kv'], LIMITS.hidden);
    if (explicit !== undefined) headDim = explicit;
    else if (hiddenSize % numHeads !== 0) {
      throw new ConfigError(r.name('num_attention_heads'), 'not-divisible', numHeads, `hidden_size (${hiddenSize}) when head_dim is absent`);
    } else headDim = hiddenSize / numHeads;
  }

  const plain = PLAIN_MLP_FAMILIES.has(family);
  const intermediateSize = r.int(['intermediate_size', 'n_inner', 'ffn_dim', 'ffn_hidden_size', 'd_ff'], LIMITS.intermediate, () => {
    // GPT-2's `n_inner: null` and Falcon's missing `ffn_hidden_size` both mean 4 × hidden.
    if (family === 'gpt2' || family === 'falcon' || family === 'gpt_bigcode') return 4 * hiddenSize;
    throw new ConfigError(r.name('intermediate_size'), 'missing');
  });

  const attention: AttentionKind = mla
    ? 'mla'
    : numKvHeads === numHeads
      ? 'mha'
      : numKvHeads === 1
        ? 'mqa'
        : 'gqa';

  const spec: ModelSpec = {
    family,
    numLayers,
    hiddenSize,
    numHeads,
    numKvHeads,
    headDim,
    intermediateSize,
    vocabSize,
    tiedEmbeddings: r.bool('tie_word_embeddings', !UNTIED_BY_DEFAULT.has(family)),
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

  if (family === 'gpt2') spec.learnedPositions = r.int(['n_positions', 'max_position_embeddings'], LIMITS.positions);
  // OPT's learned position table has two extra rows (its padding offset).
  if (family === 'opt') spec.learnedPositions = r.int(['max_position_embeddings'], LIMITS.positions) + 2;
  if (family === 'bert' || family === 'roberta') {
    spec.learnedPositions = r.int(['max_position_embeddings'], LIMITS.positions);
    spec.tokenTypes = r.int(['type_vocab_size'], LIMITS.vocab, () => 2);
    spec.pooler = true;
  }

  const layerTypes = readLayerTypes(r, numLayers);
  const sliding = readSlidingWindow(r, family, numLayers, layerTypes);
  if (sliding) spec.slidingWindow = sliding;
  if (layerTypes?.some((t) => !KV_LAYER_TYPES.has(t))) spec.kvLayers = layerTypes.map((t) => KV_LAYER_TYPES.has(t));
  const moe = readMoe(r, family, numLayers);
  if (moe) spec.moe = moe;
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
      return { qkv: true, o: true, mlp: true };
    case 'opt': {
      const on = r.bool('enable_bias', true);
      return { qkv: on, o: on, mlp: on };
    }
    case 'falcon': {
      const on = r.bool('bias', false);
      return { qkv: on, o: on, mlp: on };
    }
    case 'qwen2':
    case 'qwen2_moe':
      return { qkv: true, o: false, mlp: false };
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
  return 2;
}

const SLIDING_TYPES = new Set(['sliding_attention', 'chunked_attention']);
const KV_LAYER_TYPES = new Set(['full_attention', 'sliding_attention', 'chunked_attention', 'attention']);

function readLayerTypes(r: Reader, numLayers: number): string[] | undefined {
  const raw = r.raw('layer_types');
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw) || raw.some((t) => typeof t !== 'string')) throw new ConfigError(r.name('layer_types'), 'wrong-length', raw, numLayers);
  if (raw.length !== numLayers) throw new ConfigError(r.name('layer_types'), 'wrong-length', raw, numLayers);
  return raw as string[];
}

function readSlidingWindow(r: Reader, family: string, numLayers: number, layerTypes: string[] | undefined): SlidingWindowSpec | undefined {
  if (r.raw('use_sliding_window') === false) return undefined;
  if (layerTypes) {
    const layers = layerTypes.map((t) => SLIDING_TYPES.has(t));
    if (!layers.some(Boolean)) return undefined;
    const chunked = layerTypes.includes('chunked_attention');
    const window = r.int(chunked ? ['attention_chunk_size', 'sliding_window'] : ['sliding_window'], LIMITS.positions);
    return { window, layers };
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
  } else if (family === 'qwen2' || family === 'qwen2_moe') {
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
  const expertsPerToken = r.int(['num_experts_per_tok', 'moe_topk'], experts);
  // `first_k_dense_replace: 0` is valid (every layer is MoE), so it is not read as a positive integer.
  const denseLayers = r.raw('first_k_dense_replace') === 0 || !r.has('first_k_dense_replace') ? 0 : r.int(['first_k_dense_replace'], numLayers);
  const expertIntermediateSize = r.int(['moe_intermediate_size', 'intermediate_size'], LIMITS.intermediate);
  const moe: MoeSpec = {
    numExperts: experts,
    expertsPerToken,
    sharedExperts: r.raw('n_shared_experts') === 0 || !r.has('n_shared_experts') ? 0 : r.int(['n_shared_experts'], LIMITS.experts),
    expertIntermediateSize,
    denseLayers,
  };
  if (family === 'deepseek_v3' || r.raw('topk_method') === 'noaux_tc') moe.routerBias = true;
  return moe;
}
