/**
 * The numbers of a BM25 worked example: a few short documents and a query, scored with the core's tokenizer and
 * BM25 (src/lib/sparse/text-weights.ts), every intermediate kept so the page can print it.
 */
import { DEFAULT_BM25, bm25Idf, bm25Tf, countTerms, tokenize } from '~/lib';

export interface Bm25ExampleDoc {
  text: string;
  tokens: string[];
  length: number;
  /** Per query term: its count in the document. */
  tf: number[];
  /** Per query term: the saturated, length-normalized term frequency tf·(k1+1)/(tf + k1·(1−b+b·|d|/avgdl)). */
  tfPart: number[];
  /** Per query term: idf × tfPart. */
  contribution: number[];
  score: number;
  /** 1 for the best score. Ties share a rank. */
  rank: number;
}

export interface Bm25Example {
  queryTerms: string[];
  n: number;
  avgdl: number;
  k1: number;
  b: number;
  /** Per query term: documents containing it. */
  df: number[];
  /** Per query term: Lucene's idf ln(1 + (N − df + 0.5)/(df + 0.5)), the one used for the scores. */
  idf: number[];
  /** Per query term: Robertson's original idf ln((N − df + 0.5)/(df + 0.5)), negative when df > N/2. */
  idfRobertson: number[];
  docs: Bm25ExampleDoc[];
}

/**
 * @example bm25Example(['LoRA trains very few parameters', 'Quantization saves memory'], 'parameters memory').docs[0].tf
 * // => [1, 0]
 */
export function bm25Example(texts: readonly string[], query: string): Bm25Example {
  const { k1, b } = DEFAULT_BM25;
  const tokens = texts.map((t) => tokenize(t));
  const counts = tokens.map(countTerms);
  const queryTerms = [...countTerms(tokenize(query)).keys()];
  const n = texts.length;
  const avgdl = tokens.reduce((sum, t) => sum + t.length, 0) / n;
  const df = queryTerms.map((term) => counts.filter((c) => c.has(term)).length);
  const idf = df.map((d) => bm25Idf(n, d, 'lucene'));
  const idfRobertson = df.map((d) => bm25Idf(n, d, 'robertson'));
  const docs = texts.map((text, i) => {
    const tf = queryTerms.map((term) => counts[i]!.get(term) ?? 0);
    const tfPart = tf.map((f) => bm25Tf(f, tokens[i]!.length, avgdl, k1, b));
    const contribution = tfPart.map((part, j) => idf[j]! * part);
    return { text, tokens: tokens[i]!, length: tokens[i]!.length, tf, tfPart, contribution, score: contribution.reduce((s, c) => s + c, 0), rank: 0 };
  });
  for (const d of docs) d.rank = 1 + docs.filter((o) => o.score > d.score).length;
  return { queryTerms, n, avgdl, k1, b, df, idf, idfRobertson, docs };
}
