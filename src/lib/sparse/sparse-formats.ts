/**
 * The other text forms of one sparse vector: LIBSVM (`index:value`, 1-based), JSON `{indices, values}`,
 * the `{index: value}` dictionary vector databases take (Milvus, and PySpark's repr), and a dense list.
 * `parseAnyVector` recognises each of them and Spark's own form.
 */
import { formatNumber } from '../format/format-number';
import {
  MAX_DENSE_LENGTH,
  MAX_NNZ,
  SparseFormatError,
  clip,
  formatDense,
  formatSparse,
  parseDouble,
  parseIndex,
  parseSparse,
  splitList,
  toSparse,
  validateSparse,
  type SparseVector,
} from './sparse-vector';

export type VectorFormat = 'spark' | 'dense' | 'libsvm' | 'json' | 'dict' | 'pyspark';

/** Shortest round-trip digits, as JSON and most vector-DB clients print them (`1`, not `1.0`). */
function js(value: number): string {
  return String(value);
}

/**
 * LIBSVM's feature list: 1-based `index:value` pairs separated by spaces, optionally after a label.
 *
 * @example formatLibsvm({ size: 4, indices: [0, 2, 3], values: [1, 1, 3] }) // => '1:1 3:1 4:3'
 */
export function formatLibsvm(v: SparseVector, label?: number): string {
  const pairs = v.indices.map((index, k) => `${index + 1}:${js(v.values[k]!)}`).join(' ');
  return label === undefined ? pairs : `${js(label)}${pairs ? ' ' : ''}${pairs}`;
}

/** `{"size":4,"indices":[0,2,3],"values":[1,1,3]}`. */
export function formatJson(v: SparseVector): string {
  return JSON.stringify({ size: v.size, indices: v.indices, values: v.values });
}

/** The `{index: value}` dictionary, `{"0": 1, "2": 1, "3": 3}` (JSON object keys are strings). */
export function formatDict(v: SparseVector): string {
  return `{${v.indices.map((index, k) => `"${index}": ${js(v.values[k]!)}`).join(', ')}}`;
}

/** PySpark's `repr`: `SparseVector(4, {0: 1.0, 2: 1.0, 3: 3.0})` (PySpark rounds to 4 decimals; we do not). */
export function formatPyspark(v: SparseVector): string {
  const body = v.indices.map((index, k) => `${index}: ${pythonFloat(v.values[k]!)}`).join(', ');
  return `SparseVector(${v.size}, {${body}})`;
}

function pythonFloat(x: number): string {
  const text = String(x);
  return /[.eE]|Infinity|NaN/.test(text) ? text : `${text}.0`;
}

/** Size used when the text does not state one: one past the largest index. */
function inferredSize(indices: number[], size: number | undefined): number {
  return size ?? (indices.length === 0 ? 0 : indices[indices.length - 1]! + 1);
}

/**
 * Reads LIBSVM features (`1:0.5 7:2`); a leading bare number is taken as the label and dropped.
 * The size is `size` if given, else the largest index.
 */
export function parseLibsvm(text: string, size?: number): SparseVector {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  if (tokens.length > 0 && !tokens[0]!.includes(':')) tokens.shift();
  if (tokens.length > MAX_NNZ) throw new SparseFormatError('too-large', `more than ${MAX_NNZ} entries`);
  const indices: number[] = [];
  const values: number[] = [];
  tokens.forEach((token, k) => {
    const colon = token.indexOf(':');
    if (colon < 0) throw new SparseFormatError('syntax', `"${clip(token)}" is not index:value`, k);
    const index = parseIndex(token.slice(0, colon), k);
    if (index < 1) {
      throw new SparseFormatError('index-out-of-range', `LIBSVM index #${k + 1} (${index}) must be ≥ 1 (LIBSVM counts from 1)`, k);
    }
    indices.push(index - 1);
    values.push(parseDouble(token.slice(colon + 1), `value #${k + 1}`, k));
  });
  return validateSparse({ size: inferredSize(indices, size), indices, values });
}

