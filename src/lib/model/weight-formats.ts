/**
 * Bytes of a model's weights in the formats people actually serve: 16-bit, 8-bit, 4-bit GPTQ/AWQ, bitsandbytes
 * NF4, the FP4 block formats (MXFP4, NVFP4) and llama.cpp's GGUF mixtures — each with the tensors it keeps at
 * higher precision. A storage format is a property of the model, so this sits in `model/` under the parameter
 * counts it builds on; how a tensor-parallel rank holds the bytes is memory/weight-formats.ts.
 *
 * GGUF block sizes are ggml's block structs (`GGML_TYPES`, quant-formats.ts). Which tensor gets which type is
 * `llama_tensor_get_type_impl` in src/llama-quant.cpp: the output head goes to Q6_K (Q8_0 stays Q8_0), attn_v and
 * ffn_down of Q4_K_M/Q5_K_M go to Q6_K on the layers `use_more_bits` picks, Q3_K_M and Q2_K raise attn_v,
 * attn_output and ffn_down, 8-expert models keep attn_k/attn_v at Q8_0; norms and the MoE router are never
 * quantized (`tensor_allows_quantization`), and a tensor whose row length is not a multiple of the block falls
 * back (`tensor_type_fallback`).
 */
import { bytesPerElement, type Dtype } from './dtype';
import { isMoeLayer, type ModelSpec } from './model-spec';
import { countParams } from './param-count';
import { layerLinearShapes } from './linear-shapes';
import {
  GGML_TYPES,
  MXFP4_BLOCK,
  groupQuantBitsPerWeight,
  NF4_DOUBLE_QUANT_BITS,
  NVFP4_BLOCK,
  QuantFormatError,
  WEIGHT_FORMATS,
  isWeightFormat,
  type GgmlType,
  type WeightFormat,
} from './quant-formats';

export { GGML_TYPES, ggmlBitsPerWeight, WEIGHT_FORMATS, isWeightFormat, type GgmlType, type WeightFormat } from './quant-formats';

/** `tensor_type_fallback`: a type for rows whose length is not a multiple of the block. */
const FALLBACK: Partial<Record<GgmlType, GgmlType>> = { Q2_K: 'Q4_0', Q3_K: 'Q4_0', Q4_K: 'Q5_0', Q5_K: 'Q5_1', Q6_K: 'Q8_0' };

/** The roles llama-quant.cpp tells apart, plus the pieces no format quantizes. */
export type TensorRole =
  'token_embd' | 'output' | 'attn_q' | 'attn_k' | 'attn_v' | 'attn_output' | 'ffn_gate' | 'ffn_up' | 'ffn_down' | 'other_linear' | 'router' | 'small';

/** How a tensor is laid out under tensor parallelism (vLLM's Column/RowParallelLinear, VocabParallelEmbedding). */
export type TensorSplit = 'column' | 'row' | 'vocab' | 'replicated';

export interface WeightTensor {
  role: TensorRole;
  /** Layer index, or null outside the blocks. */
  layer: number | null;
  /** Row length (ggml ne[0], the input width of a linear). */
  dIn: number;
  dOut: number;
  /** Copies of this shape (experts). */
  count: number;
  /** Whether it belongs to a routed expert (only the active ones are read per token). */
  routedExpert: boolean;
  split: TensorSplit;
}

function params(t: WeightTensor): number {
  return t.dIn * t.dOut * t.count;
}

/**
 * Every weight tensor of the model with its role, shape and TP split; what `countParams` counts, grouped as the
 * quantizers see it. Norms, biases, position tables and the like are one 'small' entry (never quantized).
 */
export function weightTensors(spec: ModelSpec): readonly WeightTensor[] {
  const cached = tensorCache.get(spec);
  if (cached) return cached;
  const built = buildWeightTensors(spec);
  tensorCache.set(spec, built);
  return built;
}

