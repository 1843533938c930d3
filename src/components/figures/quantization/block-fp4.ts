/**
 * Block-scaled 4-bit floating point, as the quantization page's figure draws it. Elements are FP4 E2M1 (values
 * ±{0, 0.5, 1, 1.5, 2, 3, 4, 6}); blocks share one scale:
 * - MXFP4 (OCP Microscaling Formats v1.0, §5–6): 32 elements, an 8-bit power-of-two scale (E8M0) equal to
 *   2^(floor(log2(max|v|)) − 2), 2 being E2M1's largest exponent; elements beyond 6 after scaling saturate to ±6.
 * - NVFP4 (NVIDIA's Blackwell format): 16 elements, an FP8 E4M3 scale per block and a second, per-tensor FP32 scale
 *   chosen so the largest block scale lands near E4M3's maximum 448 (max|tensor| / (6·448)); without it, the block
 *   scales of small weights would fall into E4M3's coarse subnormals.
 * Pure functions for the figure; the site's core gets its own formats from src/lib/model.
 */

/** The non-negative FP4 E2M1 values. */
export const E2M1 = [0, 0.5, 1, 1.5, 2, 3, 4, 6] as const;

/** Nearest E2M1 value (ties to the one with an even code, i.e. the lower index here), with saturation at ±6. */
export function toE2M1(x: number): number {
  const a = Math.min(Math.abs(x), 6);
  let best = 0;
  for (let i = 1; i < E2M1.length; i++) if (Math.abs(E2M1[i]! - a) < Math.abs(E2M1[best]! - a)) best = i;
  return Math.sign(x) * E2M1[best]!;
}

/** Nearest FP8 E4M3 value for a positive number (normals 2^-6…448 with 3 mantissa bits, subnormals in steps of 2^-9). */
export function toE4M3(x: number): number {
  if (!(x > 0)) return 0;
  if (x >= 448) return 448;
  const e = Math.max(Math.floor(Math.log2(x)), -6);
  const step = 2 ** (e - 3);
  return Math.round(x / step) * step;
}

export interface QuantizedBlock {
  scale: number;
  values: number[];
}

/** One MXFP4 block (up to 32 values): power-of-two scale from the block maximum, E2M1 elements. */
export function mxfp4(block: readonly number[]): QuantizedBlock {
  const amax = Math.max(...block.map(Math.abs));
  const scale = amax === 0 ? 1 : 2 ** (Math.floor(Math.log2(amax)) - 2);
  return { scale, values: block.map((v) => toE2M1(v / scale) * scale) };
}

/** The per-tensor FP32 scale of NVFP4: the tensor's max|v| over 6 · 448. */
export function nvfp4TensorScale(tensor: readonly number[]): number {
  const amax = Math.max(...tensor.map(Math.abs));
  return amax === 0 ? 1 : amax / (6 * 448);
}

/** One NVFP4 block (up to 16 values): E4M3 block scale max|v| / 6 / tensorScale, E2M1 elements. */
export function nvfp4(block: readonly number[], tensorScale = nvfp4TensorScale(block)): QuantizedBlock {
  const amax = Math.max(...block.map(Math.abs));
  const scale = amax === 0 ? tensorScale : toE4M3(amax / 6 / tensorScale) * tensorScale;
  return { scale, values: block.map((v) => toE2M1(v / scale) * scale) };
}

/** Root-mean-square error between two equal-length lists. */
export function rmsError(a: readonly number[], b: readonly number[]): number {
  return Math.sqrt(a.reduce((s, x, i) => s + (x - b[i]!) ** 2, 0) / a.length);
}

/** 32 illustrative weights of one row (scale about 0.02, one outlier at index 20). */
export const EXAMPLE_WEIGHTS = [
  0.012, -0.031, 0.005, 0.021, -0.008, 0.044, -0.017, 0.002, 0.027, -0.012, 0.009, -0.038, 0.015, 0.001, -0.022, 0.033, -0.006, 0.018, -0.027, 0.011, 0.071,
  -0.014, 0.004, 0.024, -0.019, 0.007, -0.003, 0.029, -0.035, 0.013, -0.009, 0.016,
];
