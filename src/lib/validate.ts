/**
 * The core's one validation vocabulary. Each check returns the value, typed, or throws an `OptionError` (or the
 * subclass a module names) with the field and a reason code, so every module refuses bad input the same way and
 * every calculator can translate the refusal.
 *
 * @example
 * const check = validatorFor(FineTuneOptionError);
 * check.integer('batchSize', 4, { min: 1, max: 65536 }); // => 4
 * check.oneOf('optimizer', 'lion', ['adamw', 'sgd']);      // throws FineTuneOptionError, reason 'not-one-of'
 */
import { OptionError, type OptionReason } from './errors';

/** A subclass of `OptionError` with the base's constructor. */
export type OptionErrorClass = new (field: string, reason: OptionReason, got?: unknown, limit?: number | string, detail?: string) => OptionError;

export interface Range {
  /** Smallest allowed value (inclusive); default: none for `number`, 1 for `integer`. */
  min?: number;
  /** Largest allowed value (inclusive); default: none (finite for `number`, a safe integer for `integer`). */
  max?: number;
}

export interface Validator {
  /** A finite number within `range`. */
  number(field: string, value: unknown, range?: Range): number;
  /** A whole number within `range` (default `min` 1, `max` 2^53 − 1). */
  integer(field: string, value: unknown, range?: Range): number;
  /** `value` when given, else `fallback`; a given value is checked as `integer`. */
  optionalInteger(field: string, value: unknown, fallback: number, range?: Range): number;
  /** `value` when given, else `fallback`; a given value is checked as `number`. */
  optionalNumber(field: string, value: unknown, fallback: number, range?: Range): number;
  /** One of `allowed`; `fallback` when `value` is undefined and a fallback is given. */
  oneOf<T extends string | number>(field: string, value: unknown, allowed: readonly T[], fallback?: T): T;
  /** true or false; `fallback` when undefined and a fallback is given. */
  flag(field: string, value: unknown, fallback?: boolean): boolean;
  /** A non-null object (an options bag, a parsed JSON document). */
  object(field: string, value: unknown): Record<string, unknown>;
  /** `n` divides `total` exactly; `what` names `total` in the message ("attention heads"). */
  divides(field: string, n: number, total: number, what: string): void;
  /** Throws `requires` when `ok` is false: `needs` says what the option needs ("ZeRO stage 3"). */
  requires(field: string, ok: boolean, got: unknown, needs: string): void;
}

/** The checks, throwing `ErrorClass` (default `OptionError`). */
export function validatorFor(ErrorClass: OptionErrorClass = OptionError): Validator {
  const number = (field: string, value: unknown, range: Range = {}): number => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new ErrorClass(field, 'not-number', value);
    if (range.min !== undefined && value < range.min) throw new ErrorClass(field, 'below-min', value, range.min);
    if (range.max !== undefined && value > range.max) throw new ErrorClass(field, 'above-max', value, range.max);
    return value;
  };
  const integer = (field: string, value: unknown, range: Range = {}): number => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new ErrorClass(field, 'not-number', value);
    if (!Number.isInteger(value)) throw new ErrorClass(field, 'not-integer', value);
    return number(field, value, { min: range.min ?? 1, max: range.max ?? Number.MAX_SAFE_INTEGER });
  };
  return {
    number,
    integer,
    optionalInteger: (field, value, fallback, range) => (value === undefined ? fallback : integer(field, value, range)),
    optionalNumber: (field, value, fallback, range) => (value === undefined ? fallback : number(field, value, range)),
    oneOf<T extends string | number>(field: string, value: unknown, allowed: readonly T[], fallback?: T): T {
      if (value === undefined && fallback !== undefined) return fallback;
      if (!(allowed as readonly unknown[]).includes(value)) throw new ErrorClass(field, 'not-one-of', value, allowed.join(', '));
      return value as T;
    },
    flag(field, value, fallback) {
      if (value === undefined && fallback !== undefined) return fallback;
      if (typeof value !== 'boolean') throw new ErrorClass(field, 'not-boolean', value);
      return value;
    },
    object(field, value) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ErrorClass(field, 'not-object', value);
      return value as Record<string, unknown>;
    },
    divides(field, n, total, what) {
      if (total % n !== 0) throw new ErrorClass(field, 'not-divisible', n, total, `${n} does not divide the ${total} ${what}`);
    },
    requires(field, ok, got, needs) {
      if (!ok) throw new ErrorClass(field, 'requires', got, needs, `needs ${needs}`);
    },
  };
}

/** The checks with the base class, for modules without an error class of their own. */
export const check: Validator = validatorFor();
