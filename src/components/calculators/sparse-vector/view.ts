/**
 * The text tab's view: glue between the tab and the core: one sentence → tokens, term weights under the chosen model, its
 * sparse vector (vocabulary positions or Spark HashingTF buckets) and the best sections of the corpus.
 * Pure (no DOM) so the benchmark can time exactly what a keystroke costs.
 */
import { countTerms, tokenize } from '~/lib/text/tokenize';
import { bm25Weights, tfidfWeights, type Bm25Params } from '~/lib/sparse/text-weights';
import { rankSections, type Corpus, type RankModel, type SectionMatch } from '~/lib/sparse/corpus-index';
import { sparkHashIndex } from '~/lib/sparse/hashing-tf';
import type { SparseVector } from '~/lib/sparse/sparse-vector';

export interface EncodeOptions {
  model: RankModel;
  indexing: 'vocab' | 'hash';
  numFeatures: number;
  removeStopWords: boolean;
  bm25: Bm25Params;
  topK?: number;
}

export interface TermRow {
  term: string;
  tf: number;
  /** Vocabulary position or hash bucket; undefined when the term is outside the vocabulary. */
  index?: number;
  df: number;
  weight: number;
}

export interface Encoded {
  tokens: string[];
  rows: TermRow[];
  vector: SparseVector;
  /** Buckets that more than one term hashed into. */
  collisions: number;
  matches: SectionMatch[];
  weights: Map<string, number>;
  length: number;
}

/** Whether the model can run without the corpus (only BoW with hashing can). */
export function needsCorpus(options: Pick<EncodeOptions, 'model' | 'indexing'>): boolean {
  return options.model !== 'bow' || options.indexing === 'vocab';
}

/** Term weights of a text's counts under the model, against the corpus (if any). */
export function weigh(counts: Map<string, number>, corpus: Corpus | null, options: EncodeOptions): Map<string, number> {
  if (options.model === 'bow' || !corpus) return new Map(counts);
  const df = (term: string) => {
    const index = corpus.termIndex.get(term);
    return index === undefined ? 0 : corpus.df[index]!;
  };
  const n = corpus.sections.length;
  return options.model === 'tfidf' ? tfidfWeights(counts, df, n, 'spark') : bm25Weights(counts, df, n, corpus.avgLength, options.bm25);
}

/** Encodes one sentence; throws `TextTooLongError` over the cap. */
export function encodeText(text: string, corpus: Corpus | null, options: EncodeOptions): Encoded {
  const tokens = tokenize(text, { removeStopWords: options.removeStopWords });
  const counts = countTerms(tokens);
  const weights = weigh(counts, corpus, options);
  const rows: TermRow[] = [...counts].map(([term, tf]) => {
    const vocabIndex = corpus?.termIndex.get(term);
    const index = options.indexing === 'hash' ? sparkHashIndex(term, options.numFeatures) : vocabIndex;
    return { term, tf, index, df: vocabIndex === undefined ? 0 : corpus!.df[vocabIndex]!, weight: weights.get(term)! };
  });
  const buckets = new Map<number, number>();
  const used = new Map<number, number>();
  for (const row of rows) {
    if (row.index === undefined) continue;
    buckets.set(row.index, (buckets.get(row.index) ?? 0) + row.weight);
    used.set(row.index, (used.get(row.index) ?? 0) + 1);
  }
  const indices = [...buckets.keys()].sort((a, b) => a - b);
  const size = options.indexing === 'hash' ? options.numFeatures : (corpus?.terms.length ?? 0);
  let collisions = 0;
  for (const c of used.values()) if (c > 1) collisions++;
  const matches = corpus ? rankSections(corpus, counts, { model: options.model, tfidf: 'spark', bm25: options.bm25, topK: options.topK ?? 5 }) : [];
  return {
    tokens,
    rows,
    vector: { size, indices, values: indices.map((i) => buckets.get(i)!) },
    collisions,
    matches,
    weights,
    length: tokens.length,
  };
}

/** Cosine of two term-weight maps, and the terms they share (both non-zero). */
export function compareWeights(
  a: Map<string, number>,
  b: Map<string, number>,
): { dot: number; normA: number; normB: number; cosine: number; shared: string[] } {
  let dot = 0;
  const shared: string[] = [];
  for (const [term, w] of a) {
    const other = b.get(term);
    if (other !== undefined && other !== 0 && w !== 0) {
      dot += w * other;
      shared.push(term);
    }
  }
  const normA = Math.hypot(...a.values());
  const normB = Math.hypot(...b.values());
  const cosine = normA > 0 && normB > 0 ? Math.max(-1, Math.min(1, dot / (normA * normB))) : 0;
  return { dot, normA, normB, cosine, shared };
}
