/**
 * Rotary position embeddings (RoPE) and the `rope_scaling` variants found in real `config.json` files.
 *
 * RoPE rotates each pair i of a head's rotary dimensions by the angle m·θ_i at position m, with
 * θ_i = base^(−2i/d) (Su et al. 2021, §3.2), so pair i completes one turn every 2π/θ_i positions: its
 * wavelength. Every scaling type changes the θ_i (and YaRN/LongRoPE also scale attention logits);
 * the functions here follow Hugging Face transformers' `src/transformers/modeling_rope_utils.py`
 * (`_compute_*_parameters`, `ROPE_INIT_FUNCTIONS`), which is what loads these configs.
 *
 * Two spellings of the same settings are read. transformers v4 (and the configs saved with it, most of the Hub)
 * writes `rope_theta` beside a `rope_scaling` object. transformers v5 renamed `rope_scaling` to `rope_parameters`,
 * moved `rope_theta` (and `partial_rotary_factor`) inside it, and lets it hold one such object per layer type
 * (`{ "full_attention": {…}, "sliding_attention": {…} }`, Gemma 3); v5 reads legacy configs and normalizes them into
 * `rope_parameters` (vllm-project/vllm PR #28542; huggingface/transformers PR #43281: "`rope_theta` is no longer
 * accessible via `config.rope_theta` in v5"). `rope_parameters` wins where both are present.
 */
import { OptionError } from '../errors';
import { ConfigError } from './config-error';

/** `rope_scaling` as a config.json writes it, normalized to one shape per type. */
export type RopeScaling =
  | { type: 'linear'; factor: number }
  | { type: 'dynamic'; factor: number }
  | {
      type: 'yarn';
      factor: number;
      /** Training window the scaling starts from; HF falls back to `max_position_embeddings`. */
      originalMaxPositionEmbeddings?: number;
      betaFast?: number;
      betaSlow?: number;
      attentionFactor?: number;
      mscale?: number;
      mscaleAllDim?: number;
      truncate?: boolean;
    }
  | { type: 'llama3'; factor: number; lowFreqFactor: number; highFreqFactor: number; originalMaxPositionEmbeddings: number }
  | {
      type: 'longrope';
      /** One rescale factor per rotary pair, used beyond the original window. */
      longFactor: number[];
      /** One rescale factor per rotary pair, used within it. */
      shortFactor: number[];
      factor?: number;
      attentionFactor?: number;
      originalMaxPositionEmbeddings?: number;
    };

export type RopeScalingType = RopeScaling['type'];

/** What RoPE needs from a model's config. */
export interface RopeConfig {
  /** `rope_theta` (v5: `rope_parameters.rope_theta`); 10,000 when absent (the RoFormer default every family keeps). */
  base: number;
  /** Rotated dimensions per head: `head_dim × partial_rotary_factor`. */
  rotaryDim: number;
  /** `max_position_embeddings`, when the config has one. */
  maxPositionEmbeddings?: number;
  /** Phi-3's top-level `original_max_position_embeddings` (LongRoPE). */
  originalMaxPositionEmbeddings?: number;
  /** `rope_scaling` (v5: `rope_parameters`), or undefined when it is absent, null or `rope_type: "default"`. */
  scaling?: RopeScaling;
  /** Where the settings were read: the v4 keys, or v5's `rope_parameters` (for a layer type, when it is split by type). */
  source?: 'rope_scaling' | 'rope_parameters';
}

export interface ScaledRope {
  /** θ_i after scaling, one per rotary pair, highest frequency first. */
  inverseFrequencies: number[];
  /** Factor the cos/sin tables are multiplied by (YaRN's √t, LongRoPE's); 1 for the other types. */
  attentionFactor: number;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positive(raw: Json, key: string, path: string): number {
  const value = raw[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ConfigError(path + key, value === undefined ? 'missing' : 'not-positive-integer', value);
  }
  return value;
}

function optionalPositive(raw: Json, key: string, path: string): number | undefined {
  return raw[key] === undefined || raw[key] === null ? undefined : positive(raw, key, path);
}

function factorList(raw: Json, key: string, path: string, pairs: number): number[] {
  const value = raw[key];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'number' || !(v > 0))) {
    throw new ConfigError(path + key, value === undefined ? 'missing' : 'wrong-length', value, pairs);
  }
  if (value.length !== pairs) throw new ConfigError(path + key, 'wrong-length', value, pairs);
  return value as number[];
}

