/**
 * Parameter counts from the architecture alone, the way the released checkpoints store them.
 * Matches the official totals of the presets to within 0.2% (tests/unit/lib/param-count.test.ts).
 * Bytes of the weights in a storage format (`weightsBytes`) are weight-formats.ts, which builds on these counts.
 */
import { assertModelSpec, hasMlp, isAttentionLayer, isMoeLayer, isRecurrentLayer, type ModelSpec } from './model-spec';
import { recurrentLayerParams } from './recurrent';
import { check } from '../validate';

function normParams(spec: ModelSpec, width: number): number {
  return spec.norm === 'layernorm' ? 2 * width : width;
}

/** One dense MLP of hidden width `inner`: gated (SwiGLU: gate, up, down) or plain (up, down). */
function mlpParams(spec: ModelSpec, inner: number): number {
  const h = spec.hiddenSize;
  if (spec.mlp === 'gated') return 3 * h * inner + (spec.bias.mlp ? 2 * inner + h : 0);
  return 2 * h * inner + (spec.bias.mlp ? inner + h : 0);
}

/**
 * Attention projections of one layer. GQA/MQA shrink only W_K and W_V (n_kv·d_h columns each).
 * MLA (DeepSeek-V2 §2.1.2–2.1.3): W^DQ, W^UQ/W^QR, W^DKV + W^KR, W^UK/W^UV, W^O, plus the RMSNorms
 * on the two latents.
 */
function attentionParams(spec: ModelSpec): number {
  const h = spec.hiddenSize;
  const H = spec.numHeads;
  if (spec.mla) {
    const { kvLoraRank, qLoraRank, qkRopeHeadDim, qkNopeHeadDim, vHeadDim } = spec.mla;
    const qWidth = H * (qkNopeHeadDim + qkRopeHeadDim);
    const q = qLoraRank === null ? h * qWidth : h * qLoraRank + qLoraRank + qLoraRank * qWidth;
    const kvDown = h * (kvLoraRank + qkRopeHeadDim) + kvLoraRank;
    const kvUp = kvLoraRank * H * (qkNopeHeadDim + vHeadDim);
    return q + kvDown + kvUp + H * vHeadDim * h;
  }
  const qWidth = H * spec.headDim;
  const kWidth = spec.numKvHeads * spec.headDim;
  const vWidth = spec.numKvHeads * (spec.vHeadDim ?? spec.headDim);
  const oWidth = H * (spec.vHeadDim ?? spec.headDim);
  // An output gate (Qwen3-Next's gated attention) is a second query-wide slice of the query projection.
  const gate = spec.attentionOutputGate ? h * qWidth : 0;
  const weights = h * (qWidth + kWidth + vWidth) + oWidth * h + gate;
  const bias = (spec.bias.qkv ? qWidth + kWidth + vWidth : 0) + (spec.bias.o ? h : 0);
  const qkNorm = spec.qkNorm === 'head' ? 2 * spec.headDim : spec.qkNorm === 'full' ? qWidth + kWidth : 0;
  return weights + bias + qkNorm + (spec.attentionSinks ? H : 0);
}

/** One expert's MLP: a gated MLP, with gpt-oss's per-expert biases when the spec says so. */
function expertParams(spec: ModelSpec, inner: number): number {
  const base = mlpParams({ ...spec, bias: { ...spec.bias, mlp: false } }, inner);
  return base + (spec.moe?.expertBias ? 2 * inner + spec.hiddenSize : 0);
}

function moeLayerParams(spec: ModelSpec): number {
  const moe = spec.moe!;
  const routed = moe.numExperts * expertParams(spec, moe.expertIntermediateSize);
  const shared = moe.sharedExperts * expertParams(spec, moe.sharedExpertIntermediateSize ?? moe.expertIntermediateSize);
  const gate = moe.sharedExpertGate ? spec.hiddenSize : 0;
  const router = spec.hiddenSize * moe.numExperts + (moe.routerBias ? moe.numExperts : 0);
  return routed + shared + gate + router;
}

