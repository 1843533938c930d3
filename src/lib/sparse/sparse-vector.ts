/**
 * Sparse vectors as Spark MLlib defines them: a size plus two parallel arrays, 0-based indices (strictly
 * increasing) and their values. `formatSparse` and `parseSparse` speak Spark's text form,
 * `(4,[0,2,3],[1.0,1.0,3.0])` (Spark `ml.linalg.SparseVector.toString` / `Vectors.parse`).
 */
import { javaDoubleToString } from './java-double';
import { OptionError, type OptionReason } from '../errors';

export interface SparseVector {
  /** Number of dimensions. */
  size: number;
  /** 0-based positions of the stored entries, strictly increasing, each < size. */
  indices: number[];
  /** The stored values, one per index. */
  values: number[];
}

/** Why a pasted vector could not be read; `message` names the field and the position. */
export type SparseFormatReason =
  'syntax' | 'size' | 'index-not-integer' | 'index-out-of-range' | 'indices-not-increasing' | 'length-mismatch' | 'value-not-number' | 'too-large';

/** Each format problem as the core's `(field, reason)`: the part of the vector at fault and why. */
const SPARSE_FIELDS: Record<SparseFormatReason, readonly [field: string, reason: OptionReason]> = {
  syntax: ['text', 'malformed'],
  size: ['size', 'malformed'],
  'index-not-integer': ['indices', 'not-integer'],
  'index-out-of-range': ['indices', 'malformed'],
  'indices-not-increasing': ['indices', 'malformed'],
  'length-mismatch': ['values', 'wrong-length'],
  'value-not-number': ['values', 'not-number'],
  'too-large': ['size', 'too-large'],
};

/**
 * A vector that cannot be read. An `OptionError` whose `field` is the part at fault (`text`, `size`, `indices`,
 * `values`) and `reason` the core's code; `problem` keeps the finer format code the calculator's strings are keyed by,
 * `position` the entry, and `detail` the English explanation without the field prefix.
 */
export class SparseFormatError extends OptionError {
  override name = 'SparseFormatError';
  constructor(
    readonly problem: SparseFormatReason,
    readonly detail: string,
    /** 0-based position in the indices/values arrays the problem is at, when there is one. */
    readonly position?: number,
  ) {
    const [field, reason] = SPARSE_FIELDS[problem];
    super(field, reason, undefined, undefined, detail);
  }
}

/**
 * Largest size we accept. Spark's own limit is Int.MaxValue (2³¹−1); a dense view of that would not fit in a
 * browser tab, so the encoder caps dimensions here and says so.
 */
export const MAX_SPARSE_SIZE = 2 ** 31 - 1;
/** Largest dense vector the tools expand or accept (entries). */
export const MAX_DENSE_LENGTH = 100_000;
/** Largest number of stored entries accepted from pasted text. */
export const MAX_NNZ = 100_000;

/**
 * Keeps the non-zero entries of a dense vector (as Spark's `toSparse` does: -0 counts as zero, NaN does not).
 *
 * @example toSparse([1, 0, 1, 3]) // => { size: 4, indices: [0, 2, 3], values: [1, 1, 3] }
 */
export function toSparse(dense: ArrayLike<number>): SparseVector {
  const indices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < dense.length; i++) {
    const value = dense[i]!;
    if (value !== 0) {
      indices.push(i);
      values.push(value);
    }
  }
  return { size: dense.length, indices, values };
}

/** Expands a sparse vector; explicit zeros and -0 come back as they were stored. */
export function toDense(v: SparseVector): number[] {
  if (v.size > MAX_DENSE_LENGTH) {
    throw new SparseFormatError('too-large', `size ${v.size} is above the ${MAX_DENSE_LENGTH} entries we expand`);
  }
  // Validate first: an index past the size (5e8 in a size-4 vector) would otherwise grow the array to it.
  validateSparse(v);
  const dense = new Array<number>(v.size).fill(0);
  for (let k = 0; k < v.indices.length; k++) dense[v.indices[k]!] = v.values[k]!;
  return dense;
}

/** Stored entries whose value is not zero (Spark's `numNonzeros`). */
export function numNonzeros(v: SparseVector): number {
  let count = 0;
  for (const value of v.values) if (value !== 0) count++;
  return count;
}

/**
 * Spark's text form of a sparse vector, doubles printed by Java's rules, losslessly.
 *
 * @example formatSparse({ size: 4, indices: [0, 2, 3], values: [1, 1, 3] }) // => '(4,[0,2,3],[1.0,1.0,3.0])'
 */
export function formatSparse(v: SparseVector): string {
  return `(${v.size},[${v.indices.join(',')}],[${v.values.map(javaDoubleToString).join(',')}])`;
}

/** Spark's text form of a dense vector: `[1.0,0.0,1.0,3.0]`. */
export function formatDense(dense: ArrayLike<number>): string {
  return `[${Array.from(dense, javaDoubleToString).join(',')}]`;
}

/**
 * Checks the invariants Spark's `SparseVector` constructor checks, plus finite values; throws a
 * `SparseFormatError` that says which entry is wrong.
 */