/** Reads `{"indices": […], "values": […]}` with an optional `"size"`. */
export function parseJsonVector(text: string, size?: number): SparseVector {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new SparseFormatError('syntax', 'not valid JSON');
  }
  if (
    typeof data !== 'object' ||
    data === null ||
    !Array.isArray((data as { indices?: unknown }).indices) ||
    !Array.isArray((data as { values?: unknown }).values)
  ) {
    throw new SparseFormatError('syntax', 'expected a JSON object with "indices" and "values" arrays');
  }
  const { indices, values } = data as { indices: unknown[]; values: unknown[] };
  const stated = (data as { size?: unknown }).size;
  if (stated !== undefined && (typeof stated !== 'number' || !Number.isSafeInteger(stated) || stated < 0)) {
    throw new SparseFormatError('size', `"size" must be a non-negative integer`);
  }
  indices.forEach((index, k) => {
    if (typeof index !== 'number' || !Number.isSafeInteger(index)) {
      throw new SparseFormatError('index-not-integer', `index #${k + 1} is not a whole number`, k);
    }
  });
  values.forEach((value, k) => {
    if (typeof value !== 'number') throw new SparseFormatError('value-not-number', `value #${k + 1} is not a number`, k);
  });
  const ints = indices as number[];
  return validateSparse({ size: (stated as number | undefined) ?? inferredSize(ints, size), indices: ints, values: values as number[] });
}

/**
 * `key: value` with the key bare or quoted, split by a scan (the old regular expression's lazy key next to `\s*`
 * was quadratic on long runs of spaces).
 */
function dictEntry(item: string): { key: string; value: string } | null {
  const t = item.trim();
  const quote = t[0];
  if (quote === '"' || quote === "'") {
    const end = t.indexOf(quote, 1);
    if (end > 0) {
      const after = t.slice(end + 1).trimStart();
      if (after.startsWith(':')) return { key: t.slice(1, end), value: after.slice(1).trim() };
    }
  }
  const colon = t.indexOf(':');
  if (colon < 0) return null;
  return { key: t.slice(0, colon).trim(), value: t.slice(colon + 1).trim() };
}

/** `SparseVector(size, {…})` split into the size text and the dict text, or null; a scan, linear in the input. */
function pysparkParts(body: string): [string, string] | null {
  if (!body.startsWith('SparseVector')) return null;
  let rest = body.slice('SparseVector'.length).trimStart();
  if (!rest.startsWith('(') || !rest.endsWith(')')) return null;
  rest = rest.slice(1, -1);
  const comma = rest.indexOf(',');
  if (comma < 0) return null;
  const dict = rest.slice(comma + 1).trim();
  if (!dict.startsWith('{') || !dict.endsWith('}')) return null;
  return [rest.slice(0, comma).trim(), dict];
}

/**
 * Reads `{index: value}` (keys quoted or not, entries in any order; they are sorted) and PySpark's repr
 * `SparseVector(4, {0: 1.0, 3: 3.0})`.
 */
export function parseDict(text: string, size?: number): SparseVector {
  let body = text.trim();
  let stated = size;
  const pyspark = pysparkParts(body);
  if (pyspark) {
    if (!/^\d+$/.test(pyspark[0])) throw new SparseFormatError('size', `size "${clip(pyspark[0])}" is not a non-negative integer`);
    stated = Number(pyspark[0]);
    body = pyspark[1];
  }
  if (!body.startsWith('{') || !body.endsWith('}')) throw new SparseFormatError('syntax', 'expected {index: value, …}');
  const items = splitList(body.slice(1, -1));
  if (items.length > MAX_NNZ) throw new SparseFormatError('too-large', `more than ${MAX_NNZ} entries`);
  const entries = items.map((item, k) => {
    const entry = dictEntry(item);
    if (!entry) throw new SparseFormatError('syntax', `entry #${k + 1} "${clip(item)}" is not index: value`, k);
    const index = parseIndex(entry.key.trim(), k);
    return { index, value: parseDouble(entry.value, `value #${k + 1}`, k) };
  });
  entries.sort((a, b) => a.index - b.index);
  const indices = entries.map((e) => e.index);
  const values = entries.map((e) => e.value);
  return validateSparse({ size: inferredSize(indices, stated), indices, values });
}

