/**
 * How a decoder turns one step's logits into the distribution it samples from: penalties, temperature, min-p,
 * top-k and top-p, in the order vLLM's V1 sampler applies them (github.com/vllm-project/vllm,
 * `vllm/v1/sample/sampler.py`: penalties on the raw logits, then temperature, then the "argmax-invariant" processors
 * such as min-p, then top-k/top-p), with the penalties of `vllm/model_executor/layers/utils.py::apply_penalties`.
 * Hugging Face transformers applies its warpers as temperature, top-k, top-p, min-p; the two orders agree except
 * when min-p and top-p are both on.
 *
 * Every function is pure, works on plain arrays (one entry per vocabulary id) and never returns NaN: softmax
 * subtracts the maximum first, and a token filtered out gets probability exactly 0.
 *
 * @example
 * softmax([2, 1, 0])                          // => [0.665…, 0.244…, 0.090…]
 * nextTokenDistribution([2, 1, 0], { topK: 2 }) // => [0.731…, 0.268…, 0]
 */
import { OptionError } from '../errors';
import { validatorFor } from '../validate';

/** Refusal of a sampling option; `field` names it (`temperature`, `topP`, `logits[3]`…). */
export class SamplingOptionError extends OptionError {
  override name = 'SamplingOptionError';
}

const check = validatorFor(SamplingOptionError);

/** A finite number strictly above 0 (and at most `max`): temperatures, top-p, the repetition penalty. */
function positive(field: string, value: unknown, max = Number.MAX_VALUE): number {
  const v = check.number(field, value, { max });
  if (!(v > 0)) throw new SamplingOptionError(field, 'below-min', v, 0, `expected more than 0, got ${String(v)}`);
  return v;
}

/** Largest vocabulary accepted (Gemma 3's is 262,144; ten times that bounds the work of one call). */
export const MAX_VOCABULARY = 1 << 22;

/** OpenAI's and vLLM's range for presence and frequency penalties. */
export const PENALTY_RANGE = { min: -2, max: 2 } as const;

/** Below this temperature vLLM samples greedily (`_SAMPLING_EPS` in `vllm/v1/sample/sampler.py`). */
export const GREEDY_TEMPERATURE = 1e-5;

export interface SamplingOptions {
  /** Divides the logits; 0 (or anything below 1e-5) means greedy. Default 1. */
  temperature?: number;
  /** Keep the k most likely tokens (ties with the k-th kept too); 0 or undefined: off. */
  topK?: number;
  /** Nucleus: keep the smallest set of most likely tokens whose probability reaches p; 1 or undefined: off. */
  topP?: number;
  /** Keep tokens whose probability is at least minP times the largest; 0 or undefined: off. */
  minP?: number;
  /**
   * CTRL's repetition penalty θ as Hugging Face and vLLM apply it to every token already in the prompt or the
   * output: a positive logit is divided by θ, a negative one multiplied. 1 or undefined: off.
   */
  repetitionPenalty?: number;
  /** OpenAI's presence penalty: subtracted once from the logit of every token already in the output. Default 0. */
  presencePenalty?: number;
  /** OpenAI's frequency penalty: subtracted once per earlier occurrence in the output. Default 0. */
  frequencyPenalty?: number;
  /** Token id → times it occurs in the generated output so far (presence, frequency and repetition penalties). */
  outputCounts?: ReadonlyMap<number, number>;
  /** Token ids of the prompt (the repetition penalty only: vLLM applies it to prompt and output tokens). */
  promptTokens?: ReadonlySet<number>;
}

function checkLogits(logits: readonly number[]): void {
  if (!Array.isArray(logits)) throw new SamplingOptionError('logits', 'not-object', logits, undefined, 'expected a list of numbers');
  if (logits.length === 0) throw new SamplingOptionError('logits', 'missing', logits);
  if (logits.length > MAX_VOCABULARY) throw new SamplingOptionError('logits', 'too-large', logits.length, MAX_VOCABULARY);
  let finite = 0;
  for (let i = 0; i < logits.length; i++) {
    const v = logits[i];
    // −∞ is a masked token (a grammar or a ban forbids it); NaN and +∞ are never legitimate logits.
    if (typeof v !== 'number' || Number.isNaN(v) || v === Infinity) throw new SamplingOptionError(`logits[${i}]`, 'not-number', v);
    if (v !== -Infinity) finite++;
  }
  if (finite === 0) throw new SamplingOptionError('logits', 'malformed', 'every logit is −∞', 'at least one finite logit');
}