// A planner redraws on every keystroke and asks for the same model's sizes many times (one per batch size in the
// speed chart); specs are treated as immutable values, so results are cached per spec object.
const tensorCache = new WeakMap<ModelSpec, readonly WeightTensor[]>();
const bytesCache = new WeakMap<ModelSpec, Map<WeightFormat, FormatBytes>>();

function buildWeightTensors(spec: ModelSpec): readonly WeightTensor[] {
  const h = spec.hiddenSize;
  const out: WeightTensor[] = [];
  out.push({ role: 'token_embd', layer: null, dIn: h, dOut: spec.vocabSize, count: 1, routedExpert: false, split: 'vocab' });
  if (!spec.tiedEmbeddings) out.push({ role: 'output', layer: null, dIn: h, dOut: spec.vocabSize, count: 1, routedExpert: false, split: 'vocab' });
  for (let layer = 0; layer < spec.numLayers; layer++) {
    const moe = isMoeLayer(spec, layer) ? spec.moe : undefined;
    let qSeen = 0;
    // layerLinearShapes lists a MoE layer's MLP as one set of (gate,) up, down for the routed experts, with the
    // shared experts either folded into its count (same width) or as a second set of their own width.
    let mlpSet = -1;
    for (const s of layerLinearShapes(spec, layer)) {
      const base = { layer, dIn: s.dIn, dOut: s.dOut };
      if (s.target === null) {
        // A recurrent mixer's projections (recurrent.ts): quantized like any linear, split as vLLM splits them.
        out.push({ ...base, role: 'other_linear', count: s.count, routedExpert: false, split: s.parallel ?? 'column' });
        continue;
      }
      switch (s.target) {
        case 'q':
          // MLA's q_a/q_b and kv_a are named attn_q_a, attn_q_b, attn_kv_a_mqa in GGUF: not attn_q/attn_k.
          out.push({
            ...base,
            role: spec.mla ? 'other_linear' : 'attn_q',
            count: 1,
            routedExpert: false,
            split: spec.mla && qSeen === 0 && spec.mla.qLoraRank ? 'replicated' : 'column',
          });
          qSeen++;
          break;
        case 'k':
          out.push({ ...base, role: spec.mla ? 'other_linear' : 'attn_k', count: 1, routedExpert: false, split: spec.mla ? 'replicated' : 'column' });
          break;
        case 'v':
          // MLA's kv_b (attn_kv_b) counts as attn_v for the quantizer (`category_is_attn_v`).
          out.push({ ...base, role: 'attn_v', count: 1, routedExpert: false, split: 'column' });
          break;
        case 'o':
          out.push({ ...base, role: 'attn_output', count: 1, routedExpert: false, split: 'row' });
          break;
        default: {
          const role = s.target === 'gate' ? 'ffn_gate' : s.target === 'up' ? 'ffn_up' : 'ffn_down';
          if (s.target === (spec.mlp === 'gated' ? 'gate' : 'up')) mlpSet++;
          const split: TensorSplit = role === 'ffn_down' ? 'row' : 'column';
          if (!moe) {
            out.push({ ...base, role, count: s.count, routedExpert: false, split });
          } else if (mlpSet === 0) {
            out.push({ ...base, role, count: moe.numExperts, routedExpert: true, split });
            const sharedHere = s.count - moe.numExperts;
            if (sharedHere > 0) out.push({ ...base, role, count: sharedHere, routedExpert: false, split });
          } else {
            out.push({ ...base, role, count: s.count, routedExpert: false, split });
          }
        }
      }
    }
    if (moe) out.push({ role: 'router', layer, dIn: h, dOut: moe.numExperts, count: 1, routedExpert: false, split: 'replicated' });
  }
  const listed = out.reduce((sum, t) => sum + params(t), 0);
  const rest = countParams(spec) - listed;
  if (rest > 0) out.push({ role: 'small', layer: null, dIn: rest, dOut: 1, count: 1, routedExpert: false, split: 'replicated' });
  return Object.freeze(out.map((t) => Object.freeze(t)));
}

