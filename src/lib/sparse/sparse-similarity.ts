/**
 * Dot product and cosine of sparse vectors by merging their sorted index lists: O(nnz_u + nnz_v) steps
 * instead of O(n) for dense arrays.
 */
import { OptionError } from '../errors';
import type { SparseVector } from './sparse-vector';

/** Σ u_i·v_i over indices both store. Sizes must match. */
export function sparseDot(u: SparseVector, v: SparseVector): number {
  if (u.size !== v.size) throw new OptionError('size', 'requires', v.size, u.size, `sizes differ (${u.size} vs ${v.size})`);
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < u.indices.length && j < v.indices.length) {
    const a = u.indices[i]!;
    const b = v.indices[j]!;
    if (a === b) sum += u.values[i++]! * v.values[j++]!;
    else if (a < b) i++;
    else j++;
  }
  return sum;
}

/** Euclidean length, scaled to avoid overflow for huge values. */
export function sparseNorm(v: SparseVector): number {
  let scale = 0;
  for (const x of v.values) scale = Math.max(scale, Math.abs(x));
  if (scale === 0) return 0;
  let sum = 0;
  for (const x of v.values) sum += (x / scale) ** 2;
  return scale * Math.sqrt(sum);
}

/**
 * cos(u, v) = u·v / (‖u‖‖v‖); 0 when either vector is all zeros (no direction to compare).
 *
 * @example sparseCosine({size:3,indices:[0],values:[2]}, {size:3,indices:[0,1],values:[1,1]}) // => 1/√2
 */
export function sparseCosine(u: SparseVector, v: SparseVector): number {
  const nu = sparseNorm(u);
  const nv = sparseNorm(v);
  if (nu === 0 || nv === 0) return 0;
  // Divide before multiplying so huge values do not overflow to Infinity.
  const scaled = sparseDot(
    { size: u.size, indices: u.indices, values: u.values.map((x) => x / nu) },
    { size: v.size, indices: v.indices, values: v.values.map((x) => x / nv) },
  );
  return Math.max(-1, Math.min(1, scaled));
}

/** Indices both vectors store with non-zero values. */
export function sharedIndices(u: SparseVector, v: SparseVector): number[] {
  const shared: number[] = [];
  let i = 0;
  let j = 0;
  while (i < u.indices.length && j < v.indices.length) {
    const a = u.indices[i]!;
    const b = v.indices[j]!;
    if (a === b) {
      if (u.values[i] !== 0 && v.values[j] !== 0) shared.push(a);
      i++;
      j++;
    } else if (a < b) i++;
    else j++;
  }
  return shared;
}
