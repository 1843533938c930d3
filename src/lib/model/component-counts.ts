/**
 * Parameters and forward FLOPs of a decoder, component by component: embedding, attention projections,
 * attention scores, MLP (gated or plain, dense or mixture of experts), norms and the LM head. The parameters add
 * up exactly to `countParams` (tests/unit/lib/model/component-counts.test.ts checks every preset).
 *
 * FLOPs count one multiply-add as 2 and cover the matrix products only, per token of a forward pass, as in
 * Hoffmann et al. 2022 ("Chinchilla", arXiv 2203.15556, Appendix F) and Kaplan et al. 2020 (arXiv 2001.08361,
 * §2.1, Table 1): a projection with W weights costs 2W; the scores QKᵀ cost 2·n_h·d_k per key attended and the
 * weighted sum of values 2·n_h·d_v per key. Norms, softmax, activations and the embedding lookup are element-wise
 * work that tensor cores do not run; they are left out (a few FLOPs per hidden unit, far below 1 %). Training does
 * a forward and a backward pass, about 3× the forward FLOPs (Kaplan §2.1), hence 6·N per token when the
 * attention scores are small.
 */
import { OptionError } from '../errors';
import { validatorFor } from '../validate';
import { assertModelSpec, hasMlp, isAttentionLayer, isMoeLayer, isRecurrentLayer, type ModelSpec } from './model-spec';
import { recurrentLayerParams, recurrentLinearShapes } from './recurrent';

/** The components, in the order a token meets them. */
export const COMPONENTS = ['embedding', 'attention-projections', 'attention-scores', 'recurrent-mixer', 'mlp', 'norms', 'head'] as const;
export type Component = (typeof COMPONENTS)[number];

export interface ComponentCount {
  component: Component;
  /** Parameters stored (every expert counted). */
  params: number;
  /** Parameters one token's forward pass multiplies by (routed experts it does not use left out). */
  activeParams: number;
  /** Forward matmul FLOPs per token, at the options' context. */
  flopsPerToken: number;
}

export interface ComponentCounts {
  components: ComponentCount[];
  /** Σ params: equal to countParams(spec). */
  params: number;
  /** Σ activeParams: equal to countActiveParams(spec). */
  activeParams: number;
  /** Σ flopsPerToken. */
  flopsPerToken: number;
  /** Keys each query attended to on a global-attention layer (the option, as used). */
  contextTokens: number;
}

export interface ComponentCountOptions {
  /**
   * Keys each query attends to. A decode step after c tokens: c. The mean over a causal training sequence of T
   * tokens: (T + 1) / 2 (`causalMeanKeys`). Sliding-window layers see at most their window.
   */
  contextTokens: number;
}

/** A component-count option out of range. */
export class ComponentCountError extends OptionError {
  override name = 'ComponentCountError';
}

const check = validatorFor(ComponentCountError);

/** Mean keys a query sees under a causal mask over `seqLen` tokens: (T + 1) / 2. */
export function causalMeanKeys(seqLen: number): number {
  return (check.integer('seqLen', seqLen) + 1) / 2;
}

const normWidth = (spec: ModelSpec, width: number) => (spec.norm === 'layernorm' ? 2 * width : width);

/** One MLP of hidden width `inner`: gated (gate, up, down: 3·h·inner) or plain (up, down: 2·h·inner). */
export function mlpWeights(hidden: number, inner: number, gated: boolean): number {
  return (gated ? 3 : 2) * hidden * inner;
}

function mlpBias(spec: ModelSpec, inner: number): number {
  if (!spec.bias.mlp) return 0;
  return (spec.mlp === 'gated' ? 2 * inner : inner) + spec.hiddenSize;
}

/** Weights of the attention projections of one layer (Q, K, V, O; MLA's down and up projections). */
export function attentionProjectionWeights(spec: ModelSpec): number {
  const h = spec.hiddenSize;
  const H = spec.numHeads;
  if (spec.mla) {
    const { kvLoraRank, qLoraRank, qkRopeHeadDim, qkNopeHeadDim, vHeadDim } = spec.mla;
    const qWidth = H * (qkNopeHeadDim + qkRopeHeadDim);
    const q = qLoraRank === null ? h * qWidth : h * qLoraRank + qLoraRank * qWidth;
    return q + h * (kvLoraRank + qkRopeHeadDim) + kvLoraRank * H * (qkNopeHeadDim + vHeadDim) + H * vHeadDim * h;
  }
  const vHead = spec.vHeadDim ?? spec.headDim;
  const q = h * H * spec.headDim;
  const k = h * spec.numKvHeads * spec.headDim;
  const v = h * spec.numKvHeads * vHead;
  const o = H * vHead * h;
  // An output gate (Qwen3-Next's gated attention) is a second query-wide slice of the query projection.
  const gate = spec.attentionOutputGate ? q : 0;
  return q + k + v + o + gate;
}

