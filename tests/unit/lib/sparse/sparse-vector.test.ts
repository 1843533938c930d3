import { expect, test } from 'vitest';
import fc from 'fast-check';
import { formatDense, formatSparse, parseSparse, SparseFormatError, toDense, toSparse, numNonzeros } from '~/lib';

const notesExample = { size: 4, indices: [0, 2, 3], values: [1, 1, 3] };

test("the notes' dense [1.0,0.0,1.0,3.0] becomes Spark's (4,[0,2,3],[1.0,1.0,3.0])", () => {
  expect(toSparse([1, 0, 1, 3])).toEqual(notesExample);
  expect(formatSparse(toSparse([1, 0, 1, 3]))).toBe('(4,[0,2,3],[1.0,1.0,3.0])');
  expect(formatDense(toDense(notesExample))).toBe('[1.0,0.0,1.0,3.0]');
});

test("Spark's documentation example (1.0, 0.0, 3.0) gives (3,[0,2],[1.0,3.0])", () => {
  expect(formatSparse(toSparse([1, 0, 3]))).toBe('(3,[0,2],[1.0,3.0])');
});

test('parseSparse accepts spaces between tokens', () => {
  expect(parseSparse(' ( 4 , [0, 2 ,3] , [1.0, 1.0, 3.0] ) ')).toEqual(notesExample);
  expect(parseSparse('(0,[],[])')).toEqual({ size: 0, indices: [], values: [] });
});

test('toSparse drops zeros and negative zero but keeps tiny values', () => {
  expect(toSparse([0, -0, 5e-324, 0])).toEqual({ size: 4, indices: [2], values: [5e-324] });
});

test('explicit zeros stored in a sparse vector survive format and parse but are not non-zeros', () => {
  const v = { size: 4, indices: [1, 3], values: [0, 0.5754] };
  expect(formatSparse(v)).toBe('(4,[1,3],[0.0,0.5754])');
  expect(parseSparse(formatSparse(v))).toEqual(v);
  expect(numNonzeros(v)).toBe(1);
});

function reason(text: string): string {
  try {
    parseSparse(text);
  } catch (e) {
    expect(e).toBeInstanceOf(SparseFormatError);
    return `${(e as SparseFormatError).problem}: ${(e as SparseFormatError).detail}`;
  }
  return 'no error';
}

test('parse errors say what is wrong', () => {
  expect(reason('(4,[0,2],[1.0])')).toBe('length-mismatch: indices and values differ in length (2 vs 1)');
  expect(reason('(-4,[0],[1.0])')).toMatch(/^size: size "-4" is not a non-negative integer/);
  expect(reason('(4.5,[0],[1.0])')).toMatch(/^size:/);
  expect(reason('(4,[0,4],[1.0,2.0])')).toBe('index-out-of-range: index #2 (4) is outside 0…3');
  expect(reason('(4,[2,1],[1.0,2.0])')).toMatch(/^indices-not-increasing: index #2 \(1\) does not come after 2/);
  expect(reason('(4,[1,1],[1.0,2.0])')).toMatch(/^indices-not-increasing/);
  expect(reason('(4,[0,x],[1.0,2.0])')).toMatch(/^index-not-integer: index #2 "x"/);
  expect(reason('(4,[0,1],[1.0,abc])')).toBe('value-not-number: value #2 "abc" is not a number');
  expect(reason('(4,[0],[1e400])')).toMatch(/^value-not-number: value #1 "1e400" is too large/);
  expect(reason('[1.0,2.0]')).toMatch(/^syntax:/);
});

const finiteDouble = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -1e-300, max: 1e-300, noNaN: true }),
  fc.constantFrom(Number.MAX_VALUE, -5e-324, 1e7, 1e-3, 0.0009999999999999998),
);

test('toDense(toSparse(x)) equals x for random dense vectors, tiny and huge values included', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(finiteDouble, fc.constant(0)), { maxLength: 50 }), (x) => {
      const back = toDense(toSparse(x));
      // -0 is a zero, so it comes back as +0; everything else exactly.
      expect(back).toEqual(x.map((v) => (Object.is(v, -0) ? 0 : v)));
    }),
  );
});

test('parseSparse(formatSparse(v)) equals v for random sparse vectors', () => {
  const sparse = fc.uniqueArray(fc.nat({ max: 10_000 }), { maxLength: 40 }).chain((idx) =>
    fc.record({
      size: fc.integer({ min: (idx.length ? Math.max(...idx) : -1) + 1, max: 2 ** 31 - 1 }),
      indices: fc.constant([...idx].sort((a, b) => a - b)),
      values: fc.array(finiteDouble, { minLength: idx.length, maxLength: idx.length }),
    }),
  );
  fc.assert(
    fc.property(sparse, (v) => {
      const back = parseSparse(formatSparse(v));
      expect(back.size).toBe(v.size);
      expect(back.indices).toEqual(v.indices);
      back.values.forEach((x, k) => expect(Object.is(x, v.values[k])).toBe(true));
    }),
    { numRuns: 500 },
  );
});
