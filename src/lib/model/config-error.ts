import { OptionError, type OptionReason } from '../errors';

/**
 * A pasted or preset `config.json` that cannot describe a model. The message names the field, what was
 * expected and what was found, so a reader can fix their file; `reason`, `field` and `limit` let the UI
 * say the same thing in either language.
 *
 * @example
 * new ConfigError('num_hidden_layers', 'not-positive-integer', 0).message
 * // => 'num_hidden_layers: expected a positive whole number, got 0'
 */
export type ConfigErrorReason = Extract<
  OptionReason,
  'not-object' | 'missing' | 'not-positive-integer' | 'too-large' | 'not-divisible' | 'wrong-length' | 'unsupported' | 'not-boolean' | 'not-index-list'
>;

export class ConfigError extends OptionError {
  override name = 'ConfigError';
  constructor(
    /** The config.json key at fault, with its path (`text_config.hidden_size`). */
    field: string,
    override readonly reason: ConfigErrorReason,
    /** The offending value, as found. */
    got?: unknown,
    /** The bound or requirement the value broke (a maximum, the number it must divide, …). */
    limit?: number | string,
  ) {
    super(field, reason, got, limit);
  }
}
