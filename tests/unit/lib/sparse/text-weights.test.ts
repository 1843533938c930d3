import { expect, test } from 'vitest';
import { bm25Idf, bm25Tf, bm25Weights, countTerms, sklearnSmoothIdf, sparkIdf, sparkIdfFit, sparkIdfTransform, tfidfWeights } from '~/lib';

test('Spark idf is ln((m+1)/(df+1)): a term in every document gets 0', () => {
  expect(sparkIdf(3, 3)).toBe(0);
  expect(sparkIdf(3, 1)).toBeCloseTo(Math.log(2), 15);
  expect(sparkIdf(3, 0)).toBeCloseTo(Math.log(4), 15);
});

test('reproduces the pyspark mllib IDF doctest, explicit zeros kept', () => {
  const docs = [
    { size: 4, indices: [1, 3], values: [1, 2] },
    { size: 4, indices: [1, 2, 3], values: [1, 2, 3] },
    { size: 4, indices: [1], values: [1] },
  ];
  const idf = sparkIdfFit(docs);
  const out = docs.map((d) => sparkIdfTransform(d, idf));
  expect(out[0]!.indices).toEqual([1, 3]);
  expect(out[0]!.values[0]).toBe(0);
  expect(out[0]!.values[1]).toBeCloseTo(0.5754, 4);
  expect(out[1]!.values.map((v) => Number(v.toFixed(4)))).toEqual([0, 1.3863, 0.863]);
  expect(out[2]).toEqual({ size: 4, indices: [1], values: [0] });
});

test('TF-IDF on a hand-computed corpus of three sentences (Spark variant)', () => {
  // Corpus: "a b", "a c", "a b b". df(a)=3, df(b)=2, df(c)=1, m=3.
  const df = new Map([
    ['a', 3],
    ['b', 2],
    ['c', 1],
  ]);
  const w = tfidfWeights(countTerms(['b', 'b', 'c', 'z']), (t) => df.get(t) ?? 0, 3, 'spark');
  expect(w.get('b')).toBeCloseTo(2 * Math.log(4 / 3), 15); // tf 2 · ln(4/3)
  expect(w.get('c')).toBeCloseTo(Math.log(4 / 2), 15);
  expect(w.get('z')).toBeCloseTo(Math.log(4 / 1), 15); // unseen term: df 0
});

test("reproduces scikit-learn's user-guide TF-IDF rows (smooth idf, L2 norm)", () => {
  const counts = [
    [3, 0, 1],
    [2, 0, 0],
    [3, 0, 0],
    [4, 0, 0],
    [3, 2, 0],
    [3, 0, 2],
  ];
  const df = [0, 1, 2].map((j) => counts.filter((row) => row[j]! > 0).length);
  const row = (r: number[]) => {
    const m = new Map(r.map((c, j) => [String(j), c] as const).filter(([, c]) => c > 0));
    const w = tfidfWeights(m, (t) => df[Number(t)]!, counts.length, 'sklearn');
    return [0, 1, 2].map((j) => w.get(String(j)) ?? 0);
  };
  const r0 = row(counts[0]!);
  const r4 = row(counts[4]!);
  [0.85151335, 0, 0.52433293].forEach((x, j) => expect(r0[j]).toBeCloseTo(x, 8));
  [0.55422893, 0.83236428, 0].forEach((x, j) => expect(r4[j]).toBeCloseTo(x, 8));
  expect(sklearnSmoothIdf(6, 6)).toBe(1);
});

test('reproduces the rank_bm25 README scores [0, 0.93729472, 0] with Robertson idf, k1 1.5, b 0.75', () => {
  const docs = ['Hello there good man!', 'It is quite windy in London', 'How is the weather today?'].map((d) => d.split(' '));
  const df = (t: string) => docs.filter((d) => d.includes(t)).length;
  const avgdl = docs.reduce((s, d) => s + d.length, 0) / docs.length;
  const query = ['windy', 'London'];
  const scores = docs.map((d) => {
    const w = bm25Weights(countTerms(d), df, docs.length, avgdl, { k1: 1.5, b: 0.75, idf: 'robertson' });
    return query.reduce((s, t) => s + (w.get(t) ?? 0), 0);
  });
  expect(scores[0]).toBe(0);
  expect(scores[1]).toBeCloseTo(0.93729472, 8);
  expect(scores[2]).toBe(0);
});

test("Lucene's BM25 idf never goes negative; Robertson's does above half the documents", () => {
  expect(bm25Idf(4, 4, 'lucene')).toBeGreaterThan(0);
  expect(bm25Idf(4, 4, 'robertson')).toBeLessThan(0);
  expect(bm25Idf(4, 2, 'robertson')).toBe(0); // the rank_bm25 zero-score issue
  expect(bm25Idf(10, 1, 'lucene')).toBeCloseTo(Math.log(1 + 9.5 / 1.5), 15);
});

test('BM25 term frequency saturates at k1 + 1 and ignores length when b = 0', () => {
  expect(bm25Tf(1e9, 10, 10, 1.2, 0.75)).toBeCloseTo(2.2, 6);
  expect(bm25Tf(3, 100, 10, 1.2, 0)).toBe(bm25Tf(3, 10, 10, 1.2, 0));
  expect(bm25Tf(1, 10, 10, 1.2, 0.75)).toBe(1); // tf 1 at average length: (k1+1)/(1+k1)
});