/**
 * Reads the `rope_scaling` object of a config (either key spelling: the older `type` or `rope_type`).
 * `pairs` is the number of rotary pairs, which LongRoPE's factor lists must match.
 */
export function parseRopeScaling(raw: unknown, pairs: number, key = 'rope_scaling'): RopeScaling | undefined {
  if (raw === undefined || raw === null) return undefined;
  const path = `${key}.`;
  if (!isObject(raw)) throw new ConfigError(key, 'not-object', raw);
  // v5's `rope_parameters` may hold only `rope_theta`: no type means the default (unscaled) rotation.
  const type: unknown = raw.rope_type ?? raw.type ?? (key.includes('rope_parameters') ? 'default' : undefined);
  switch (type) {
    case 'default':
      return undefined;
    case 'linear':
    case 'dynamic':
      return { type, factor: positive(raw, 'factor', path) };
    case 'yarn': {
      const yarn: RopeScaling = { type, factor: positive(raw, 'factor', path) };
      const orig = optionalPositive(raw, 'original_max_position_embeddings', path);
      if (orig !== undefined) yarn.originalMaxPositionEmbeddings = orig;
      const keys = [
        ['beta_fast', 'betaFast'],
        ['beta_slow', 'betaSlow'],
        ['attention_factor', 'attentionFactor'],
        ['mscale', 'mscale'],
        ['mscale_all_dim', 'mscaleAllDim'],
      ] as const;
      for (const [json, field] of keys) {
        // mscale_all_dim: 0 is a real DeepSeek value and means "not set" to HF (it tests truthiness).
        if (typeof raw[json] === 'number' && raw[json] !== 0) yarn[field] = positive(raw, json, path);
      }
      if (typeof raw.truncate === 'boolean') yarn.truncate = raw.truncate;
      return yarn;
    }
    case 'llama3':
      return {
        type,
        factor: positive(raw, 'factor', path),
        lowFreqFactor: positive(raw, 'low_freq_factor', path),
        highFreqFactor: positive(raw, 'high_freq_factor', path),
        originalMaxPositionEmbeddings: positive(raw, 'original_max_position_embeddings', path),
      };
    case 'longrope':
    case 'su': {
      // "su" is Phi-3's first name for LongRoPE; transformers reads it as longrope.
      const longrope: RopeScaling = {
        type: 'longrope',
        longFactor: factorList(raw, 'long_factor', path, pairs),
        shortFactor: factorList(raw, 'short_factor', path, pairs),
      };
      const factor = optionalPositive(raw, 'factor', path);
      if (factor !== undefined) longrope.factor = factor;
      const attention = optionalPositive(raw, 'attention_factor', path);
      if (attention !== undefined) longrope.attentionFactor = attention;
      const orig = optionalPositive(raw, 'original_max_position_embeddings', path);
      if (orig !== undefined) longrope.originalMaxPositionEmbeddings = orig;
      return longrope;
    }
    default:
      throw new ConfigError(path + (raw.rope_type !== undefined ? 'rope_type' : 'type'), 'unsupported', type, 'rope-type');
  }
}

/** Layer types a v5 `rope_parameters` may be split by (transformers' `ALLOWED_LAYER_TYPES`). */
const ROPE_LAYER_TYPES = ['full_attention', 'sliding_attention', 'chunked_attention', 'linear_attention'];

/**
 * The layer types a config's v5 `rope_parameters` gives their own settings to, in the order found; empty for a
 * config with one set of settings (v4 keys, or a flat `rope_parameters`).
 *
 * @example
 * ropeLayerTypes({ rope_parameters: { full_attention: { rope_theta: 1e6 }, sliding_attention: { rope_theta: 1e4 } } })
 * // => ['full_attention', 'sliding_attention']
 */
