/**
 * RoPE's wavelengths: plane i of a head of size d rotates by θ_i = b^(−2i/d) radians per position (Su et al.,
 * RoFormer §3.2.2), so it completes a full turn every λ_i = 2π·b^(2i/d) positions.
 *
 * @example
 * ropeWavelengths(10_000, 128)[0] // => 2π ≈ 6.28 tokens; the last plane's is ≈ 54,000 tokens
 */
export function ropeWavelengths(base: number, headDim: number): number[] {
  if (!(base > 1) || !Number.isInteger(headDim) || headDim < 2 || headDim % 2 !== 0) {
    throw new RangeError(`ropeWavelengths: need base > 1 and an even head size, got ${base}, ${headDim}`);
  }
  return Array.from({ length: headDim / 2 }, (_, i) => 2 * Math.PI * base ** ((2 * i) / headDim));
}

/** How many planes never complete one turn within `window` positions: the angles training never shows them. */
export function planesBeyond(wavelengths: readonly number[], window: number): number {
  return wavelengths.filter((lambda) => lambda > window).length;
}
