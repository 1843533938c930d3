/**
 * Bits per weight of block-quantized formats: the quantized values plus the scales (and minimums)
 * stored beside them. A "4-bit" format never costs exactly 4 bits per weight. Also the one table of ggml's block
 * types and the list of weight storage formats the calculators offer (their byte rules are weight-formats.ts).
 */
import { OptionError, type OptionReason } from '../errors';
import { validatorFor } from '../validate';

/** A quantization parameter out of range (`bits`, `groupSize`, `type`, `values`). */
export class QuantFormatError extends OptionError {
  override name = 'QuantFormatError';
  constructor(field: string, reason: OptionReason, got?: unknown, limit?: number | string, detail?: string) {
    super(field, reason, got, limit, detail);
  }
}

// Pure: a page that imports this module only for its constants (the format list) does not pull the validators in.
const check = /* @__PURE__ */ validatorFor(QuantFormatError);

/**
 * The weight storage formats the calculators offer: 16-bit, 8-bit, 4-bit GPTQ/AWQ, bitsandbytes NF4, the two FP4
 * block formats (OCP MXFP4, NVIDIA NVFP4) and seven llama.cpp GGUF mixtures.
 */
export const WEIGHT_FORMATS = [
  'bf16',
  'fp16',
  'fp8',
  'int8',
  'gptq-int4',
  'awq-int4',
  'nf4',
  'mxfp4',
  'nvfp4',
  'gguf-q8_0',
  'gguf-q6_k',
  'gguf-q5_k_m',
  'gguf-q4_k_m',
  'gguf-q4_0',
  'gguf-q3_k_m',
  'gguf-q2_k',
] as const;
export type WeightFormat = (typeof WEIGHT_FORMATS)[number];

export function isWeightFormat(value: unknown): value is WeightFormat {
  return typeof value === 'string' && (WEIGHT_FORMATS as readonly string[]).includes(value);
}

/**
 * ggml's tensor types: bytes per block and weights per block, from the block structs of ggml/src/ggml-common.h in
 * ggml-org/llama.cpp (each has a `static_assert` on its size; QK_K = 256, ggml_half = 2 bytes):
 * block_q8_0 = d + qs[32] = 34 B, block_q5_1 = d, m, qh[4], qs[16] = 24 B, block_q5_0 = d, qh[4], qs[16] = 22 B,
 * block_q4_0 = d + qs[16] = 18 B, block_q6_K = ql[128], qh[64], scales[16], d = 210 B, block_q5_K = d, dmin,
 * scales[12], qh[32], qs[128] = 176 B, block_q4_K = d, dmin, scales[12], qs[128] = 144 B, block_q3_K = hmask[32],
 * qs[64], scales[12], d = 110 B, block_q2_K = scales[16], qs[64], d, dmin = 84 B, and block_mxfp4 = e (one E8M0
 * exponent) + qs[16] (32 E2M1 nibbles) = 17 B, the OCP MX layout.
 */
export const GGML_TYPES = {
  F32: { blockBytes: 4, blockWeights: 1 },
  F16: { blockBytes: 2, blockWeights: 1 },
  Q8_0: { blockBytes: 2 + 32, blockWeights: 32 },
  Q5_1: { blockBytes: 2 + 2 + 4 + 16, blockWeights: 32 },
  Q5_0: { blockBytes: 2 + 4 + 16, blockWeights: 32 },
  Q4_0: { blockBytes: 2 + 16, blockWeights: 32 },
  Q6_K: { blockBytes: 256 / 2 + 256 / 4 + 256 / 16 + 2, blockWeights: 256 },
  Q5_K: { blockBytes: 2 * 2 + 12 + 256 / 8 + 256 / 2, blockWeights: 256 },
  Q4_K: { blockBytes: 2 * 2 + 12 + 256 / 2, blockWeights: 256 },
  Q3_K: { blockBytes: 256 / 8 + 256 / 4 + 12 + 2, blockWeights: 256 },
  Q2_K: { blockBytes: 256 / 16 + 256 / 4 + 2 * 2, blockWeights: 256 },
  MXFP4: { blockBytes: 1 + 16, blockWeights: 32 },
} as const satisfies Record<string, { blockBytes: number; blockWeights: number }>;
export type GgmlType = keyof typeof GGML_TYPES;

/** Bits per weight of a ggml type. @example ggmlBitsPerWeight('Q4_K') // => 4.5 */
export function ggmlBitsPerWeight(type: GgmlType): number {
  const t = GGML_TYPES[check.oneOf('type', type, Object.keys(GGML_TYPES) as GgmlType[])];
  return (t.blockBytes * 8) / t.blockWeights;
}

/**
 * OCP Microscaling (MX) v1.0, MXFP4: blocks of 32 FP4 (E2M1) elements sharing one 8-bit power-of-two scale (E8M0):
 * 4 + 8/32 = 4.25 bits per weight (OCP Microscaling Formats (MX) v1.0 Specification, §5, Table 1). gpt-oss's
 * checkpoints store their experts this way (`*_blocks` of 16 bytes and `*_scales` of 1 byte per 32 weights).
 */
export const MXFP4_BLOCK = { weights: 32, bytes: 17 } as const;

/**
 * NVIDIA NVFP4: blocks of 16 FP4 (E2M1) elements sharing one FP8 (E4M3) scale, and one FP32 scale per tensor:
 * 4 + 8/16 = 4.5 bits per weight plus 4 bytes per tensor (NVIDIA, "Introducing NVFP4 for Efficient and Accurate
 * Low-Precision Inference", 2025). ModelOpt checkpoints also keep an FP32 input scale per linear layer.
 */
export const NVFP4_BLOCK = { weights: 16, bytes: 9 } as const;