export function ropeLayerTypes(config: unknown): string[] {
  if (!isObject(config)) throw new ConfigError('config', 'not-object', config);
  const inner = isObject(config.text_config) ? config.text_config : config;
  const params = inner.rope_parameters;
  if (!isObject(params)) return [];
  return Object.keys(params).filter((k) => ROPE_LAYER_TYPES.includes(k) && isObject(params[k]));
}

/**
 * The RoPE fields of a Hugging Face config.json (`rope_theta`, `qk_rope_head_dim` (MLA), `head_dim` or `hidden_size /
 * num_attention_heads`, `partial_rotary_factor`, `max_position_embeddings`, `rope_scaling`), looked
 * for inside `text_config` when a multimodal wrapper has one, in either spelling: v4's `rope_theta` + `rope_scaling`
 * or v5's `rope_parameters` (flat, or per layer type: `layerType` picks one, default full attention). Throws
 * `ConfigError` naming the field.
 *
 * @example
 * readRopeConfig({ hidden_size: 4096, num_attention_heads: 32, rope_theta: 500000 }).rotaryDim // => 128
 * readRopeConfig({ hidden_size: 4096, num_attention_heads: 32, rope_parameters: { rope_theta: 500000, rope_type: 'default' } }).base // => 500000
 */
export function readRopeConfig(config: unknown, options: { layerType?: string } = {}): RopeConfig {
  if (!isObject(config)) throw new ConfigError('config', 'not-object', config);
  const inner = isObject(config.text_config) ? config.text_config : config;
  const path = inner === config ? '' : 'text_config.';
  // v5: `rope_parameters`, possibly one object per layer type; v4: `rope_theta` and `rope_scaling` at the top.
  let params: Json | undefined;
  let paramsPath = `${path}rope_parameters`;
  const rawParams = inner.rope_parameters;
  if (rawParams !== undefined && rawParams !== null) {
    if (!isObject(rawParams)) throw new ConfigError(paramsPath, 'not-object', rawParams);
    const byType = ropeLayerTypes(config);
    if (byType.length > 0) {
      const layerType = options.layerType ?? (byType.includes('full_attention') ? 'full_attention' : byType[0]!);
      const chosen = rawParams[layerType];
      if (!isObject(chosen)) throw new ConfigError(`${paramsPath}.${layerType}`, 'missing');
      params = chosen;
      paramsPath = `${paramsPath}.${layerType}`;
    } else params = rawParams;
  }
  const base = (params && optionalPositive(params, 'rope_theta', `${paramsPath}.`)) ?? optionalPositive(inner, 'rope_theta', path) ?? 10_000;
  // MLA (DeepSeek-V2/V3) rotates only a separate qk_rope_head_dim slice of each head.
  let headDim = optionalPositive(inner, 'qk_rope_head_dim', path) ?? optionalPositive(inner, 'head_dim', path);
  if (headDim === undefined) {
    const hidden = positive(inner, 'hidden_size', path);
    const heads = positive(inner, 'num_attention_heads', path);
    headDim = Math.floor(hidden / heads);
  }
  const partial =
    (params && optionalPositive(params, 'partial_rotary_factor', `${paramsPath}.`)) ?? optionalPositive(inner, 'partial_rotary_factor', path) ?? 1;
  const rotaryDim = Math.floor(headDim * partial);
  if (rotaryDim < 2) throw new ConfigError(path + 'head_dim', 'too-large', rotaryDim, 'at least 2 rotary dimensions');
  const rope: RopeConfig = { base, rotaryDim, source: params ? 'rope_parameters' : 'rope_scaling' };
  const max = optionalPositive(inner, 'max_position_embeddings', path);
  if (max !== undefined) rope.maxPositionEmbeddings = max;
  const orig = optionalPositive(inner, 'original_max_position_embeddings', path);
  if (orig !== undefined) rope.originalMaxPositionEmbeddings = orig;
  const scaling = params ? parseRopeScaling(params, rotaryDim / 2, paramsPath) : parseRopeScaling(inner.rope_scaling, rotaryDim / 2, `${path}rope_scaling`);
  if (scaling) rope.scaling = scaling;
  return rope;
}

