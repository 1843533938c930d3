/**
 * Parameter counts from the architecture alone, the way the released checkpoints store them.
 * Matches the official totals of the presets to within 0.2% (tests/unit/lib/param-count.test.ts).
 */
import { bytesPerElement, type Dtype } from './dtype';
import { assertModelSpec, isMoeLayer, type ModelSpec } from './model-spec';
import { isWeightFormat, weightFormatBytes, type WeightFormat } from '../memory/weight-formats';

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
  const weights = h * (qWidth + kWidth + vWidth) + oWidth * h;
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

/**
 * Total parameters: embeddings (and the LM head unless tied), per-layer attention, MLP or experts
 * (every expert counted), norms and biases, learned position tables and BERT's pooler.
 *
 * @example
 * countParams(parseHfConfig(llama2_7bConfig)) // => 6738415616 (Llama-2-7B)
 */
export function countParams(spec: ModelSpec): number {
  assertModelSpec(spec);
  const h = spec.hiddenSize;
  let total = spec.vocabSize * h * (spec.tiedEmbeddings ? 1 : 2);
  total += (spec.learnedPositions ?? 0) * h + (spec.tokenTypes ?? 0) * h;
  const perLayerFixed = attentionParams(spec) + (spec.normsPerLayer ?? 2) * normParams(spec, h);
  const dense = mlpParams(spec, spec.intermediateSize);
  const moe = spec.moe ? moeLayerParams(spec) : 0;
  for (let layer = 0; layer < spec.numLayers; layer++) {
    total += perLayerFixed + (isMoeLayer(spec, layer) ? moe : dense);
  }
  total += (spec.extraNorms ?? 1) * normParams(spec, h);
  if (spec.pooler) total += h * h + h;
  if (spec.headBias) total += spec.vocabSize;
  return total;
}

/**
 * Parameters one token passes through: for a mixture of experts, the routed experts it does not use are
 * left out (shared experts, attention, embeddings and the head stay). Equal to `countParams` for dense models.
 *
 * @example
 * countActiveParams(mixtral8x7b) // => 12879925248 (Mistral: "12.9B active")
 */
export function countActiveParams(spec: ModelSpec): number {
  const total = countParams(spec);
  if (!spec.moe) return total;
  let moeLayers = 0;
  for (let layer = 0; layer < spec.numLayers; layer++) if (isMoeLayer(spec, layer)) moeLayers++;
  const unused = spec.moe.numExperts - spec.moe.expertsPerToken;
  return total - moeLayers * unused * expertParams(spec, spec.moe.expertIntermediateSize);
}

/**
 * Bytes of the weights. With a storage format (`'gptq-int4'`, `'gguf-q4_k_m'`, `'fp8'`…, see weight-formats.ts)
 * the format's real layout: scales, zero points, and the tensors it keeps at higher precision. With a plain
 * element type that is not a format (`'fp32'`, `'int4'`) every parameter at that size, no scales.
 * `'bf16'`/`'fp16'` give the same answer either way.
 *
 * @example
 * weightsBytes(llama3_8b, 'bf16')        // => 16,060,522,496
 * weightsBytes(llama3_8b, 'gguf-q4_k_m') // ≈ 4.92e9
 */
export function weightsBytes(spec: ModelSpec, format: Dtype | WeightFormat): number {
  if (isWeightFormat(format)) return weightFormatBytes(spec, format).total;
  return countParams(spec) * bytesPerElement(format);
}
