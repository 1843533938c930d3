/**
 * Validation of a number a reader typed (or pasted into a URL). Calculators never see NaN or Infinity:
 * every rejection says why, so the UI can put a specific message next to the field and keep its last
 * good result.
 */

export interface NumberFieldRule {
  /** Smallest allowed value (inclusive). */
  min: number;
  /** Largest allowed value (inclusive). */
  max: number;
  /** Whole numbers only. Default: false. */
  integer?: boolean;
}

export type NumberFieldError =
  | { reason: 'empty' }
  | { reason: 'not-a-number' }
  | { reason: 'not-finite' }
  | { reason: 'not-integer' }
  | { reason: 'below-min'; min: number }
  | { reason: 'above-max'; max: number };

export type NumberFieldResult = { ok: true; value: number } | ({ ok: false } & NumberFieldError);

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Parses a field's text as a number within a rule.
 *
 * @example
 * parseNumberField('4096', { min: 1, max: 1e7, integer: true }) // => { ok: true, value: 4096 }
 * parseNumberField('1e400', { min: 1, max: 1e7 })               // => { ok: false, reason: 'not-finite' }
 * parseNumberField('-3', { min: 1, max: 10 })                   // => { ok: false, reason: 'below-min', min: 1 }
 */
export function parseNumberField(text: string, rule: NumberFieldRule): NumberFieldResult {
  const trimmed = text.trim().replace(/[,_\s]/g, '');
  if (trimmed === '') return { ok: false, reason: 'empty' };
  if (!NUMBER_TEXT.test(trimmed)) return { ok: false, reason: 'not-a-number' };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, reason: 'not-finite' };
  return checkNumber(value, rule);
}

/** Checks an already numeric value against a rule (NaN and ±Infinity are rejected too). */
export function checkNumber(value: number, rule: NumberFieldRule): NumberFieldResult {
  if (Number.isNaN(value)) return { ok: false, reason: 'not-a-number' };
  if (!Number.isFinite(value)) return { ok: false, reason: 'not-finite' };
  if (rule.integer && !Number.isInteger(value)) return { ok: false, reason: 'not-integer' };
  if (value < rule.min) return { ok: false, reason: 'below-min', min: rule.min };
  if (value > rule.max) return { ok: false, reason: 'above-max', max: rule.max };
  return { ok: true, value };
}