function attentionProjectionBias(spec: ModelSpec): number {
  if (spec.mla) return 0;
  const vHead = spec.vHeadDim ?? spec.headDim;
  const qkv = spec.bias.qkv ? spec.numHeads * spec.headDim + spec.numKvHeads * (spec.headDim + vHead) : 0;
  return qkv + (spec.bias.o ? spec.hiddenSize : 0);
}

/** Norm weights inside one layer: the block's norms, Q/K norms, MLA's latent norms. */
function blockNormWeights(spec: ModelSpec): number {
  return (spec.normsPerLayer ?? 2) * normWidth(spec, spec.hiddenSize);
}

/** Norms inside an attention mixer: MLA's latent norms, or the per-head / full query and key norms. */
function attentionNormWeights(spec: ModelSpec): number {
  if (spec.mla) return (spec.mla.qLoraRank ?? 0) + spec.mla.kvLoraRank;
  if (spec.qkNorm === 'head') return 2 * spec.headDim;
  if (spec.qkNorm === 'full') return (spec.numHeads + spec.numKvHeads) * spec.headDim;
  return 0;
}

/** Per-key widths of the score and value products of one query head. */
function scoreWidths(spec: ModelSpec): { key: number; value: number } {
  if (spec.mla) return { key: spec.mla.qkNopeHeadDim + spec.mla.qkRopeHeadDim, value: spec.mla.vHeadDim };
  return { key: spec.headDim, value: spec.vHeadDim ?? spec.headDim };
}

interface MlpLayer {
  params: number;
  activeParams: number;
  /** Weights one token multiplies by (biases are additions, not matmul FLOPs). */
  activeWeights: number;
}

function denseMlp(spec: ModelSpec): MlpLayer {
  const w = mlpWeights(spec.hiddenSize, spec.intermediateSize, spec.mlp === 'gated');
  const params = w + mlpBias(spec, spec.intermediateSize);
  return { params, activeParams: params, activeWeights: w };
}

function moeMlp(spec: ModelSpec): MlpLayer {
  const moe = spec.moe!;
  const h = spec.hiddenSize;
  // Experts are gated MLPs without biases, except gpt-oss's per-expert biases (as countParams counts them).
  const expertWeights = (inner: number) => mlpWeights(h, inner, spec.mlp === 'gated');
  const expertParams = (inner: number) => expertWeights(inner) + (moe.expertBias ? 2 * inner + h : 0);
  const sharedInner = moe.sharedExpertIntermediateSize ?? moe.expertIntermediateSize;
  const router = h * moe.numExperts + (moe.routerBias ? moe.numExperts : 0);
  const gate = moe.sharedExpertGate ? h : 0;
  const fixed = moe.sharedExperts * expertParams(sharedInner) + router + gate;
  return {
    params: moe.numExperts * expertParams(moe.expertIntermediateSize) + fixed,
    activeParams: moe.expertsPerToken * expertParams(moe.expertIntermediateSize) + fixed,
    activeWeights: moe.expertsPerToken * expertWeights(moe.expertIntermediateSize) + moe.sharedExperts * expertWeights(sharedInner) + h * moe.numExperts + gate,
  };
}

/**
 * Parameters and forward FLOPs per token of each component of `spec`, with queries attending to
 * `contextTokens` keys.
 *
 * @example
 * const c = componentCounts(llama31_8b, { contextTokens: 4096 });
 * c.params === countParams(llama31_8b)                 // true: 8,030,261,248
 * c.components.find((x) => x.component === 'head')!.flopsPerToken // 2 · 4096 · 128256
 */
