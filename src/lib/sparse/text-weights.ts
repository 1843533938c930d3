/**
 * Term weights for sparse text vectors: TF-IDF in Spark's and scikit-learn's conventions, and BM25.
 *
 * - Spark ML `IDF`: idf(t) = ln((m + 1) / (df(t) + 1)), natural log, no "+1" outside; tfidf = tf · idf. A term
 *   in every document gets idf 0 (explicit zeros are kept in Spark's output).
 * - scikit-learn `TfidfTransformer(smooth_idf=True)`: idf(t) = ln((1 + n) / (1 + df(t))) + 1, rows L2-normalised.
 * - BM25 (Robertson & Zaragoza 2009, eq. 3.15): w(t, d) = idf(t) · tf·(k1 + 1) / (tf + k1·(1 − b + b·|d|/avgdl)),
 *   with Lucene's idf ln(1 + (N − df + 0.5)/(df + 0.5)), which never goes negative, or Robertson's original
 *   ln((N − df + 0.5)/(df + 0.5)) (negative for terms in more than half the documents).
 */
import { SparseFormatError, validateSparse, type SparseVector } from './sparse-vector';

export type TfIdfVariant = 'spark' | 'sklearn';
export type Bm25IdfVariant = 'lucene' | 'robertson';

export interface Bm25Params {
  /** Term-frequency saturation; typical 1.2–2.0. */
  k1: number;
  /** Length normalisation, 0 (none) … 1 (full); typical 0.75. */
  b: number;
  idf?: Bm25IdfVariant;
}

export const DEFAULT_BM25: Required<Bm25Params> = { k1: 1.2, b: 0.75, idf: 'lucene' };

/** Spark's idf for a term found in `df` of `m` documents. @example sparkIdf(3, 1) // => ln 2 */
export function sparkIdf(m: number, df: number): number {
  return Math.log((m + 1) / (df + 1));
}

/** scikit-learn's smoothed idf. @example sklearnSmoothIdf(6, 6) // => 1 */
export function sklearnSmoothIdf(n: number, df: number): number {
  return Math.log((1 + n) / (1 + df)) + 1;
}

/** BM25 idf in the chosen variant. */
export function bm25Idf(n: number, df: number, variant: Bm25IdfVariant = 'lucene'): number {
  const ratio = (n - df + 0.5) / (df + 0.5);
  return variant === 'lucene' ? Math.log(1 + ratio) : Math.log(ratio);
}

/** BM25's saturated term frequency: tf·(k1 + 1) / (tf + k1·(1 − b + b·dl/avgdl)). */
export function bm25Tf(tf: number, docLength: number, avgDocLength: number, k1: number, b: number): number {
  const norm = avgDocLength > 0 ? 1 - b + (b * docLength) / avgDocLength : 1;
  return (tf * (k1 + 1)) / (tf + k1 * norm);
}

/**
 * TF-IDF weights of one document's term counts. `df` gives each term's document frequency in a corpus of
 * `n` documents (terms the corpus never saw have df 0). The sklearn variant is L2-normalised, as its default.
 */
export function tfidfWeights(
  counts: ReadonlyMap<string, number>,
  df: (term: string) => number,
  n: number,
  variant: TfIdfVariant = 'spark',
): Map<string, number> {
  const weights = new Map<string, number>();
  for (const [term, tf] of counts) {
    const idf = variant === 'spark' ? sparkIdf(n, df(term)) : sklearnSmoothIdf(n, df(term));
    weights.set(term, tf * idf);
  }
  if (variant === 'sklearn') {
    const norm = Math.hypot(...weights.values());
    if (norm > 0) for (const [term, w] of weights) weights.set(term, w / norm);
  }
  return weights;
}

/**
 * BM25 weights of one text's terms against a corpus of `n` documents with average length `avgDocLength`:
 * the vector a BM25 index stores for it. A query's score against a document is Σ over query terms of
 * the document's weight for the term (times how often the query repeats it).
 */
export function bm25Weights(
  counts: ReadonlyMap<string, number>,
  df: (term: string) => number,
  n: number,
  avgDocLength: number,
  params: Bm25Params = DEFAULT_BM25,
): Map<string, number> {
  let docLength = 0;
  for (const tf of counts.values()) docLength += tf;
  const weights = new Map<string, number>();
  for (const [term, tf] of counts) {
    weights.set(term, bm25Idf(n, df(term), params.idf) * bm25Tf(tf, docLength, avgDocLength, params.k1, params.b));
  }
  return weights;
}

/** Largest feature space `sparkIdfFit` allocates an idf array for (Spark ML's HashingTF default is 2^18). */
export const MAX_IDF_SIZE = 1 << 22;
/** Most documents `sparkIdfFit` reads at once. */
export const MAX_IDF_DOCS = 100_000;

/**
 * Spark `IDF.fit` on term-frequency vectors: document frequency counts entries with value > 0; terms seen in
 * fewer than `minDocFreq` documents get idf 0.
 */
export function sparkIdfFit(docs: readonly SparseVector[], minDocFreq = 0): number[] {
  if (!Array.isArray(docs as unknown)) throw new SparseFormatError('syntax', 'expected a list of term-frequency vectors');
  if (docs.length > MAX_IDF_DOCS) throw new SparseFormatError('too-large', `${docs.length} documents is above the cap of ${MAX_IDF_DOCS}`);
  if (typeof minDocFreq !== 'number' || !Number.isInteger(minDocFreq) || minDocFreq < 0) {
    throw new SparseFormatError('syntax', `minDocFreq must be a whole number of at least 0, got ${String(minDocFreq)}`);
  }
  const size = docs[0]?.size ?? 0;
  // The result has one idf per feature, so the size is bounded like a dense vector (2^31 − 1 took 11.7 s at 5e7).
  if (size > MAX_IDF_SIZE) throw new SparseFormatError('too-large', `size ${size} is above the ${MAX_IDF_SIZE} features we fit an idf for`);
  docs.forEach((doc) => {
    validateSparse(doc);
    if (doc.size !== size) throw new SparseFormatError('size', `every document must have size ${size}, got ${doc.size}`);
  });
  const df = new Array<number>(size).fill(0);
  for (const doc of docs) doc.indices.forEach((index, k) => doc.values[k]! > 0 && df[index]!++);
  return df.map((d) => (d >= minDocFreq ? sparkIdf(docs.length, d) : 0));
}

/** Spark `IDFModel.transform`: multiplies each stored value by its idf, keeping explicit zeros. */
export function sparkIdfTransform(v: SparseVector, idf: readonly number[]): SparseVector {
  validateSparse(v);
  if (!Array.isArray(idf) || idf.length !== v.size)
    throw new SparseFormatError('size', `expected ${v.size} idf values, got ${Array.isArray(idf) ? idf.length : 'none'}`);
  return { size: v.size, indices: [...v.indices], values: v.values.map((value, k) => value * idf[v.indices[k]!]!) };
}