function checkProbs(probs: readonly number[]): void {
  if (!Array.isArray(probs)) throw new SamplingOptionError('probs', 'not-object', probs, undefined, 'expected a list of numbers');
  if (probs.length === 0) throw new SamplingOptionError('probs', 'missing', probs);
  if (probs.length > MAX_VOCABULARY) throw new SamplingOptionError('probs', 'too-large', probs.length, MAX_VOCABULARY);
  let sum = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    if (typeof p !== 'number' || !Number.isFinite(p) || p < 0) throw new SamplingOptionError(`probs[${i}]`, 'not-number', p);
    sum += p;
  }
  if (!(sum > 0)) throw new SamplingOptionError('probs', 'malformed', sum, 'a positive total');
}

/** Scales a list of non-negative weights to sum to 1 (the callers have checked the total is positive). */
function normalize(weights: number[]): number[] {
  let sum = 0;
  for (const w of weights) sum += w;
  return weights.map((w) => w / sum);
}

/**
 * Softmax of `logits / temperature`, computed stably: the largest logit is subtracted before `exp`, so logits of
 * 1e300 or −1e300 give a distribution, not NaN. `temperature` must be positive (greedy is `greedyToken`).
 */
export function softmax(logits: readonly number[], temperature = 1): number[] {
  checkLogits(logits);
  const t = positive('temperature', temperature);
  let max = -Infinity;
  for (const l of logits) if (l > max) max = l;
  // (l − max)/t rather than l/t − max/t: the difference is ≤ 0 and finite even when l/t overflows.
  return normalize(logits.map((l) => (l === -Infinity ? 0 : Math.exp((l - max) / t))));
}

/** The id greedy decoding picks: the largest logit (the first of equal ones, as `argmax` does). */
export function greedyToken(logits: readonly number[]): number {
  checkLogits(logits);
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i]! > logits[best]!) best = i;
  return best;
}

/** Token ids from most to least likely; equal probabilities keep id order, so results never depend on the sort. */
function rankDescending(probs: readonly number[]): number[] {
  return probs.map((_, i) => i).sort((a, b) => probs[b]! - probs[a]! || a - b);
}

/**
 * Top-k: zero every token less likely than the k-th most likely and renormalize. Tokens tied with the k-th are kept,
 * as in transformers' `TopKLogitsWarper` and vLLM (`logits < kth value` is what gets masked).
 */
export function topKFilter(probs: readonly number[], k: number): number[] {
  checkProbs(probs);
  const kk = check.integer('topK', k, { min: 1 });
  if (kk >= probs.length) return normalize([...probs]);
  const kth = probs[rankDescending(probs)[kk - 1]!]!;
  return normalize(probs.map((p) => (p >= kth ? p : 0)));
}

/**
 * Top-p (nucleus, Holtzman et al. 2020 §3.1): keep the smallest set of most likely tokens whose total probability
 * reaches p, at least one token, and renormalize.
 */
export function topPFilter(probs: readonly number[], p: number): number[] {
  checkProbs(probs);
  const pp = positive('topP', p, 1);
  const total = probs.reduce((a, b) => a + b, 0);
  const keep = new Array<boolean>(probs.length).fill(false);
  let mass = 0;
  for (const id of rankDescending(probs)) {
    keep[id] = true;
    mass += probs[id]! / total;
    // A tiny tolerance: p = 1 must keep every token even when the float sum ends at 0.9999999999999999.
    if (mass >= pp - 1e-12) break;
  }
  return normalize(probs.map((q, i) => (keep[i] ? q : 0)));
}

/**
 * Min-p (Nguyen et al. 2024): keep tokens whose probability is at least `minP` times the most likely token's, and
 * renormalize. The threshold moves with the model's confidence: strict when one token dominates, lenient when many
 * are close.
 */
export function minPFilter(probs: readonly number[], minP: number): number[] {
  checkProbs(probs);
  const m = check.number('minP', minP, { min: 0, max: 1 });
  let top = 0;
  for (const p of probs) if (p > top) top = p;
  return normalize(probs.map((p) => (p >= m * top ? p : 0)));
}

