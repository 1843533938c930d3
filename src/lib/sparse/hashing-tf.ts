/**
 * Feature hashing as Spark ML's `HashingTF` does it (Spark 3.0+): index = nonNegativeMod(murmur3_x86_32(UTF-8
 * bytes of the term, seed 42), numFeatures), value = the term's count (or 1.0 with `binary`). The output is
 * the same vector Spark builds, so `formatSparse` of it matches Spark's string byte for byte.
 */
import { OptionError } from '../errors';
import { murmur3x86_32 } from './murmur3';
import type { SparseVector } from './sparse-vector';

/** Spark's `HashingTF` seed (`HashingTF.seed = 42`). */
export const SPARK_HASHING_SEED = 42;
/** `pyspark.ml.feature.HashingTF` default numFeatures (2^18); the RDD-based `mllib` default is 2^20. */
export const SPARK_DEFAULT_NUM_FEATURES = 2 ** 18;

const encoder = new TextEncoder();

/** Spark's `Utils.nonNegativeMod`: a Java `%` on a signed int, shifted into [0, mod). */
export function nonNegativeMod(x: number, mod: number): number {
  const raw = x % mod;
  return raw + (raw < 0 ? mod : 0);
}

/**
 * The column Spark's `HashingTF.indexOf(term)` returns.
 *
 * @example sparkHashIndex('b', 10) // => 5 (pyspark doctest)
 */
export function sparkHashIndex(term: string, numFeatures: number): number {
  return nonNegativeMod(murmur3x86_32(encoder.encode(term), SPARK_HASHING_SEED), numFeatures);
}

/**
 * Spark `HashingTF.transform` of one document's terms.
 *
 * @example hashingTF(['a', 'b', 'c'], 10) // => { size: 10, indices: [5, 7, 8], values: [1, 1, 1] }
 */
export function hashingTF(terms: readonly string[], numFeatures: number = SPARK_DEFAULT_NUM_FEATURES, binary = false): SparseVector {
  if (!Number.isSafeInteger(numFeatures) || numFeatures < 1 || numFeatures > 2 ** 31 - 1) {
    throw new OptionError(
      'numFeatures',
      !Number.isInteger(numFeatures) ? 'not-integer' : numFeatures < 1 ? 'below-min' : 'above-max',
      numFeatures,
      Number.isInteger(numFeatures) && numFeatures < 1 ? 1 : 2 ** 31 - 1,
    );
  }
  const counts = new Map<number, number>();
  for (const term of terms) {
    const index = sparkHashIndex(term, numFeatures);
    counts.set(index, binary ? 1 : (counts.get(index) ?? 0) + 1);
  }
  const indices = [...counts.keys()].sort((a, b) => a - b);
  return { size: numFeatures, indices, values: indices.map((i) => counts.get(i)!) };
}
