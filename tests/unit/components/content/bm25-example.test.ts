import { describe, expect, test } from 'vitest';
import { bm25Weights, countTerms, tokenize } from '~/lib';
import { bm25Example } from '~/components/content/bm25-example';
import { BM25_EXAMPLE } from '~/data/bm25-example';

const docs = [...BM25_EXAMPLE.en.docs];

describe('BM25 worked example', () => {
  const ex = bm25Example(docs, BM25_EXAMPLE.en.query);

  test('counts words, document frequencies and idf as worked by hand (k1 = 1.2, b = 0.75)', () => {
    expect(ex.docs.map((d) => d.length)).toEqual([5, 3, 14]);
    expect(ex.avgdl).toBeCloseTo(22 / 3, 12);
    expect(ex.df).toEqual([1, 2]);
    expect(ex.idf[0]).toBeCloseTo(Math.log(1 + 2.5 / 1.5), 12); // 0.9808
    expect(ex.idf[1]).toBeCloseTo(Math.log(1.6), 12); // 0.4700
    // Robertson's idf goes negative for a term in more than half the documents.
    expect(ex.idfRobertson[1]).toBeCloseTo(Math.log(1.5 / 2.5), 12);
  });

  test('the long document with "memory" twice ranks below the short one with it once', () => {
    // d3: 2·2.2 / (2 + 1.2·(0.25 + 0.75·14/(22/3))) = 1.0950; d2: 2.2 / (1 + 1.2·(0.25 + 0.75·3/(22/3))) = 1.3188.
    expect(ex.docs[2]!.tfPart[1]).toBeCloseTo(1.09502, 4);
    expect(ex.docs[1]!.tfPart[1]).toBeCloseTo(1.3188, 4);
    expect(ex.docs.map((d) => d.rank)).toEqual([1, 2, 3]);
    expect(ex.docs.map((d) => Number(d.score.toFixed(4)))).toEqual([1.1276, 0.6198, 0.5147]);
  });

  test('each score is the sum of the core bm25Weights of the query terms', () => {
    const counts = docs.map((d) => countTerms(tokenize(d)));
    const df = (term: string) => counts.filter((c) => c.has(term)).length;
    ex.docs.forEach((d, i) => {
      const w = bm25Weights(counts[i]!, df, 3, ex.avgdl);
      expect(d.score).toBeCloseTo((w.get('parameters') ?? 0) + (w.get('memory') ?? 0), 12);
    });
  });
});

test.each(['zh', 'en'] as const)("the page's reading holds in %s: the rare word puts d1 first, d3 has the common word twice and ranks last", (lang) => {
  const ex = bm25Example(BM25_EXAMPLE[lang].docs, BM25_EXAMPLE[lang].query);
  expect(ex.queryTerms).toHaveLength(2);
  expect(ex.df).toEqual([1, 2]);
  expect(ex.docs.map((d) => d.tf)).toEqual([
    [1, 0],
    [0, 1],
    [0, 2],
  ]);
  expect(ex.docs.map((d) => d.rank)).toEqual([1, 2, 3]);
  expect(ex.docs[2]!.length).toBeGreaterThan(ex.avgdl);
});