interface GgufMixture {
  base: GgmlType;
  ftype: 'Q8_0' | 'Q6_K' | 'Q5_K_M' | 'Q4_K_M' | 'Q4_0' | 'Q3_K_M' | 'Q2_K';
}

const GGUF: Record<string, GgufMixture> = {
  'gguf-q8_0': { base: 'Q8_0', ftype: 'Q8_0' },
  'gguf-q6_k': { base: 'Q6_K', ftype: 'Q6_K' },
  'gguf-q5_k_m': { base: 'Q5_K', ftype: 'Q5_K_M' },
  'gguf-q4_k_m': { base: 'Q4_K', ftype: 'Q4_K_M' },
  'gguf-q4_0': { base: 'Q4_0', ftype: 'Q4_0' },
  'gguf-q3_k_m': { base: 'Q3_K', ftype: 'Q3_K_M' },
  'gguf-q2_k': { base: 'Q2_K', ftype: 'Q2_K' },
};

/** llama-quant.cpp's `use_more_bits`: the first and last eighth of the layers, and every third in between. */
export function wantsMoreBits(i: number, n: number): boolean {
  return i < Math.trunc(n / 8) || i >= Math.trunc((7 * n) / 8) || (i - Math.trunc(n / 8)) % 3 === 2;
}

/**
 * The ggml type llama.cpp's quantizer gives a tensor in a mixture (the rules of `llama_tensor_get_type_impl` for
 * the seven mixtures offered, without an imatrix and without the 70B-only attn_v bump, which needs the model's
 * size class). `vIndex` is the running count of attn_v-like tensors, as the quantizer keeps it.
 */
export function ggufTensorType(spec: ModelSpec, mixture: GgufMixture, t: WeightTensor, vIndex: number): GgmlType {
  const { base, ftype } = mixture;
  if (t.role === 'router' || t.role === 'small') return 'F32';
  // gpt-oss's experts arrive in the GGUF already as MXFP4, and llama-quantize will not requantize a quantized
  // tensor unless told to (`requantizing from type mxfp4 is disabled` without --allow-requantize, src/llama-quant.cpp),
  // so every published mixture keeps them: unsloth's gpt-oss-20b Q4_K_M is 11.67 GB, not the 15.8 GB a requantized
  // one would be.
  if (t.routedExpert && spec.expertFormat === 'mxfp4') return 'MXFP4';
  const n = spec.numLayers;
  const gqa = spec.mla ? 1 : spec.numHeads / spec.numKvHeads;
  const eightExperts = spec.moe?.numExperts === 8;
  let type: GgmlType = base;
  if (t.role === 'output' || (t.role === 'token_embd' && spec.tiedEmbeddings)) {
    type = base === 'Q8_0' ? 'Q8_0' : 'Q6_K';
    if (t.dIn % GGML_TYPES[base].blockWeights !== 0) type = 'Q8_0';
    return fallback(type, t.dIn);
  }
  if (t.role === 'token_embd') return fallback(base, t.dIn);
  if (t.role === 'attn_v') {
    if (ftype === 'Q2_K') type = gqa >= 4 ? 'Q4_K' : 'Q3_K';
    else if (ftype === 'Q3_K_M') type = vIndex < 2 ? 'Q5_K' : 'Q4_K';
    else if ((ftype === 'Q4_K_M' || ftype === 'Q5_K_M') && wantsMoreBits(vIndex, n)) type = 'Q6_K';
    if (eightExperts) type = 'Q8_0';
  } else if (t.role === 'attn_k') {
    if (eightExperts) type = 'Q8_0';
  } else if (t.role === 'ffn_down') {
    const i = t.layer ?? 0;
    if (ftype === 'Q2_K') type = 'Q3_K';
    else if (ftype === 'Q3_K_M') type = i < Math.trunc(n / 16) ? 'Q5_K' : 'Q4_K';
    else if (ftype === 'Q4_K_M' && wantsMoreBits(i, n)) type = 'Q6_K';
    else if (ftype === 'Q5_K_M' && wantsMoreBits(i, n)) type = 'Q6_K';
  } else if (t.role === 'attn_output') {
    if (eightExperts) {
      if (ftype === 'Q2_K' || ftype === 'Q3_K_M' || ftype === 'Q4_K_M') type = 'Q5_K';
    } else if (ftype === 'Q2_K') type = 'Q3_K';
    else if (ftype === 'Q3_K_M') type = 'Q4_K';
  }
  return fallback(type, t.dIn);
}