export function componentCounts(spec: ModelSpec, options: ComponentCountOptions): ComponentCounts {
  assertModelSpec(spec);
  check.object('options', options);
  const context = check.number('contextTokens', options.contextTokens, { min: 0, max: 1e12 });
  const h = spec.hiddenSize;
  const L = spec.numLayers;

  const embedding = spec.vocabSize * h + (spec.learnedPositions ?? 0) * h + (spec.tokenTypes ?? 0) * h;
  const head = (spec.tiedEmbeddings ? 0 : spec.vocabSize * h) + (spec.headBias ? spec.vocabSize : 0) + (spec.pooler ? h * h + h : 0);

  const projWeights = attentionProjectionWeights(spec);
  const projParams = projWeights + attentionProjectionBias(spec);
  const sinks = spec.attentionSinks ? spec.numHeads : 0;
  const widths = scoreWidths(spec);
  const window = spec.slidingWindow;
  let scoreFlops = 0;
  let mlp = { params: 0, activeParams: 0, flops: 0 };
  const dense = denseMlp(spec);
  const moe = spec.moe ? moeMlp(spec) : undefined;
  // A hybrid's layers mix with attention, with a recurrent block (linear attention, SSM) or with nothing, and some
  // keep no MLP (Nemotron-H): the same per-layer rules as countParams.
  let attentionLayers = 0;
  let recurrentLayers = 0;
  for (let layer = 0; layer < L; layer++) {
    if (isRecurrentLayer(spec, layer)) recurrentLayers++;
    else if (isAttentionLayer(spec, layer)) {
      attentionLayers++;
      const keys = window?.layers[layer] ? Math.min(context, window.window) : context;
      scoreFlops += 2 * spec.numHeads * (widths.key + widths.value) * keys;
    }
    if (!hasMlp(spec, layer)) continue;
    const m = isMoeLayer(spec, layer) ? moe! : dense;
    mlp = { params: mlp.params + m.params, activeParams: mlp.activeParams + m.activeParams, flops: mlp.flops + 2 * m.activeWeights };
  }
  // The recurrent block's projections; its state update (O(heads · d_k · d_v) per token, independent of the
  // context) is small beside them and not counted.
  const recurrentParams = recurrentLayers * recurrentLayerParams(spec);
  const recurrentFlops = 2 * recurrentLayers * recurrentLinearShapes(spec).reduce((sum, x) => sum + x.dIn * x.dOut * x.count, 0);
  const norms = L * blockNormWeights(spec) + attentionLayers * attentionNormWeights(spec) + (spec.extraNorms ?? 1) * normWidth(spec, h);

  const components: ComponentCount[] = [
    { component: 'embedding', params: embedding, activeParams: embedding, flopsPerToken: 0 },
    {
      component: 'attention-projections',
      params: attentionLayers * projParams,
      activeParams: attentionLayers * projParams,
      flopsPerToken: 2 * attentionLayers * projWeights,
    },
    { component: 'attention-scores', params: attentionLayers * sinks, activeParams: attentionLayers * sinks, flopsPerToken: scoreFlops },
    ...(recurrentLayers > 0
      ? [{ component: 'recurrent-mixer' as const, params: recurrentParams, activeParams: recurrentParams, flopsPerToken: recurrentFlops }]
      : []),
    { component: 'mlp', params: mlp.params, activeParams: mlp.activeParams, flopsPerToken: mlp.flops },
    { component: 'norms', params: norms, activeParams: norms, flopsPerToken: 0 },
    // The logits multiply by the output matrix whether or not it is the embedding's.
    { component: 'head', params: head, activeParams: head, flopsPerToken: 2 * spec.vocabSize * h + (spec.pooler ? 2 * h * h : 0) },
  ];
  const sum = (key: 'params' | 'activeParams' | 'flopsPerToken') => components.reduce((s, c) => s + c[key], 0);
  return { components, params: sum('params'), activeParams: sum('activeParams'), flopsPerToken: sum('flopsPerToken'), contextTokens: context };
}

/**
 * Training FLOPs for `tokens` tokens in sequences of `seqLen`: 3 × the forward FLOPs (forward plus a backward
 * pass of twice the cost, Kaplan et al. 2020 §2.1), attention at the causal mean of (T + 1)/2 keys per query.
 * Compare `sixND`, which leaves the attention scores out and counts the embedding table as if it were multiplied.
 */
export function trainingFlops(spec: ModelSpec, options: { seqLen: number; tokens: number }): number {
  const tokens = check.number('tokens', options.tokens, { min: 0 });
  return 3 * componentCounts(spec, { contextTokens: causalMeanKeys(options.seqLen) }).flopsPerToken * tokens;
}

/** The 6·N·D rule of thumb (Kaplan et al. 2020 §2.1): training FLOPs for N parameters on D tokens. */
export function sixND(params: number, tokens: number): number {
  return 6 * check.number('params', params, { min: 0 }) * check.number('tokens', tokens, { min: 0 });
}

/**
 * The context at which the attention scores cost as much as every weight product of a token (the point where
 * 6·N·D undercounts training by half): 2·Σweights = score FLOPs per key × keys.
 */
export function attentionParityContext(spec: ModelSpec): number {
  const c = componentCounts(spec, { contextTokens: 1 });
  const perKey = c.components.find((x) => x.component === 'attention-scores')!.flopsPerToken;
  const weights = c.flopsPerToken - perKey;
  return weights / perKey;
}