export function validateSparse(v: SparseVector): SparseVector {
  if (!Number.isSafeInteger(v.size) || v.size < 0) {
    throw new SparseFormatError('size', `size must be a non-negative integer, got ${v.size}`);
  }
  if (v.size > MAX_SPARSE_SIZE) {
    throw new SparseFormatError('too-large', `size ${v.size} is above Spark's limit of 2^31 − 1`);
  }
  if (v.indices.length !== v.values.length) {
    throw new SparseFormatError('length-mismatch', `indices and values differ in length (${v.indices.length} vs ${v.values.length})`);
  }
  if (v.indices.length > MAX_NNZ) {
    throw new SparseFormatError('too-large', `${v.indices.length} entries is above the cap of ${MAX_NNZ}`);
  }
  let previous = -1;
  for (let k = 0; k < v.indices.length; k++) {
    const index = v.indices[k]!;
    if (!Number.isSafeInteger(index)) {
      throw new SparseFormatError('index-not-integer', `index #${k + 1} (${index}) is not a whole number`, k);
    }
    if (index < 0 || index >= v.size) {
      throw new SparseFormatError('index-out-of-range', `index #${k + 1} (${index}) is outside 0…${v.size - 1}`, k);
    }
    if (index <= previous) {
      throw new SparseFormatError(
        'indices-not-increasing',
        `index #${k + 1} (${index}) does not come after ${previous}; indices must be strictly increasing`,
        k,
      );
    }
    previous = index;
    if (!Number.isFinite(v.values[k])) {
      throw new SparseFormatError('value-not-number', `value #${k + 1} is not a finite number`, k);
    }
  }
  return v;
}

/**
 * Java/Spark double syntax (also accepts what JavaScript prints: `1`, `1e-7`). Written so that every string has
 * one way to match (`\d+(?:\.\d*)?`, not `\d+\.?\d*`), which keeps the test linear on a long run of digits.
 */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Reads one number written as Java or JavaScript would; `what` names it in the error. */
export function parseDouble(text: string, what: string, position?: number): number {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) {
    throw new SparseFormatError('value-not-number', `${what} "${clip(trimmed)}" is not a number`, position);
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value)) {
    throw new SparseFormatError('value-not-number', `${what} "${clip(trimmed)}" is too large for a double`, position);
  }
  return value;
}

export function clip(text: string, max = 24): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Splits "a, b ,c" into trimmed items; "" gives []. */
export function splitList(inner: string): string[] {
  return inner.trim() === '' ? [] : inner.split(',').map((s) => s.trim());
}

export function parseIndex(text: string, k: number): number {
  if (!/^[+-]?\d+$/.test(text)) {
    throw new SparseFormatError('index-not-integer', `index #${k + 1} "${clip(text)}" is not a whole number`, k);
  }
  return Number(text);
}

/**
 * Splits Spark's `(size, [indices], [values])` into its three texts, or null. A scan, not a regular expression:
 * the old pattern's lazy groups next to `\s*` backtracked cubically on whitespace ("(" + 4,000 spaces took 13 s).
 */
function sparkFormParts(text: string): [string, string, string] | null {
  const t = text.trim();
  if (!t.startsWith('(') || !t.endsWith(')')) return null;
  const inner = t.slice(1, -1);
  const comma = inner.indexOf(',');
  if (comma < 0) return null;
  const sizeText = inner.slice(0, comma).trim();
  const lists: string[] = [];
  let rest = inner.slice(comma + 1);
  for (let i = 0; i < 2; i++) {
    if (i === 1) {
      rest = rest.trimStart();
      if (!rest.startsWith(',')) return null;
      rest = rest.slice(1);
    }
    rest = rest.trimStart();
    if (!rest.startsWith('[')) return null;
    const close = rest.indexOf(']');
    if (close < 0) return null;
    lists.push(rest.slice(1, close));
    rest = rest.slice(close + 1);
  }
  if (rest.trim() !== '') return null;
  return [sizeText, lists[0]!, lists[1]!];
}

/**
 * Reads Spark's sparse text form; spaces are allowed anywhere between tokens.
 *
 * @example parseSparse('(4, [0,2,3], [1.0,1.0,3.0])') // => { size: 4, indices: [0, 2, 3], values: [1, 1, 3] }
 * @throws SparseFormatError naming what is wrong (size, an index, lengths, a value).
 */
export function parseSparse(text: string): SparseVector {
  const parts = sparkFormParts(text);
  if (!parts) {
    throw new SparseFormatError('syntax', "expected Spark's form (size,[indices],[values]), e.g. (4,[0,2,3],[1.0,1.0,3.0])");
  }
  const [sizeText, indicesText, valuesText] = parts;
  if (!/^\d+$/.test(sizeText)) {
    throw new SparseFormatError('size', `size "${clip(sizeText)}" is not a non-negative integer`);
  }
  const size = Number(sizeText);
  const indexItems = splitList(indicesText);
  const valueItems = splitList(valuesText);
  if (indexItems.length > MAX_NNZ || valueItems.length > MAX_NNZ) {
    throw new SparseFormatError('too-large', `more than ${MAX_NNZ} entries`);
  }
  const indices = indexItems.map(parseIndex);
  const values = valueItems.map((item, k) => parseDouble(item, `value #${k + 1}`, k));
  return validateSparse({ size, indices, values });
}