/**
 * Bits per weight of a format that stores `bits`-bit codes with one scale of `scaleBits` (and, for
 * asymmetric formats, one zero point or minimum of `zeroBits`) per group of `groupSize` weights.
 *
 * @example
 * groupQuantBitsPerWeight({ bits: 4, groupSize: 64, scaleBits: 32 }) // => 4.5 (NF4 without double quantization)
 */
export function groupQuantBitsPerWeight(format: { bits: number; groupSize: number; scaleBits: number; zeroBits?: number }): number {
  check.object('format', format);
  const { bits, scaleBits, zeroBits = 0 } = format;
  for (const [name, v] of Object.entries({ bits, scaleBits, zeroBits })) check.number(name, v, { min: 0 });
  const groupSize = check.number('groupSize', format.groupSize, { min: 1 });
  return bits + (scaleBits + zeroBits) / groupSize;
}

/**
 * QLoRA's NF4 with double quantization (Dettmers et al. 2023, §3): 4-bit codes, an 8-bit absmax per
 * block of 64 weights, and one 32-bit constant per block of 256 of those absmax values.
 *
 * @example
 * nf4DoubleQuantBitsPerWeight() // => 4.127 (to 3 decimals)
 */
export function nf4DoubleQuantBitsPerWeight(blockSize = 64, secondBlockSize = 256): number {
  return 4 + 8 / blockSize + 32 / (blockSize * secondBlockSize);
}

/** A GGUF block layout: bytes one block takes and how many weights it holds. */
export interface GgufBlock {
  weights: number;
  bytes: number;
}

type QuantizedGgmlType = Exclude<GgmlType, 'F32' | 'F16'>;

/** The quantized types of `GGML_TYPES`, as `{ weights, bytes }` per block (the same table, another shape). */
export const GGUF_BLOCKS = Object.freeze(
  Object.fromEntries(
    Object.entries(GGML_TYPES)
      .filter(([name]) => name !== 'F32' && name !== 'F16')
      .map(([name, t]) => [name, Object.freeze({ weights: t.blockWeights, bytes: t.blockBytes })]),
  ) as Record<QuantizedGgmlType, GgufBlock>,
);

export type GgufType = keyof typeof GGUF_BLOCKS;

/** Bits per weight of a GGUF type: 8 × bytes per block / weights per block. @example ggufBitsPerWeight('Q4_K') // => 4.5 */
export function ggufBitsPerWeight(type: GgufType): number {
  const block = GGUF_BLOCKS[check.oneOf('type', type, Object.keys(GGUF_BLOCKS) as GgufType[])];
  return (8 * block.bytes) / block.weights;
}

/** Integer codes and the parameters that map them back to real numbers: x ≈ scale · (q − zeroPoint). */
export interface QuantizedGroup {
  codes: number[];
  scale: number;
  zeroPoint: number;
  /** scale · (q − zeroPoint) for every code. */
  dequantized: number[];
}

function checkValues(values: readonly number[], bits: number): void {
  check.integer('bits', bits, { min: 2, max: 16 });
  if (!Array.isArray(values)) throw new QuantFormatError('values', 'malformed', values, 'a list of finite numbers');
  if (values.length === 0) throw new QuantFormatError('values', 'missing', values);
  values.forEach((v, i) => check.number(`values[${i}]`, v));
}

/**
 * Symmetric (absmax) quantization: scale = max|x| / (2^(b−1) − 1), q = round(x / scale), zero point 0
 * (LLM.int8() §2).
 *
 * @example
 * absmaxQuantize([0.5, -1.2, 3.1, -0.4], 8).codes // => [20, -49, 127, -16]
 */
export function absmaxQuantize(values: readonly number[], bits: number): QuantizedGroup {
  checkValues(values, bits);
  const qmax = 2 ** (bits - 1) - 1;
  const absmax = Math.max(...values.map(Math.abs));
  const scale = absmax === 0 ? 1 : absmax / qmax;
  // Divide by absmax before multiplying by qmax: for subnormal inputs absmax / qmax underflows to 0.
  const codes = values.map((v) => (absmax === 0 ? 0 : Math.round((v / absmax) * qmax)));
  return { codes, scale, zeroPoint: 0, dequantized: codes.map((q) => q * scale) };
}

/**
 * Asymmetric (zero-point) quantization onto 0 … 2^b − 1: scale = (max − min) / (2^b − 1),
 * zeroPoint = round(−min / scale), q = round(x / scale) + zeroPoint, clamped to the range.
 *
 * @example
 * zeroPointQuantize([0.5, -1.2, 3.1, -0.4], 8).zeroPoint // => 71
 */
export function zeroPointQuantize(values: readonly number[], bits: number): QuantizedGroup {
  checkValues(values, bits);
  const qmax = 2 ** bits - 1;
  const min = Math.min(...values, 0);
  const max = Math.max(...values, 0);
  const range = max - min;
  const scale = range === 0 ? 1 : range / qmax;
  // Work in fractions of the range so subnormal or huge inputs neither underflow nor overflow the scale.
  const zeroPoint = range === 0 ? 0 : Math.round((-min / range) * qmax);
  const codes = values.map((v) => (range === 0 ? 0 : Math.min(qmax, Math.max(0, Math.round((v / range) * qmax) + zeroPoint))));
  return { codes, scale, zeroPoint, dequantized: codes.map((q) => scale * (q - zeroPoint)) };
}

/**
 * NF4 with double quantization (QLoRA §3): 4 bits per weight, an 8-bit absmax per block of 64, and one
 * fp32 constant per 256 of those: 4 + 8/64 + 32/(64·256) = 4.126953125 bits.
 */
export const NF4_DOUBLE_QUANT_BITS = 4 + 8 / 64 + 32 / (64 * 256);