/** Reads a dense list: `[1.0, 0.0, 3.0]`, or numbers separated by commas or spaces. */
export function parseDense(text: string): number[] {
  let body = text.trim();
  if (body.startsWith('[')) {
    if (!body.endsWith(']')) throw new SparseFormatError('syntax', 'a dense vector opened with [ must end with ]');
    body = body.slice(1, -1);
  }
  const items = body.trim() === '' ? [] : body.trim().split(/\s*,\s*|\s+/);
  if (items.length > MAX_DENSE_LENGTH) {
    throw new SparseFormatError('too-large', `${items.length} entries is above the cap of ${MAX_DENSE_LENGTH} for a dense vector`);
  }
  return items.map((item, k) => {
    if (item === '') throw new SparseFormatError('syntax', `entry #${k + 1} is empty (two commas in a row?)`, k);
    return parseDouble(item, `entry #${k + 1}`, k);
  });
}

/** Which format a pasted text is in, from its first characters. */
export function detectFormat(text: string): VectorFormat {
  const t = text.trim();
  if (t.startsWith('(')) return 'spark';
  if (t.startsWith('SparseVector')) return 'pyspark';
  if (t.startsWith('{')) return /"indices"/.test(t) ? 'json' : 'dict';
  if (t.includes(':')) return 'libsvm';
  return 'dense';
}

/** Longest text the encoder reads (characters); longer input is refused before parsing. */
export const MAX_VECTOR_TEXT_CHARS = 2_000_000;

/**
 * Reads a vector in any of the formats above. `dense` is set when the input was a dense list.
 *
 * @example parseAnyVector('1:1 3:1 4:3').vector // => { size: 4, indices: [0, 2, 3], values: [1, 1, 3] }
 */
export function parseAnyVector(text: string, size?: number): { format: VectorFormat; vector: SparseVector; dense?: number[] } {
  if (text.length > MAX_VECTOR_TEXT_CHARS) {
    throw new SparseFormatError('too-large', `the text is longer than ${formatNumber(MAX_VECTOR_TEXT_CHARS, { lang: 'en' })} characters`);
  }
  if (text.trim() === '') throw new SparseFormatError('syntax', 'the field is empty');
  const format = detectFormat(text);
  switch (format) {
    case 'spark':
      return { format, vector: parseSparse(text) };
    case 'pyspark':
    case 'dict':
      return { format, vector: parseDict(text, size) };
    case 'json':
      return { format, vector: parseJsonVector(text, size) };
    case 'libsvm':
      return { format, vector: parseLibsvm(text, size) };
    case 'dense': {
      const dense = parseDense(text);
      return { format, vector: toSparse(dense), dense };
    }
  }
}

/** Every text form of `v`, as the encoder lists them. */
export function allFormats(v: SparseVector, dense?: number[]): Record<VectorFormat, string> {
  return {
    spark: formatSparse(v),
    dense: dense ? formatDense(dense) : formatDenseOf(v),
    libsvm: formatLibsvm(v),
    json: formatJson(v),
    dict: formatDict(v),
    pyspark: formatPyspark(v),
  };
}

function formatDenseOf(v: SparseVector): string {
  if (v.size > MAX_DENSE_LENGTH) return '';
  const dense = new Array<number>(v.size).fill(0);
  v.indices.forEach((index, k) => (dense[index] = v.values[k]!));
  return formatDense(dense);
}
