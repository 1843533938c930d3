import { OptionError, describeValue, type OptionReason } from '../errors';

/**
 * What a refused config has that the calculators do not model: the `limit` of a ConfigError whose reason is
 * 'unsupported'. A code, never prose, so each language's string table says it in full sentences of its own
 * (ux-review row 17: a Chinese message with an English clause read backwards).
 */
export type UnsupportedFeature =
  /** An encoder–decoder model (T5, BART, Whisper): the calculators size decoder-only and encoder-only models. */
  | 'encoder-decoder'
  /** A model with no attention layer at all (RWKV, pure Mamba). */
  | 'recurrent-only'
  /** Attention and a state-space block side by side in every layer (Falcon-H1). */
  | 'parallel-hybrid'
  /** Attention blocks shared across layers (Zamba), or a hybrid layout in keys this calculator does not read. */
  | 'other-hybrid'
  /** Linear-attention layers of a family other than Qwen3-Next / Qwen3.5 / Kimi Linear. */
  | 'linear-attention'
  /** Cross-attention layers inside the decoder (vision adapters). */
  | 'cross-attention'
  /** Gemma 3n's AltUp and per-layer embeddings. */
  | 'altup'
  /** Layers whose attention shape differs (their own KV heads or head width per layer type). */
  | 'per-layer-attention'
  /** MoE layers chosen by a key other than first_k_dense_replace, decoder_sparse_step, moe_layers (or with moe_layer_freq ≠ 1). */
  | 'moe-layer-pattern'
  /** A second dense MLP width (`dense_intermediate_size`). */
  | 'dense-width'
  /** A shared expert sized by a key this family does not use. */
  | 'shared-width'
  /** Experts working in a compressed latent width (Nemotron 3 Super's `moe_latent_size`). */
  | 'latent-moe'
  /** A `layer_types` / block-pattern entry that is not one of the known kinds. */
  | 'layer-type'
  /** A `rope_type` transformers does not define. */
  | 'rope-type'
  /** A per-layer flag that must be 0 or 1 (Llama 4's `no_rope_layers`). */
  | 'flag-value';

export const UNSUPPORTED_FEATURES: readonly UnsupportedFeature[] = [
  'encoder-decoder',
  'recurrent-only',
  'parallel-hybrid',
  'other-hybrid',
  'linear-attention',
  'cross-attention',
  'altup',
  'per-layer-attention',
  'moe-layer-pattern',
  'dense-width',
  'shared-width',
  'latent-moe',
  'layer-type',
  'rope-type',
  'flag-value',
];

/** The English sentence for each code; other languages have their own tables (model picker strings). */
const UNSUPPORTED_TEXT: Record<UnsupportedFeature, string> = {
  'encoder-decoder': 'an encoder–decoder model; the calculators size decoder-only and encoder-only models',
  'recurrent-only': 'a model without attention layers (RWKV, Mamba); the calculators size attention models and hybrids',
  'parallel-hybrid': 'attention and a state-space block side by side in every layer (Falcon-H1) are not modelled',
  'other-hybrid': 'this hybrid layout (shared attention blocks, or layer keys of another family) is not modelled',
  'linear-attention': "this family's linear-attention layers are not modelled (Qwen3-Next, Qwen3.5 and Kimi Linear are)",
  'cross-attention': 'cross-attention layers (vision adapters) inside the decoder are not modelled',
  altup: "Gemma 3n's AltUp and per-layer embeddings are not modelled",
  'per-layer-attention': 'layers with their own KV heads or head width are not modelled',
  'moe-layer-pattern': 'MoE layers are modelled when chosen by first_k_dense_replace, decoder_sparse_step or moe_layers',
  'dense-width': 'a second dense MLP width is not modelled',
  'shared-width': "this family's shared experts are sized by moe_intermediate_size or shared_expert_intermediate_size",
  'latent-moe': 'experts in a compressed latent width (moe_latent_size) are not modelled',
  'layer-type': 'expected full_attention, sliding_attention, chunked_attention, attention, linear_attention or mamba',
  'rope-type': 'expected one of default, linear, dynamic, yarn, llama3, longrope',
  'flag-value': 'expected 0 or 1',
};

/**
 * A pasted or preset `config.json` that cannot describe a model. The message names the field, what was
 * expected and what was found, so a reader can fix their file; `reason`, `field` and `limit` let the UI
 * say the same thing in either language. For 'unsupported', `limit` is an `UnsupportedFeature` code.
 *
 * @example
 * new ConfigError('num_hidden_layers', 'not-positive-integer', 0).message
 * // => 'num_hidden_layers: expected a positive whole number, got 0'
 * new ConfigError('model_type', 'unsupported', 't5', 'encoder-decoder').message
 * // => 'model_type: "t5" is not supported: an encoder–decoder model; the calculators size …'
 */
export type ConfigErrorReason = Extract<
  OptionReason,
  'not-object' | 'missing' | 'not-positive-integer' | 'too-large' | 'not-divisible' | 'wrong-length' | 'unsupported' | 'not-boolean' | 'not-index-list'
>;

export class ConfigError extends OptionError {
  override name = 'ConfigError';
  constructor(
    /** The config.json key at fault, with its path (`text_config.hidden_size`). */
    field: string,
    override readonly reason: ConfigErrorReason,
    /** The offending value, as found. */
    got?: unknown,
    /** The bound or requirement the value broke (a maximum, the number it must divide, an `UnsupportedFeature`). */
    limit?: number | string,
  ) {
    const feature = reason === 'unsupported' ? UNSUPPORTED_TEXT[limit as UnsupportedFeature] : undefined;
    super(field, reason, got, limit, feature === undefined ? undefined : `${describeValue(got)} is not supported: ${feature}`);
  }

  /** The unsupported feature's code, when that is the reason. */
  get feature(): UnsupportedFeature | undefined {
    return this.reason === 'unsupported' ? (this.limit as UnsupportedFeature) : undefined;
  }
}