/**
 * Unscaled RoPE frequencies θ_i = base^(−2i/d) for i = 0 … d/2 − 1, in radians per position
 * (RoFormer §3.2; transformers `_compute_default_rope_parameters`).
 *
 * @example
 * ropeInverseFrequencies({ base: 10000, rotaryDim: 4 }) // => [1, 0.01]
 */
export function ropeInverseFrequencies(rope: Pick<RopeConfig, 'base' | 'rotaryDim'>): number[] {
  const { base, rotaryDim } = rope;
  if (!(base > 1) || !Number.isFinite(base))
    throw new OptionError('base', Number.isFinite(base) ? 'below-min' : 'not-number', base, 1, `expected a number above 1, got ${base}`);
  if (!Number.isInteger(rotaryDim) || rotaryDim < 2)
    throw new OptionError('rotaryDim', Number.isInteger(rotaryDim) ? 'below-min' : 'not-integer', rotaryDim, 2);
  const out: number[] = [];
  for (let j = 0; j < rotaryDim; j += 2) out.push(1 / base ** (j / rotaryDim));
  return out;
}

/** Positions per full turn of each pair: 2π/θ_i. */
export function ropeWavelengths(inverseFrequencies: readonly number[]): number[] {
  return inverseFrequencies.map((f) => (2 * Math.PI) / f);
}

function need(value: number | undefined, field: string): number {
  if (value === undefined) throw new ConfigError(field, 'missing');
  return value;
}

/** YaRN's attention temperature: 0.1·m·ln(s) + 1 for s > 1 (YaRN §3.4; HF `get_mscale`). */
function yarnMscale(scale: number, m = 1): number {
  return scale <= 1 ? 1 : 0.1 * m * Math.log(scale) + 1;
}

/**
 * Frequencies after `rope_scaling`, as transformers computes them when it loads the config.
 * `seqLen` matters only to `dynamic` (the base grows once a sequence passes the window) and to
 * `longrope` (short factors inside the original window, long ones beyond); by default both use the
 * state transformers starts in.
 *
 * - linear: θ_i / factor (position interpolation).
 * - dynamic: base' = base·(factor·L/L₀ − (factor − 1))^(d/(d−2)) once L > L₀, else unchanged.
 * - yarn: pairs that turn more than β_fast times in the original window keep θ_i, pairs that turn less
 *   than β_slow times get θ_i / factor, with a linear ramp between; attention factor 0.1·ln(factor) + 1.
 * - llama3: wavelengths below L₀/high_freq_factor keep θ_i, above L₀/low_freq_factor get θ_i / factor,
 *   smoothly in between.
 * - longrope: θ_i / λ_i with a searched per-pair λ.
 */