/** Parameters of one layer: its mixer (attention, a recurrent block or none), norms and feed-forward block. */
function layerParams(spec: ModelSpec, layer: number, parts: { attention: number; recurrent: number; norms: number; dense: number; moe: number }): number {
  const mixer = isRecurrentLayer(spec, layer) ? parts.recurrent : isAttentionLayer(spec, layer) ? parts.attention : 0;
  const ffn = !hasMlp(spec, layer) ? 0 : isMoeLayer(spec, layer) ? parts.moe : parts.dense;
  return mixer + parts.norms + ffn;
}

function parts(spec: ModelSpec) {
  return {
    attention: attentionParams(spec),
    recurrent: recurrentLayerParams(spec),
    norms: (spec.normsPerLayer ?? 2) * normParams(spec, spec.hiddenSize),
    dense: mlpParams(spec, spec.intermediateSize),
    moe: spec.moe ? moeLayerParams(spec) : 0,
  };
}

/**
 * Parameters of the input lookup tables: the token embedding and any learned position or token-type table. They
 * do no arithmetic per token, which is why some vendors leave them out of "active" (the LM head, a matmul every
 * token passes through, stays in).
 */
export function inputEmbeddingParams(spec: ModelSpec): number {
  assertModelSpec(spec);
  return (spec.vocabSize + (spec.learnedPositions ?? 0) + (spec.tokenTypes ?? 0)) * spec.hiddenSize;
}

/**
 * Total parameters: embeddings (and the LM head unless tied), per-layer mixer (attention or a hybrid's recurrent
 * block), MLP or experts (every expert counted), norms and biases, learned position tables and BERT's pooler. A
 * vision tower (`spec.visionTower`) is not included: it is counted apart.
 *
 * @example
 * countParams(parseHfConfig(llama2_7bConfig)) // => 6738415616 (Llama-2-7B)
 */
export function countParams(spec: ModelSpec): number {
  assertModelSpec(spec);
  const h = spec.hiddenSize;
  let total = spec.vocabSize * h * (spec.tiedEmbeddings ? 1 : 2);
  total += (spec.learnedPositions ?? 0) * h + (spec.tokenTypes ?? 0) * h;
  const p = parts(spec);
  for (let layer = 0; layer < spec.numLayers; layer++) total += layerParams(spec, layer, p);
  total += (spec.extraNorms ?? 1) * normParams(spec, h);
  if (spec.pooler) total += h * h + h;
  if (spec.headBias) total += spec.vocabSize;
  return total;
}

/** How a published "active parameters" figure is counted. */
export interface ActiveParamsOptions {
  /**
   * Whether the input embedding tables count as active. Default true: Qwen, DeepSeek, Kimi and Mistral publish that
   * way (Mixtral's "12.9B active"). False leaves the token embedding out and keeps the LM head, as OpenAI counts:
   * gpt-oss-20b's 3.61B active = 2.39B of experts + 0.64B of attention + 0.58B of unembedding (gpt-oss model card,
   * Table 1, arXiv 2508.10925).
   */
  embeddings?: boolean;
}

/**
 * Parameters one token passes through: for a mixture of experts, the routed experts it does not use are
 * left out (shared experts, attention, embeddings and the head stay). Equal to `countParams` for dense models,
 * minus the embeddings when `{ embeddings: false }`.
 *
 * @example
 * countActiveParams(mixtral8x7b)                        // => 12879925248 (Mistral: "12.9B active")
 * countActiveParams(gptOss20b, { embeddings: false })   // ≈ 3.61e9 (OpenAI: "3.6B active")
 */
export function countActiveParams(spec: ModelSpec, options: ActiveParamsOptions = {}): number {
  check.object('options', options);
  const withEmbeddings = check.flag('embeddings', options.embeddings, true);
  const total = countParams(spec);
  const embeddings = withEmbeddings ? 0 : inputEmbeddingParams(spec);
  if (!spec.moe) return total - embeddings;
  let moeLayers = 0;
  for (let layer = 0; layer < spec.numLayers; layer++) if (isMoeLayer(spec, layer)) moeLayers++;
  const unused = spec.moe.numExperts - spec.moe.expertsPerToken;
  return total - embeddings - moeLayers * unused * expertParams(spec, spec.moe.expertIntermediateSize);
}
