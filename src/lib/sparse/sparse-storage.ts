/**
 * What a vector costs to store, dense or sparse, and when sparse starts to win.
 *
 * Generic layout: dense = n·b_v bytes; sparse = nnz·(b_i + b_v) bytes (parallel index and value arrays,
 * headers ignored). Break-even density ρ* = b_v / (b_i + b_v). Spark's estimate, from the comment in
 * `ml.linalg.Vectors` (`compressedWithNNZ`): dense 8·n + 8 bytes, sparse 12·nnz + 20 bytes, and
 * `compressed` picks sparse iff 1.5·(nnz + 1) < n.
 */

/** Bytes of one dense vector with `size` entries of `valueBytes` each. */
export function denseBytes(size: number, valueBytes: number): number {
  return size * valueBytes;
}

/** Bytes of one sparse vector: `nnz` (index, value) pairs. */
export function sparseBytes(nnz: number, indexBytes: number, valueBytes: number): number {
  return nnz * (indexBytes + valueBytes);
}

/**
 * Density below which the sparse layout is smaller: ρ* = b_v / (b_i + b_v).
 *
 * @example breakEvenDensity(4, 4) // => 0.5 (int32 indices, float32 values)
 */
export function breakEvenDensity(indexBytes: number, valueBytes: number): number {
  return valueBytes / (indexBytes + valueBytes);
}

/** Spark's size estimate of a `DenseVector`: 8·n + 8 bytes. */
export function sparkDenseBytes(size: number): number {
  return 8 * size + 8;
}

/** Spark's size estimate of a `SparseVector`: 12·nnz + 20 bytes. */
export function sparkSparseBytes(nnz: number): number {
  return 12 * nnz + 20;
}

/**
 * The layout Spark's `Vector.compressed` returns: sparse iff 1.5·(nnz + 1) < size.
 *
 * @example sparkCompressedChoice(4, 3) // => 'dense' (the notes' example: 40 B dense vs 56 B sparse)
 */
export function sparkCompressedChoice(size: number, nnz: number): 'dense' | 'sparse' {
  return 1.5 * (nnz + 1.0) < size ? 'sparse' : 'dense';
}

export interface StorageComparison {
  size: number;
  nnz: number;
  /** nnz / size (0 for an empty vector). */
  density: number;
  denseBytes: number;
  sparseBytes: number;
  breakEvenDensity: number;
  smaller: 'dense' | 'sparse' | 'equal';
  spark: { denseBytes: number; sparseBytes: number; compressed: 'dense' | 'sparse' };
}

/** All storage figures for one vector at the chosen index and value widths (bytes). */
export function compareStorage(size: number, nnz: number, indexBytes: number, valueBytes: number): StorageComparison {
  const dense = denseBytes(size, valueBytes);
  const sparse = sparseBytes(nnz, indexBytes, valueBytes);
  return {
    size,
    nnz,
    density: size === 0 ? 0 : nnz / size,
    denseBytes: dense,
    sparseBytes: sparse,
    breakEvenDensity: breakEvenDensity(indexBytes, valueBytes),
    smaller: dense < sparse ? 'dense' : sparse < dense ? 'sparse' : 'equal',
    spark: { denseBytes: sparkDenseBytes(size), sparseBytes: sparkSparseBytes(nnz), compressed: sparkCompressedChoice(size, nnz) },
  };
}
