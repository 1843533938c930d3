import { expect, test } from 'vitest';
import { formatSparse, hashingTF, nonNegativeMod, sparkHashIndex, sparkIdfFit, sparkIdfTransform, SPARK_DEFAULT_NUM_FEATURES } from '~/lib';

test('reproduces the pyspark HashingTF doctest: ["a","b","c"] with 10 and 5 features', () => {
  expect(formatSparse(hashingTF(['a', 'b', 'c'], 10))).toBe('(10,[5,7,8],[1.0,1.0,1.0])');
  expect(formatSparse(hashingTF(['a', 'b', 'c'], 5))).toBe('(5,[0,2,3],[1.0,1.0,1.0])');
  expect(sparkHashIndex('b', 10)).toBe(5);
});

// Spark's TfIdfExample: Tokenizer (lower-case, split on spaces) → HashingTF(numFeatures = 20) → IDF.
const sentences = ['Hi I heard about Spark', 'I wish Java could use case classes', 'Logistic regression models are neat'];

test("reproduces Spark's TfIdfExample output string byte for byte", () => {
  const tf = sentences.map((s) => hashingTF(s.toLowerCase().split(' '), 20));
  // "hi" and "spark" collide in bucket 16 of 20, hence the count 2.0.
  expect(formatSparse(tf[0]!)).toBe('(20,[6,8,13,16],[1.0,1.0,1.0,2.0])');
  const idf = sparkIdfFit(tf);
  expect(formatSparse(sparkIdfTransform(tf[0]!, idf))).toBe('(20,[6,8,13,16],[0.28768207245178085,0.6931471805599453,0.28768207245178085,0.5753641449035617])');
});

test('counts repeated terms, or clips them to 1.0 when binary', () => {
  const a = sparkHashIndex('a', 10);
  expect([7, 8]).toContain(a); // the doctest puts a and c in 7 and 8
  expect(hashingTF(['a', 'a', 'b'], 10)).toEqual({ size: 10, indices: [5, a], values: [1, 2] });
  expect(hashingTF(['a', 'a', 'b'], 10, true)).toEqual({ size: 10, indices: [5, a], values: [1, 1] });
});

test('hashes UTF-8 bytes, so Chinese terms get stable indices below numFeatures', () => {
  const v = hashingTF(['稀疏', '向量', '稀疏'], SPARK_DEFAULT_NUM_FEATURES);
  expect(v.size).toBe(262144);
  expect(v.values.reduce((a, b) => a + b, 0)).toBe(3);
  expect(v.indices.every((i) => i >= 0 && i < 262144)).toBe(true);
  expect(sparkHashIndex('稀疏', 262144)).toBe(sparkHashIndex('稀疏', 262144));
});

test("nonNegativeMod shifts Java's negative remainders into range", () => {
  expect(nonNegativeMod(-7, 5)).toBe(3);
  expect(nonNegativeMod(7, 5)).toBe(2);
  expect(nonNegativeMod(-10, 5)).toBe(0);
});

test('numFeatures must be a positive integer', () => {
  expect(() => hashingTF(['a'], 0)).toThrow(/numFeatures/);
  expect(() => hashingTF(['a'], 2.5)).toThrow(/numFeatures/);
});