export function ropeScaledInverseFrequencies(rope: RopeConfig, options: { seqLen?: number } = {}): ScaledRope {
  const base = ropeInverseFrequencies(rope);
  const scaling = rope.scaling;
  if (!scaling) return { inverseFrequencies: base, attentionFactor: 1 };
  const d = rope.rotaryDim;
  switch (scaling.type) {
    case 'linear':
      return { inverseFrequencies: base.map((f) => f / scaling.factor), attentionFactor: 1 };
    case 'dynamic': {
      const window = need(rope.maxPositionEmbeddings, 'max_position_embeddings');
      const seqLen = options.seqLen !== undefined && options.seqLen > window ? options.seqLen : window;
      const grown = rope.base * ((scaling.factor * seqLen) / window - (scaling.factor - 1)) ** (d / (d - 2));
      return { inverseFrequencies: ropeInverseFrequencies({ base: grown, rotaryDim: d }), attentionFactor: 1 };
    }
    case 'yarn': {
      const original = scaling.originalMaxPositionEmbeddings ?? need(rope.maxPositionEmbeddings, 'max_position_embeddings');
      const factor = scaling.factor;
      const attentionFactor =
        scaling.attentionFactor ??
        (scaling.mscale && scaling.mscaleAllDim ? yarnMscale(factor, scaling.mscale) / yarnMscale(factor, scaling.mscaleAllDim) : yarnMscale(factor));
      const betaFast = scaling.betaFast ?? 32;
      const betaSlow = scaling.betaSlow ?? 1;
      // The rotary dimension at which a pair turns `turns` times over the original window.
      const dimFor = (turns: number) => (d * Math.log(original / (turns * 2 * Math.PI))) / (2 * Math.log(rope.base));
      let low = dimFor(betaFast);
      let high = dimFor(betaSlow);
      if (scaling.truncate ?? true) {
        low = Math.floor(low);
        high = Math.ceil(high);
      }
      low = Math.max(low, 0);
      high = Math.min(high, d - 1);
      if (low === high) high += 0.001;
      const inverseFrequencies = base.map((f, i) => {
        const ramp = Math.min(1, Math.max(0, (i - low) / (high - low)));
        return (f / factor) * ramp + f * (1 - ramp);
      });
      return { inverseFrequencies, attentionFactor };
    }
    case 'llama3': {
      const { factor, lowFreqFactor, highFreqFactor, originalMaxPositionEmbeddings: old } = scaling;
      const lowFreqWavelength = old / lowFreqFactor;
      const highFreqWavelength = old / highFreqFactor;
      const inverseFrequencies = base.map((f) => {
        const wavelength = (2 * Math.PI) / f;
        if (wavelength < highFreqWavelength) return f;
        if (wavelength > lowFreqWavelength) return f / factor;
        const smooth = (old / wavelength - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
        return (1 - smooth) * (f / factor) + smooth * f;
      });
      return { inverseFrequencies, attentionFactor: 1 };
    }
    case 'longrope': {
      const max = need(rope.maxPositionEmbeddings, 'max_position_embeddings');
      let original: number;
      let expanded: number;
      let factor: number;
      const topLevel = rope.originalMaxPositionEmbeddings ?? scaling.originalMaxPositionEmbeddings;
      if (topLevel !== undefined) {
        // Phi-3 keeps the trained window beside the extended one; their ratio is the factor.
        original = topLevel;
        expanded = max;
        factor = expanded / original;
      } else {
        original = max;
        factor = scaling.factor ?? 1;
        expanded = max * factor;
      }
      const attentionFactor = scaling.attentionFactor ?? (factor <= 1 ? 1 : Math.sqrt(1 + Math.log(factor) / Math.log(original)));
      const useLong = options.seqLen !== undefined ? options.seqLen > original : expanded > original;
      const rescale = useLong ? scaling.longFactor : scaling.shortFactor;
      return { inverseFrequencies: base.map((f, i) => f / rescale[i]!), attentionFactor };
    }
  }
}

/** The context windows a config states, as read from its fields. */
export interface RopeWindows {
  /** `max_position_embeddings`: the positions the config says the model serves. */
  maxPositionEmbeddings?: number;
  /** The window the scaling starts from (`original_max_position_embeddings`), when the config names one. */
  originalWindow?: number;
  /** The scaling's `factor` (for Phi-3's LongRoPE, the ratio of the two windows). */
  factor?: number;
}

/**
 * The windows a config states: what it serves and, where `rope_scaling` names it, what it was
 * trained at before the extension.
 *
 * @example
 * ropeWindows(readRopeConfig(llama31_8b.config)) // => { maxPositionEmbeddings: 131072, originalWindow: 8192, factor: 8 }
 */
export function ropeWindows(rope: RopeConfig): RopeWindows {
  const out: RopeWindows = {};
  if (rope.maxPositionEmbeddings !== undefined) out.maxPositionEmbeddings = rope.maxPositionEmbeddings;
  const s = rope.scaling;
  if (!s) return out;
  const original =
    s.type === 'llama3'
      ? s.originalMaxPositionEmbeddings
      : s.type === 'yarn'
        ? s.originalMaxPositionEmbeddings
        : s.type === 'longrope'
          ? (rope.originalMaxPositionEmbeddings ?? s.originalMaxPositionEmbeddings)
          : undefined;
  if (original !== undefined) out.originalWindow = original;
  if (s.type === 'longrope') {
    const f = original !== undefined && rope.maxPositionEmbeddings !== undefined ? rope.maxPositionEmbeddings / original : s.factor;
    if (f !== undefined) out.factor = f;
  } else out.factor = s.factor;
  return out;
}