/**
 * Penalties on the raw logits, as vLLM applies them: the repetition penalty θ to every token in the prompt or the
 * output (logit/θ if positive, logit·θ otherwise, which lowers the token either way for θ > 1), then OpenAI's
 * `logit − count·frequency − [count > 0]·presence` for tokens of the output.
 */
export function applyPenalties(
  logits: readonly number[],
  options: Pick<SamplingOptions, 'repetitionPenalty' | 'presencePenalty' | 'frequencyPenalty' | 'outputCounts' | 'promptTokens'>,
): number[] {
  checkLogits(logits);
  const theta = options.repetitionPenalty === undefined ? 1 : positive('repetitionPenalty', options.repetitionPenalty, 100);
  const presence = check.optionalNumber('presencePenalty', options.presencePenalty, 0, PENALTY_RANGE);
  const frequency = check.optionalNumber('frequencyPenalty', options.frequencyPenalty, 0, PENALTY_RANGE);
  const counts = options.outputCounts ?? new Map<number, number>();
  const prompt = options.promptTokens ?? new Set<number>();
  for (const [id, n] of counts) {
    check.integer(`outputCounts[${String(id)}]`, id, { min: 0, max: logits.length - 1 });
    check.integer(`outputCounts[${String(id)}]`, n, { min: 0 });
  }
  for (const id of prompt) check.integer('promptTokens', id, { min: 0, max: logits.length - 1 });
  const out = [...logits];
  for (let i = 0; i < out.length; i++) {
    const n = counts.get(i) ?? 0;
    if (n > 0 || prompt.has(i)) out[i] = out[i]! > 0 ? out[i]! / theta : out[i]! * theta;
    if (n > 0) out[i] = out[i]! - n * frequency - presence;
  }
  return out;
}

/** What each stage of the pipeline did to the distribution, for a figure or a table. */
export interface SamplingStages {
  /** softmax of the raw logits (temperature 1, no penalty, no filter). */
  raw: number[];
  /** After penalties and temperature (or the one-hot greedy choice when temperature is 0). */
  scaled: number[];
  /** The final distribution, after min-p, top-k and top-p. */
  final: number[];
}

/**
 * The distribution the next token is drawn from, stage by stage, in vLLM V1's order: penalties, temperature,
 * min-p, top-k, top-p. Temperature 0 (below 1e-5) is greedy: all the mass on the argmax of the penalized logits.
 */
export function samplingStages(logits: readonly number[], options: SamplingOptions = {}): SamplingStages {
  checkLogits(logits);
  const temperature = check.optionalNumber('temperature', options.temperature, 1, { min: 0, max: 1e6 });
  const topK = check.optionalInteger('topK', options.topK, 0, { min: 0 });
  const topP = options.topP === undefined ? 1 : positive('topP', options.topP, 1);
  const minP = check.optionalNumber('minP', options.minP, 0, { min: 0, max: 1 });
  const raw = softmax(logits);
  const penalized = applyPenalties(logits, options);
  if (temperature < GREEDY_TEMPERATURE) {
    const id = greedyToken(penalized);
    const oneHot = penalized.map((_, i) => (i === id ? 1 : 0));
    return { raw, scaled: oneHot, final: [...oneHot] };
  }
  const scaled = softmax(penalized, temperature);
  let final = scaled;
  if (minP > 0) final = minPFilter(final, minP);
  if (topK > 0) final = topKFilter(final, topK);
  if (topP < 1) final = topPFilter(final, topP);
  return { raw, scaled, final: final === scaled ? [...scaled] : final };
}

/** The final distribution of `samplingStages`. */
export function nextTokenDistribution(logits: readonly number[], options: SamplingOptions = {}): number[] {
  return samplingStages(logits, options).final;
}

/** Shannon entropy in bits: 0 for a one-hot distribution, log2(n) for n equally likely tokens. */
export function entropyBits(probs: readonly number[]): number {
  checkProbs(probs);
  const total = probs.reduce((a, b) => a + b, 0);
  let h = 0;
  for (const q of probs) if (q > 0) h -= (q / total) * Math.log2(q / total);
  return Math.max(0, h);
}

/** How many tokens keep a nonzero probability. */
export function keptTokens(probs: readonly number[]): number {
  checkProbs(probs);
  return probs.reduce((n, p) => n + (p > 0 ? 1 : 0), 0);
}
