import { expect, test } from 'vitest';
import { buildCorpusIndex, formatSparse, loadCorpus, sparkHashIndex } from '~/lib';
import { compareWeights, encodeText, needsCorpus, type EncodeOptions } from '~/components/calculators/sparse-vector/view';

const corpus = loadCorpus(
  buildCorpusIndex(
    [
      { url: '/p/#sparse', title: 'Sparse', page: 'P', text: '稀疏向量只记录非零元素' },
      { url: '/p/#dense', title: 'Dense', page: 'P', text: '稠密向量捕获语义' },
    ],
    'zh-CN',
  ),
);
const base: EncodeOptions = { model: 'bow', indexing: 'vocab', numFeatures: 16, removeStopWords: false, bm25: { k1: 1.2, b: 0.75 } };

test('a Chinese sentence gets vocabulary positions, and unknown words are marked outside the vocabulary', () => {
  const encoded = encodeText('稀疏向量和量子', corpus, base);
  expect(encoded.tokens).toEqual(['稀疏', '向量', '和', '量子']);
  const byTerm = Object.fromEntries(encoded.rows.map((r) => [r.term, r.index]));
  expect(byTerm['向量']).toBe(corpus.termIndex.get('向量'));
  expect(byTerm['量子']).toBeUndefined();
  expect(encoded.vector.size).toBe(corpus.terms.length);
  expect(encoded.vector.indices).toHaveLength(2);
  expect(encoded.matches[0]!.url).toBe('/p/#sparse');
});

test('hashing puts each term in its Spark bucket and adds up colliding weights', () => {
  const encoded = encodeText('a b c a', null, { ...base, indexing: 'hash', numFeatures: 1 });
  expect(formatSparse(encoded.vector)).toBe('(1,[0],[4.0])');
  expect(encoded.collisions).toBe(1);
  const spread = encodeText('a b c', null, { ...base, indexing: 'hash', numFeatures: 10 });
  expect(formatSparse(spread.vector)).toBe('(10,[5,7,8],[1.0,1.0,1.0])');
  expect(spread.rows.map((r) => r.index)).toEqual(['a', 'b', 'c'].map((t) => sparkHashIndex(t, 10)));
});

test('only bag-of-words with hashing runs without the corpus', () => {
  expect(needsCorpus({ model: 'bow', indexing: 'hash' })).toBe(false);
  expect(needsCorpus({ model: 'bm25', indexing: 'hash' })).toBe(true);
  expect(needsCorpus({ model: 'bow', indexing: 'vocab' })).toBe(true);
});

test('two sentences compare by cosine over their terms', () => {
  const a = encodeText('sparse vector', null, { ...base, indexing: 'hash' });
  const b = encodeText('dense vector', null, { ...base, indexing: 'hash' });
  const cmp = compareWeights(a.weights, b.weights);
  expect(cmp.cosine).toBeCloseTo(0.5, 15);
  expect(cmp.shared).toEqual(['vector']);
  expect(compareWeights(a.weights, new Map()).cosine).toBe(0);
});
