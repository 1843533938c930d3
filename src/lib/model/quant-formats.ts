/**
 * Bits per weight of block-quantized formats: the quantized values plus the scales (and minimums)
 * stored beside them. A "4-bit" format never costs exactly 4 bits per weight.
 */

/**
 * Bits per weight of a format that stores `bits`-bit codes with one scale of `scaleBits` (and, for
 * asymmetric formats, one zero point or minimum of `zeroBits`) per group of `groupSize` weights.
 *
 * @example
 * groupQuantBitsPerWeight({ bits: 4, groupSize: 64, scaleBits: 32 }) // => 4.5 (NF4 without double quantization)
 */
export function groupQuantBitsPerWeight(format: { bits: number; groupSize: number; scaleBits: number; zeroBits?: number }): number {
  const { bits, groupSize, scaleBits, zeroBits = 0 } = format;
  for (const [name, v] of Object.entries({ bits, groupSize, scaleBits, zeroBits })) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`${name}: expected a non-negative number, got ${v}`);
  }
  if (!(groupSize >= 1)) throw new RangeError(`groupSize: expected at least 1, got ${groupSize}`);
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

/**
 * Block layouts of llama.cpp's quantization types, from the structs in `ggml/src/ggml-common.h`
 * (each has a `static_assert` on its size). QK_K = 256 weights per k-quant super-block; ggml_half
 * is 2 bytes.
 */
export const GGUF_BLOCKS = {
  // ggml_half d; uint8_t qs[16]
  Q4_0: { weights: 32, bytes: 2 + 16 },
  // ggml_half d; int8_t qs[32]
  Q8_0: { weights: 32, bytes: 2 + 32 },
  // scales[QK_K/16], qs[QK_K/4], d, dmin
  Q2_K: { weights: 256, bytes: 256 / 16 + 256 / 4 + 2 * 2 },
  // hmask[QK_K/8], qs[QK_K/4], scales[12], d
  Q3_K: { weights: 256, bytes: 256 / 8 + 256 / 4 + 12 + 2 },
  // d, dmin, scales[12], qs[QK_K/2]
  Q4_K: { weights: 256, bytes: 2 * 2 + 12 + 256 / 2 },
  // d, dmin, scales[12], qh[QK_K/8], qs[QK_K/2]
  Q5_K: { weights: 256, bytes: 2 * 2 + 12 + 256 / 8 + 256 / 2 },
  // ql[QK_K/2], qh[QK_K/4], scales[QK_K/16], d
  Q6_K: { weights: 256, bytes: 256 / 2 + 256 / 4 + 256 / 16 + 2 },
} as const satisfies Record<string, GgufBlock>;

export type GgufType = keyof typeof GGUF_BLOCKS;

/** Bits per weight of a GGUF type: 8 × bytes per block / weights per block. @example ggufBitsPerWeight('Q4_K') // => 4.5 */
export function ggufBitsPerWeight(type: GgufType): number {
  const block: GgufBlock | undefined = GGUF_BLOCKS[type];
  if (!block) throw new RangeError(`type: expected one of ${Object.keys(GGUF_BLOCKS).join(', ')}, got ${String(type)}`);
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
  if (!Number.isInteger(bits) || bits < 2 || bits > 16) throw new RangeError(`bits: expected a whole number from 2 to 16, got ${bits}`);
  if (values.length === 0 || values.some((v) => !Number.isFinite(v))) throw new RangeError('values: expected at least one finite number');
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
