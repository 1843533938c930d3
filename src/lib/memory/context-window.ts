/**
 * The longest `max_model_len` vLLM accepts for a model, derived from its config.json as
 * `_get_and_verify_max_len` does (vllm/config/model.py): the smallest of the length keys the config has
 * (`max_position_embeddings`, `n_positions`, `max_seq_len`, `seq_length`, `max_sequence_length`, …), then, when
 * `rope_scaling` is set and its type is not `su`, `longrope` or `llama3` (whose configs already state the extended
 * length), multiplied by its `factor`, starting from `original_max_position_embeddings` for YaRN. A longer
 * `max_model_len` makes vLLM raise "User-specified max_model_len (…) is greater than the derived max_model_len"
 * unless VLLM_ALLOW_LONG_MAX_MODEL_LEN=1 is set.
 */

/**
 * Lengths transformers fills in when a config.json omits them: vLLM reads the loaded config, so the class default
 * counts. Gemma3TextConfig defaults `max_position_embeddings` to 131072
 * (transformers/models/gemma3/configuration_gemma3.py).
 */
const TRANSFORMERS_DEFAULT_LENGTH: Record<string, number> = { gemma3: 131072, gemma3_text: 131072 };

/** The keys vLLM reads a model's length from, in its order (`possible_keys`). */
const LENGTH_KEYS = [
  'max_position_embeddings',
  'n_positions',
  'max_seq_len',
  'seq_length',
  'model_max_length',
  'max_sequence_length',
  'max_seq_length',
  'seq_len',
] as const;

export interface ContextLimit {
  /** The longest max_model_len vLLM accepts without VLLM_ALLOW_LONG_MAX_MODEL_LEN. */
  limit: number;
  /** The length the config states (the smallest length key), before any RoPE scaling. */
  trained: number;
  /** The config key `trained` came from. */
  key: string;
  /** The scaling applied, when `rope_scaling` extends the window. */
  scaling?: { type: string; factor: number };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const positive = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);

/**
 * vLLM's derived maximum length for a config.json (or its compacted form), or null when the config states no
 * length (vLLM then assumes 2,048 and warns; the planner says nothing).
 *
 * @example
 * vllmContextLimit({ max_position_embeddings: 40960 }) // => { limit: 40960, trained: 40960, key: 'max_position_embeddings' }
 * vllmContextLimit({ max_position_embeddings: 40960, rope_scaling: { rope_type: 'yarn', factor: 4, original_max_position_embeddings: 32768 } }).limit // => 131072
 */
export function vllmContextLimit(config: unknown): ContextLimit | null {
  if (!isObject(config)) return null;
  const text = isObject(config.text_config) ? config.text_config : config;
  let trained: number | undefined;
  let key = '';
  for (const k of LENGTH_KEYS) {
    const v = positive(text[k]);
    if (v !== undefined && (trained === undefined || v < trained)) {
      trained = v;
      key = k;
    }
  }
  const modelType = [text.model_type, config.model_type].find((t): t is string => typeof t === 'string') ?? '';
  if (trained === undefined && TRANSFORMERS_DEFAULT_LENGTH[modelType] !== undefined) {
    trained = TRANSFORMERS_DEFAULT_LENGTH[modelType];
    key = 'max_position_embeddings';
  }
  if (trained === undefined) return null;
  const out: ContextLimit = { limit: trained, trained, key };
  const rope = text.rope_scaling;
  // vLLM skips the factor for Gemma 3, whose 128K window already includes its linear scaling
  // (vllm/config/model.py: `"gemma3" not in hf_config.model_type`).
  const gemma3 = [text.model_type, config.model_type].some((t) => typeof t === 'string' && t.includes('gemma3'));
  if (isObject(rope) && !gemma3) {
    const type = typeof rope.rope_type === 'string' ? rope.rope_type : typeof rope.type === 'string' ? rope.type : 'default';
    if (!['su', 'longrope', 'llama3', 'default'].includes(type)) {
      const factor = positive(rope.factor) ?? 1;
      const base = type === 'yarn' ? (positive(rope.original_max_position_embeddings) ?? trained) : trained;
      out.limit = Math.floor(base * factor);
      if (factor !== 1) out.scaling = { type, factor };
    }
  }
  return out;
}

/** The config keys `vllmContextLimit` reads, so a compacted config can keep them (`rope_scaling` is not a shape key). */
export const CONTEXT_KEYS = [...LENGTH_KEYS, 'rope_scaling', 'model_type'] as const;