function fallback(type: GgmlType, rowLength: number): GgmlType {
  if (rowLength % GGML_TYPES[type].blockWeights === 0) return type;
  const next = FALLBACK[type];
  if (next && rowLength % GGML_TYPES[next].blockWeights === 0) return next;
  return 'F16';
}

/** GPTQ/AWQ group size: one fp16 scale and one 4-bit zero point per 128 inputs of each output channel. */
export const INT4_GROUP_SIZE = 128;
/** GPTQ/AWQ per-group overhead: an fp16 scale (`scales`) and a 4-bit zero point packed eight to an int32 (`qzeros`). */
const INT4_SCALE_BITS = 16;
const INT4_ZERO_BITS = 4;

/**
 * Bits a GPTQ/AWQ int4 checkpoint spends per linear weight, as the serving planner counts it: 4-bit codes plus the
 * per-group scale and packed zero point. GPTQ's `g_idx` (one int32 per input row) comes on top.
 *
 * @example
 * gptqAwqBitsPerWeight() // => 4.15625 (4 + 20/128)
 */
export function gptqAwqBitsPerWeight(): number {
  return groupQuantBitsPerWeight({ bits: 4, groupSize: INT4_GROUP_SIZE, scaleBits: INT4_SCALE_BITS, zeroBits: INT4_ZERO_BITS });
}

/**
 * Bytes one tensor takes in `format`.
 * - bf16/fp16: 2 B per weight.
 * - fp8, int8 (llm-compressor W8A8 / FP8 checkpoints): linears at 1 B plus an fp32 scale per output channel;
 *   embeddings, head, router and norms stay 16-bit.
 * - gptq-int4, awq-int4: 4 bits + per group of 128 an fp16 scale and a packed 4-bit zero (4.15625 bits); GPTQ
 *   also stores `g_idx`, one int32 per input row. Embeddings, head, router stay 16-bit.
 * - nf4: bitsandbytes with double quantization, NF4_DOUBLE_QUANT_BITS per linear weight (QLoRA §3); the rest 16-bit.
 * - mxfp4: 17 bytes per 32 weights along each row (OCP MX); a model whose checkpoint ships MXFP4 experts (gpt-oss)
 *   keeps everything else 16-bit, as its `modules_to_not_convert` says, and other models get every linear layer in
 *   MXFP4. Rows not a multiple of 32 stay 16-bit.
 * - nvfp4: 9 bytes per 16 weights plus an FP32 weight scale and an FP32 input scale per matrix (ModelOpt's NVFP4
 *   checkpoints: `weight_scale`, `weight_scale_2`, `input_scale`); embeddings and the head stay 16-bit.
 */
