import { expect, test } from 'vitest';
import { buildCorpusIndex, countTerms, CorpusFormatError, loadCorpus, rankSections, splitSections, bm25Idf, bm25Tf, sparkIdf } from '~/lib';

const page = `import X from '~/x';

Intro words about vectors.

## Sparse formats {#formats}

LIBSVM uses <Cite id="x" /> index:value pairs. $x^2$ math is dropped.

\`\`\`
## Not a heading {#nope}
\`\`\`

### Storage cost {#storage}

Sparse storage storage saves bytes.

## 稀疏向量 {#sparse-zh}

稀疏向量只记录非零元素。
`;

test('splits a page at its headings with ids, skipping code fences and markup', () => {
  const sections = splitSections(page, { url: '/en/p/', title: 'Page' });
  expect(sections.map((s) => [s.url, s.title])).toEqual([
    ['/en/p/', 'Page'],
    ['/en/p/#formats', 'Sparse formats'],
    ['/en/p/#storage', 'Storage cost'],
    ['/en/p/#sparse-zh', '稀疏向量'],
  ]);
  expect(sections[0]!.text).toBe('Intro words about vectors.');
  expect(sections[1]!.text).not.toMatch(/Cite|x\^2|import|Not a heading/);
  expect(sections[1]!.text).toContain('LIBSVM uses index:value pairs.');
});

test('builds vocabulary by corpus count, document frequencies and gap-encoded section vectors', () => {
  const index = buildCorpusIndex(
    [
      { url: '/a/', title: 'A', page: 'A', text: 'b a b' },
      { url: '/b/', title: 'B', page: 'B', text: 'a c' },
    ],
    'en',
  );
  expect(index.terms).toEqual(['a', 'b', 'c']); // a:2 and b:2 tie, alphabetical; c:1
  expect(index.df).toEqual([2, 1, 1]);
  expect(index.vectors).toEqual([
    [0, 1, 1, 2],
    [0, 1, 2, 1],
  ]);
  expect(index.sections).toEqual([
    ['/a/', 'A', 'A', 3],
    ['/b/', 'B', 'B', 2],
  ]);
});

const corpus = loadCorpus(
  buildCorpusIndex(
    [
      { url: '/s1/', title: 'S1', page: 'P', text: 'sparse vector sparse' },
      { url: '/s2/', title: 'S2', page: 'P', text: 'dense vector' },
      { url: '/s3/', title: 'S3', page: 'P', text: 'attention mask causal prefix' },
    ],
    'en',
  ),
);

test('BM25 ranking equals the hand-computed score: idf · tf(k1+1)/(tf + k1(1 − b + b·dl/avgdl))', () => {
  const results = rankSections(corpus, countTerms(['sparse', 'vector']), { model: 'bm25', bm25: { k1: 1.2, b: 0.75 } });
  const avgdl = 3; // (3 + 2 + 4) / 3
  const s1 = bm25Idf(3, 1) * bm25Tf(2, 3, avgdl, 1.2, 0.75) + bm25Idf(3, 2) * bm25Tf(1, 3, avgdl, 1.2, 0.75);
  const s2 = bm25Idf(3, 2) * bm25Tf(1, 2, avgdl, 1.2, 0.75);
  expect(results.map((r) => r.url)).toEqual(['/s1/', '/s2/']);
  expect(results[0]!.score).toBeCloseTo(s1, 12);
  expect(results[1]!.score).toBeCloseTo(s2, 12);
  expect(results[0]!.terms.sort()).toEqual(['sparse', 'vector']);
});

test('TF-IDF ranking is the cosine of Spark TF-IDF vectors', () => {
  const [top] = rankSections(corpus, countTerms(['dense']), { model: 'tfidf' });
  // Query and S2 share only "dense"; S2 = (dense: 1·ln 2, vector: 1·ln(4/3)).
  const idfDense = sparkIdf(3, 1);
  const idfVector = sparkIdf(3, 2);
  expect(top!.url).toBe('/s2/');
  expect(top!.score).toBeCloseTo(idfDense / Math.hypot(idfDense, idfVector), 12);
});

test('BoW ranking is the cosine of raw counts', () => {
  const [top] = rankSections(corpus, countTerms(['sparse', 'vector']), { model: 'bow' });
  expect(top!.url).toBe('/s1/');
  expect(top!.score).toBeCloseTo((2 + 1) / (Math.SQRT2 * Math.hypot(2, 1)), 12);
});

test('words outside the vocabulary match nothing', () => {
  expect(rankSections(corpus, countTerms(['quantum']), { model: 'bm25' })).toEqual([]);
  expect(rankSections(corpus, new Map(), { model: 'tfidf' })).toEqual([]);
});

test('a malformed index is refused', () => {
  expect(() => loadCorpus({} as never)).toThrow(CorpusFormatError);
});
