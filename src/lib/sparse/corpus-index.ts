/**
 * A compact term index of the site's own pages, split by section, for sparse retrieval in the browser.
 *
 * Build time: `splitSections` cuts a page's Markdown/MDX at its `## … {#id}` and `### … {#id}` headings and
 * strips markup; `buildCorpusIndex` tokenizes every section and writes the vocabulary (ordered by corpus
 * count, as Spark's `CountVectorizer` orders it), document frequencies and one term-count vector per section.
 * Browser: `loadCorpus` turns that into postings lists, and `rankSections` scores a query against every
 * section by BoW cosine, TF-IDF cosine or BM25.
 */
import { countTerms, tokenize } from '../text/tokenize';
import { DEFAULT_BM25, bm25Idf, bm25Tf, sklearnSmoothIdf, sparkIdf, type Bm25Params, type TfIdfVariant } from './text-weights';
import { OptionError } from '../errors';

export interface SectionText {
  /** Link to the section, e.g. `/en/sparse-dense-vectors/#formats` (page URL alone for the introduction). */
  url: string;
  /** Heading text (the page title for the introduction). */
  title: string;
  /** Title of the page the section belongs to. */
  page: string;
  /** Plain text of the section. */
  text: string;
}

/** The static asset: arrays only, so it gzips well. */
export interface CorpusIndexData {
  version: 1;
  lang: string;
  /** [url, section title, page title, length in tokens] per section. */
  sections: [string, string, string, number][];
  /** Vocabulary; a term's position is its index in vectors. */
  terms: string[];
  /** Document (section) frequency per term. */
  df: number[];
  /** Per section: term indices as gaps from the previous index, interleaved with counts: [gap, count, gap, count, …]. */
  vectors: number[][];
}

