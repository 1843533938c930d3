import { expect, test } from 'vitest';
import { countTerms, MAX_TEXT_CHARS, STOP_WORDS, TextTooLongError, tokenize } from '~/lib';

test('a sentence from the notes is segmented into Chinese words, punctuation dropped', () => {
  // Notes, section 稀疏向量与稠密向量. ICU's dictionary (Node 24, ICU 78) reads 是非零 as 是非 + 零:
  // a dictionary segmenter, not a linguist, and the page says so.
  expect(tokenize('稀疏向量是指大部分元素都是零,只有少数几个元素是非零的向量。')).toEqual([
    '稀疏',
    '向量',
    '是',
    '指',
    '大部分',
    '元素',
    '都是',
    '零',
    '只有',
    '少数',
    '几个',
    '元素',
    '是非',
    '零',
    '的',
    '向量',
  ]);
});

test('English words are lower-cased; numbers with a decimal point stay whole', () => {
  expect(tokenize('Sparse Vectors keep BM25 k1 = 1.2')).toEqual(['sparse', 'vectors', 'keep', 'bm25', 'k1', '1.2']);
});

test('mixed Chinese and English text is segmented in one pass', () => {
  expect(tokenize('稠密向量 Dense Vector')).toEqual(['稠密', '向量', 'dense', 'vector']);
});

test('full-width letters are normalised before lower-casing', () => {
  expect(tokenize('ＴＦ－ＩＤＦ')).toEqual(['tf', 'idf']);
});

test('stop words are removed only when asked', () => {
  expect(tokenize('the vector of the notes')).toEqual(['the', 'vector', 'of', 'the', 'notes']);
  expect(tokenize('the vector of the notes', { removeStopWords: true })).toEqual(['vector', 'notes']);
  expect(tokenize('稀疏向量的位置和值', { removeStopWords: true })).toEqual(['稀疏', '向量', '位置', '值']);
  expect(STOP_WORDS.has('的')).toBe(true);
});

test('empty or punctuation-only text gives no tokens', () => {
  expect(tokenize('')).toEqual([]);
  expect(tokenize(' ，。!? ')).toEqual([]);
});

test(`text longer than ${MAX_TEXT_CHARS} characters is refused with its length`, () => {
  expect(() => tokenize('a'.repeat(MAX_TEXT_CHARS + 1))).toThrow(TextTooLongError);
  expect(() => tokenize('a '.repeat(MAX_TEXT_CHARS))).toThrow(/20000 characters is longer than the cap of 10000/);
});

test('countTerms counts occurrences in order of first appearance', () => {
  expect([...countTerms(['b', 'a', 'b'])]).toEqual([
    ['b', 2],
    ['a', 1],
  ]);
});
