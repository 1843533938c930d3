/**
 * One error type for the whole core. Every function that refuses its input throws an `OptionError` (or a subclass
 * named for its module, kept for callers that test `instanceof FineTuneOptionError`): the option at fault
 * (`field`), why in a fixed vocabulary (`reason`), what was received (`got`) and the bound it broke (`limit`).
 * The English `message` is for logs and developers; a calculator translates `(field, reason, limit)` from its own
 * string tables, so no caller ever parses a message.
 *
 * @example
 * new OptionError('batchSize', 'above-max', 9e9, 65536).message
 * // => 'batchSize: expected at most 65536, got 9000000000'
 */
export type OptionReason =
  /** Not a finite number: text, NaN, Infinity, null. */
  | 'not-number'
  /** A number, but not a whole one. */
  | 'not-integer'
  /** A whole number of at least 1 was expected (config files say it this way). */
  | 'not-positive-integer'
  /** Below `limit` (inclusive bound unless the message says otherwise). */
  | 'below-min'
  /** Above `limit`. */
  | 'above-max'
  /** Above `limit` (config files' word for `above-max`). */
  | 'too-large'
  /** Not one of the values listed in `limit` (comma-separated). */
  | 'not-one-of'
  /** Must divide `limit`, or be divisible by it: the message says which. */
  | 'not-divisible'
  /** Valid alone, but contradicts another option named in `limit`. */
  | 'requires'
  /** Not true or false. */
  | 'not-boolean'
  /** Not an object where an object (options, a JSON document) was expected. */
  | 'not-object'
  /** A required value is absent. */
  | 'missing'
  /** A list of the wrong length (`limit` entries expected). */
  | 'wrong-length'
  /** Not a list of layer indices from 0 to `limit`. */
  | 'not-index-list'
  /** Text longer than `limit` characters. */
  | 'too-long'
  /** Text that does not follow the expected format (a log, a vector, a corpus). */
  | 'malformed'
  /** A well-formed value this core cannot size (an architecture, a layout); `limit` says what it needs. */
  | 'unsupported';

const EXPECTED: Record<OptionReason, (limit: number | string | undefined) => string> = {
  'not-number': () => 'a finite number',
  'not-integer': () => 'a whole number',
  'not-positive-integer': () => 'a positive whole number',
  'below-min': (limit) => `at least ${String(limit)}`,
  'above-max': (limit) => `at most ${String(limit)}`,
  'too-large': (limit) => `at most ${String(limit)}`,
  'not-one-of': (limit) => `one of ${String(limit)}`,
  'not-divisible': (limit) => `a number that divides ${String(limit)}`,
  requires: (limit) => `${String(limit)}`,
  'not-boolean': () => 'true or false (a JSON boolean, not a string)',
  'not-object': () => 'a JSON object',
  missing: () => 'a value (the field is missing)',
  'wrong-length': (limit) => `a list of ${String(limit)} entries`,
  'not-index-list': (limit) => `a list of layer indices from 0 to ${String(limit)}`,
  'too-long': (limit) => `at most ${String(limit)} characters`,
  malformed: (limit) => (limit === undefined ? 'a well-formed value' : String(limit)),
  unsupported: (limit) => `${String(limit)}`,
};

/** A received value as short, inert text: long strings are cut, objects and lists are named, never printed. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'bigint') return `${value}n`;
  return String(value);
}

export class OptionError extends RangeError {
  override name = 'OptionError';
  constructor(
    /** The option at fault, with its path (`lora.rank`, `text_config.hidden_size`). */
    readonly field: string,
    readonly reason: OptionReason,
    /** The offending value, as found. */
    readonly got?: unknown,
    /** The bound or requirement the value broke: a maximum, a list of allowed values, the other option it needs. */
    readonly limit?: number | string,
    /** An English explanation where the reason alone says too little; the default is built from the reason. */
    detail?: string,
  ) {
    super(`${field}: ${detail ?? `expected ${EXPECTED[reason](limit)}, got ${describeValue(got)}`}`);
  }

  /** The found value as short text, for messages in other languages. */
  get gotText(): string {
    return describeValue(this.got);
  }
}

/** Narrows an unknown thrown value: a typed refusal of the core, or something else (a bug, to be re-thrown). */
export function isOptionError(error: unknown): error is OptionError {
  return error instanceof OptionError;
}