const HEADING = /^(#{2,3})\s+(.*?)\s*\{#([A-Za-z0-9_-]+)\}\s*$/;

/** Markup that carries no words a reader searches for: imports, JSX tags and expressions, math, URLs. */
function plainText(markdown: string): string {
  return markdown
    .replace(/^\s*(import|export)\s.*$/gm, ' ')
    .replace(/\$\$[\s\S]*?\$\$/g, ' ')
    .replace(/\$[^$\n]+\$/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\{[^{}\n]*\}/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[*_`>|#~-]+/g, ' ');
}

/**
 * Cuts one page into sections at headings with explicit ids; text before the first heading is the
 * page's introduction and links to the page itself. Fenced code is skipped (headings inside it too).
 *
 * @example splitSections('Intro\n## Formats {#formats}\nLIBSVM…', { url: '/en/p/', title: 'P' })
 * // => [{ url: '/en/p/', title: 'P', … }, { url: '/en/p/#formats', title: 'Formats', … }]
 */
export function splitSections(markdown: string, page: { url: string; title: string }): SectionText[] {
  const sections: SectionText[] = [];
  let current: SectionText = { url: page.url, title: page.title, page: page.title, text: '' };
  const lines: string[] = [];
  let inFence = false;
  const flush = () => {
    current.text = plainText(lines.join('\n')).replace(/\s+/g, ' ').trim();
    if (current.text !== '' || current.url !== page.url) sections.push(current);
    lines.length = 0;
  };
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      const title = plainText(heading[2]!).replace(/\s+/g, ' ').trim();
      current = { url: `${page.url}#${heading[3]}`, title, page: page.title, text: '' };
      // The heading's words belong to its section.
      lines.push(title);
      continue;
    }
    lines.push(line);
  }
  flush();
  return sections;
}

/** Builds the static index from sections (all of one language). */
export function buildCorpusIndex(sections: readonly SectionText[], lang: string): CorpusIndexData {
  const sectionCounts = sections.map((s) => countTerms(tokenize(s.text, {}, Infinity)));
  const total = new Map<string, number>();
  const df = new Map<string, number>();
  for (const counts of sectionCounts) {
    for (const [term, c] of counts) {
      total.set(term, (total.get(term) ?? 0) + c);
      df.set(term, (df.get(term) ?? 0) + 1);
    }
  }
  const terms = [...total.keys()].sort((a, b) => total.get(b)! - total.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  const indexOf = new Map(terms.map((t, i) => [t, i]));
  const vectors = sectionCounts.map((counts) => {
    const entries = [...counts].map(([t, c]) => [indexOf.get(t)!, c] as const).sort((a, b) => a[0] - b[0]);
    const flat: number[] = [];
    let previous = 0;
    for (const [index, c] of entries) {
      flat.push(index - previous, c);
      previous = index;
    }
    return flat;
  });
  return {
    version: 1,
    lang,
    sections: sections.map((s, i) => {
      let length = 0;
      for (const c of sectionCounts[i]!.values()) length += c;
      return [s.url, s.title, s.page, length];
    }),
    terms,
    df: terms.map((t) => df.get(t)!),
    vectors,
  };
}

export interface Corpus {
  lang: string;
  sections: { url: string; title: string; page: string; length: number }[];
  terms: string[];
  termIndex: Map<string, number>;
  df: Int32Array;
  /** Per term: section numbers and counts, interleaved. */
  postings: number[][];
  avgLength: number;
  /** Per section: norm of its count vector, and of its TF-IDF vector per variant (filled on first use). */
  countNorms: Float64Array;
  tfidfNorms: Partial<Record<TfIdfVariant, Float64Array>>;
}

/** A search index that is not in the expected shape: `field` 'index', reason 'malformed'. */
export class CorpusFormatError extends OptionError {
  override name = 'CorpusFormatError';
}

/** Unpacks the static index (validating its shape: it comes over the network). */
export function loadCorpus(data: CorpusIndexData): Corpus {
  if (data?.version !== 1 || !Array.isArray(data.terms) || !Array.isArray(data.sections) || !Array.isArray(data.vectors)) {
    throw new CorpusFormatError('index', 'malformed', data?.version, 'version 1', 'the search index is not in the expected format (version 1)');
  }
  const postings: number[][] = data.terms.map(() => []);
  const countNorms = new Float64Array(data.sections.length);
  data.vectors.forEach((flat, s) => {
    let index = 0;
    let sumSq = 0;
    for (let k = 0; k < flat.length; k += 2) {
      index += flat[k]!;
      const count = flat[k + 1]!;
      postings[index]!.push(s, count);
      sumSq += count * count;
    }
    countNorms[s] = Math.sqrt(sumSq);
  });
  const sections = data.sections.map(([url, title, page, length]) => ({ url, title, page, length }));
  const totalLength = sections.reduce((sum, s) => sum + s.length, 0);
  return {
    lang: data.lang,
    sections,
    terms: data.terms,
    termIndex: new Map(data.terms.map((t, i) => [t, i])),
    df: Int32Array.from(data.df),
    postings,
    avgLength: sections.length ? totalLength / sections.length : 0,
    countNorms,
    tfidfNorms: {},
  };
}

export type RankModel = 'bow' | 'tfidf' | 'bm25';

export interface RankOptions {
  model: RankModel;
  tfidf?: TfIdfVariant;
  bm25?: Bm25Params;
  /** How many sections to return. Default 5. */
  topK?: number;
}

export interface SectionMatch {
  section: number;
  url: string;
  title: string;
  page: string;
  score: number;
  /** Query terms found in the section. */
  terms: string[];
}

function idfOf(corpus: Corpus, variant: TfIdfVariant, term: number): number {
  const n = corpus.sections.length;
  return variant === 'spark' ? sparkIdf(n, corpus.df[term]!) : sklearnSmoothIdf(n, corpus.df[term]!);
}

function tfidfNorms(corpus: Corpus, variant: TfIdfVariant): Float64Array {
  let norms = corpus.tfidfNorms[variant];
  if (!norms) {
    const sumSq = new Float64Array(corpus.sections.length);
    corpus.postings.forEach((list, term) => {
      const idf = idfOf(corpus, variant, term);
      for (let k = 0; k < list.length; k += 2) sumSq[list[k]!]! += (list[k + 1]! * idf) ** 2;
    });
    norms = sumSq.map(Math.sqrt);
    corpus.tfidfNorms[variant] = norms;
  }
  return norms;
}

/**
 * Scores every section against a query's term counts and returns the best `topK` (score > 0), best first.
 * BoW and TF-IDF score by cosine (0…1); BM25 by the sum of the section's BM25 weights for the query terms.
 * Terms outside the vocabulary cannot match and are skipped.
 */
export function rankSections(corpus: Corpus, query: ReadonlyMap<string, number>, options: RankOptions): SectionMatch[] {
  const { model, topK = 5 } = options;
  const variant = options.tfidf ?? 'spark';
  const bm25 = { ...DEFAULT_BM25, ...options.bm25 };
  const n = corpus.sections.length;
  const scores = new Float64Array(n);
  const matched = new Map<number, string[]>();
  let queryNormSq = 0;
  for (const [term, qtf] of query) {
    const t = corpus.termIndex.get(term);
    if (t === undefined) continue;
    const list = corpus.postings[t]!;
    let qWeight: number;
    if (model === 'bow') qWeight = qtf;
    else if (model === 'tfidf') qWeight = qtf * idfOf(corpus, variant, t);
    else qWeight = qtf * bm25Idf(n, corpus.df[t]!, bm25.idf);
    queryNormSq += qWeight * qWeight;
    const idf = model === 'tfidf' ? idfOf(corpus, variant, t) : 1;
    for (let k = 0; k < list.length; k += 2) {
      const s = list[k]!;
      const tf = list[k + 1]!;
      const docWeight = model === 'bm25' ? bm25Tf(tf, corpus.sections[s]!.length, corpus.avgLength, bm25.k1, bm25.b) : tf * idf;
      scores[s]! += qWeight * docWeight;
      const terms = matched.get(s);
      if (terms) terms.push(term);
      else matched.set(s, [term]);
    }
  }
  const norms = model === 'bow' ? corpus.countNorms : model === 'tfidf' ? tfidfNorms(corpus, variant) : null;
  const queryNorm = Math.sqrt(queryNormSq);
  const results: SectionMatch[] = [];
  for (const [s, terms] of matched) {
    let score = scores[s]!;
    if (norms) score = norms[s]! > 0 && queryNorm > 0 ? score / (norms[s]! * queryNorm) : 0;
    if (score > 0) results.push({ section: s, ...corpus.sections[s]!, score, terms });
  }
  results.sort((a, b) => b.score - a.score || a.section - b.section);
  return results.slice(0, topK);
}