function tensorBytes(spec: ModelSpec, format: WeightFormat, t: WeightTensor, vIndex: number): number {
  const n = params(t);
  const linear = t.role !== 'token_embd' && t.role !== 'output' && t.role !== 'router' && t.role !== 'small';
  const mixture = GGUF[format];
  if (mixture) {
    const type = ggufTensorType(spec, mixture, t, vIndex);
    const g = GGML_TYPES[type];
    return (n / g.blockWeights) * g.blockBytes;
  }
  if (format === 'mxfp4') {
    const quantized = spec.expertFormat === 'mxfp4' ? t.routedExpert : linear;
    return quantized && t.dIn % MXFP4_BLOCK.weights === 0 ? (n / MXFP4_BLOCK.weights) * MXFP4_BLOCK.bytes : 2 * n;
  }
  if (format === 'nvfp4') {
    if (!linear || t.dIn % NVFP4_BLOCK.weights !== 0) return 2 * n;
    return (n / NVFP4_BLOCK.weights) * NVFP4_BLOCK.bytes + 8 * t.count;
  }
  if (!linear || format === 'bf16' || format === 'fp16') return 2 * n;
  switch (format) {
    case 'fp8':
    case 'int8':
      return n + 4 * t.dOut * t.count;
    case 'gptq-int4':
    case 'awq-int4': {
      const groups = Math.ceil(t.dIn / INT4_GROUP_SIZE) * t.dOut * t.count;
      const gIdx = format === 'gptq-int4' ? 4 * t.dIn * t.count : 0;
      return n / 2 + (groups * (INT4_SCALE_BITS + INT4_ZERO_BITS)) / 8 + gIdx;
    }
    case 'nf4':
      return (n * NF4_DOUBLE_QUANT_BITS) / 8;
    default:
      return 2 * n;
  }
}

export interface FormatBytes {
  total: number;
  /** Bytes of the routed experts (all of them); a token reads `expertsPerToken / numExperts` of this. */
  routedExperts: number;
  /** Bytes of the input embedding and output head. */
  embeddings: number;
  /** Bytes per tensor, in `weightTensors` order. */
  readonly tensors: readonly number[];
}

/**
 * Bytes of every weight of `spec` stored as `format`, with the pieces the serving planner splits differently.
 *
 * @example
 * weightFormatBytes(llama3_8b, 'gguf-q4_k_m').total // ≈ 4.92e9 (bartowski's Q4_K_M: 4.92 GB)
 */
export function weightFormatBytes(spec: ModelSpec, format: WeightFormat): FormatBytes {
  if (!isWeightFormat(format)) throw new QuantFormatError('weights', 'not-one-of', format, WEIGHT_FORMATS.join(', '));
  let byFormat = bytesCache.get(spec);
  if (!byFormat) bytesCache.set(spec, (byFormat = new Map()));
  const hit = byFormat.get(format);
  if (hit) return hit;
  const computed = computeFormatBytes(spec, format);
  byFormat.set(format, computed);
  return computed;
}

function computeFormatBytes(spec: ModelSpec, format: WeightFormat): FormatBytes {
  let vIndex = 0;
  let total = 0;
  let routedExperts = 0;
  let embeddings = 0;
  const tensors: number[] = [];
  for (const t of weightTensors(spec)) {
    const bytes = tensorBytes(spec, format, t, vIndex);
    if (t.role === 'attn_v') vIndex++;
    tensors.push(bytes);
    total += bytes;
    if (t.routedExpert) routedExperts += bytes;
    if (t.role === 'token_embd' || t.role === 'output') embeddings += bytes;
  }
  return Object.freeze({ total, routedExperts, embeddings, tensors: Object.freeze(tensors) as number[] });
}

/**
 * Bytes of the weights. With a storage format (`'gptq-int4'`, `'gguf-q4_k_m'`, `'mxfp4'`…, `WEIGHT_FORMATS`) the
 * format's real layout: scales, zero points, and the tensors it keeps at higher precision. With a plain element
 * type that is not a format (`'fp32'`, `'int4'`) every parameter at that size, no scales. `'bf16'`/`'fp16'` give the
 * same answer either way.
 *
 * @example
 * weightsBytes(llama3_8b, 'bf16')        // => 16,060,522,496
 * weightsBytes(llama3_8b, 'gguf-q4_k_m') // ≈ 4.92e9
 * weightsBytes(gptOss20b, 'mxfp4')       // ≈ 13.76e9 (experts in MXFP4, the rest bf16, as released)
 */
export function weightsBytes(spec: ModelSpec, format: Dtype | WeightFormat): number {
  if (isWeightFormat(format)) return weightFormatBytes(spec, format).total;
  return countParams(spec) * bytesPerElement(format);
}
