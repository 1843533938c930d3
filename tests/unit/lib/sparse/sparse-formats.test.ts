import { expect, test } from 'vitest';
import fc from 'fast-check';
import {
  allFormats,
  formatDict,
  formatJson,
  formatLibsvm,
  formatPyspark,
  parseAnyVector,
  parseDense,
  parseDict,
  parseJsonVector,
  parseLibsvm,
  SparseFormatError,
} from '~/lib';

const notesExample = { size: 4, indices: [0, 2, 3], values: [1, 1, 3] };

test("the notes' example is printed in every format", () => {
  expect(allFormats(notesExample)).toEqual({
    spark: '(4,[0,2,3],[1.0,1.0,3.0])',
    dense: '[1.0,0.0,1.0,3.0]',
    libsvm: '1:1 3:1 4:3',
    json: '{"size":4,"indices":[0,2,3],"values":[1,1,3]}',
    dict: '{"0": 1, "2": 1, "3": 3}',
    pyspark: 'SparseVector(4, {0: 1.0, 2: 1.0, 3: 3.0})',
  });
});

test("the notes' example round-trips through every format", () => {
  for (const text of Object.values(allFormats(notesExample))) {
    expect(parseAnyVector(text, 4).vector).toEqual(notesExample);
  }
});

test('LIBSVM is 1-based and may start with a label', () => {
  expect(formatLibsvm(notesExample, 1)).toBe('1 1:1 3:1 4:3');
  expect(parseLibsvm('+1 1:1 3:1 4:3')).toEqual(notesExample);
  expect(() => parseLibsvm('0:1')).toThrow(/must be ≥ 1/);
});

test('formats without a size assume one past the largest index, unless a size is given', () => {
  expect(parseLibsvm('3:2.5').size).toBe(3);
  expect(parseLibsvm('3:2.5', 10).size).toBe(10);
  expect(parseDict('{5: 1}').size).toBe(6);
  expect(parseJsonVector('{"indices":[1],"values":[2]}').size).toBe(2);
});

test('a dictionary may list keys in any order, quoted or not', () => {
  expect(parseDict('{3: 3.0, \'0\': 1.0, "2": 1}', 4)).toEqual(notesExample);
  expect(parseDict('SparseVector(4, {1: 0.0, 3: 0.5754})')).toEqual({ size: 4, indices: [1, 3], values: [0, 0.5754] });
});

test('dense input accepts brackets, commas or spaces', () => {
  expect(parseDense('[1.0, 0.0, 1.0, 3.0]')).toEqual([1, 0, 1, 3]);
  expect(parseDense('1 0 1 3')).toEqual([1, 0, 1, 3]);
  expect(parseDense('1,0,1,3')).toEqual([1, 0, 1, 3]);
});

test('ragged or broken input names the entry at fault', () => {
  expect(() => parseDense('1, , 3')).toThrow(/entry #2 is empty/);
  expect(() => parseDense('1, x, 3')).toThrow(/entry #2 "x" is not a number/);
  expect(() => parseDict('{1: 2, 1: 3}')).toThrow(/strictly increasing/);
  expect(() => parseJsonVector('{"indices":[0,1],"values":[1]}')).toThrow(/differ in length/);
  expect(() => parseJsonVector('{"indices":')).toThrow(/not valid JSON/);
  expect(() => parseAnyVector('   ')).toThrow(/empty/);
});

test('ten million dense entries are refused with the cap, not parsed', () => {
  const big = Array.from({ length: 100_001 }, () => '0').join(',');
  expect(() => parseDense(big)).toThrow(/above the cap of 100000/);
  // A sparse vector may be that large: only the dense view is capped.
  expect(parseAnyVector('(10000000,[9999999],[1.0])').vector.size).toBe(1e7);
  expect(allFormats(parseAnyVector('(10000000,[9999999],[1.0])').vector).dense).toBe('');
});

test('parse errors are SparseFormatError', () => {
  expect(() => parseAnyVector('(4,[9],[1])')).toThrow(SparseFormatError);
});

test('random vectors round-trip through LIBSVM, JSON and the dictionary', () => {
  const sparse = fc.uniqueArray(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 30 }).chain((idx) =>
    fc.record({
      size: fc.constant(1001),
      indices: fc.constant([...idx].sort((a, b) => a - b)),
      values: fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: idx.length, maxLength: idx.length }),
    }),
  );
  fc.assert(
    fc.property(sparse, (v) => {
      // JSON.stringify writes -0 as 0; the others keep it.
      const plain = { ...v, values: v.values.map((x) => (Object.is(x, -0) ? 0 : x)) };
      expect(parseLibsvm(formatLibsvm(v), v.size)).toEqual(plain);
      expect(parseJsonVector(formatJson(v))).toEqual(plain);
      expect(parseDict(formatDict(v), v.size)).toEqual(plain);
      expect(parseDict(formatPyspark(v))).toEqual(plain);
    }),
    { numRuns: 300 },
  );
});
