/**
 * A pasted or preset `config.json` that cannot describe a model. The message names the field, what was
 * expected and what was found, so a reader can fix their file; `reason`, `field` and `limit` let the UI
 * say the same thing in either language.
 *
 * @example
 * new ConfigError('num_hidden_layers', 'not-positive-integer', 0).message
 * // => 'num_hidden_layers: expected a positive whole number, got 0'
 */
export type ConfigErrorReason =
  'not-object' | 'missing' | 'not-positive-integer' | 'too-large' | 'not-divisible' | 'wrong-length' | 'unsupported' | 'not-boolean' | 'not-index-list';

const EXPECTED: Record<ConfigErrorReason, (limit?: number | string) => string> = {
  'not-object': () => 'a JSON object',
  missing: () => 'a value (the field is missing)',
  'not-positive-integer': () => 'a positive whole number',
  'too-large': (limit) => `at most ${limit}`,
  'not-divisible': (limit) => `a number that divides ${limit}`,
  'wrong-length': (limit) => `a list of ${limit} entries`,
  unsupported: (limit) => `${limit}`,
  'not-boolean': () => 'true or false (a JSON boolean, not a string)',
  'not-index-list': (limit) => `a list of layer indices from 0 to ${limit}`,
};

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    /** The config.json key at fault, with its path (`text_config.hidden_size`). */
    readonly field: string,
    readonly reason: ConfigErrorReason,
    /** The offending value, as found. */
    readonly got?: unknown,
    /** The bound or requirement the value broke (a maximum, the number it must divide, …). */
    readonly limit?: number | string,
  ) {
    super(`${field}: expected ${EXPECTED[reason](limit)}, got ${describe(got)}`);
  }

  /** The found value as short text, for messages in other languages. */
  get gotText(): string {
    return describe(this.got);
  }
}
