/**
 * The core's one error type and its validators: every refusal names the field and a reason code, carries what it
 * received and the bound, and no input (text, NaN, 1e400, objects) slips through as a number.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { OptionError, describeValue, isOptionError } from '~/lib/errors';
import { check, validatorFor } from '~/lib/validate';

class DemoError extends OptionError {
  override name = 'DemoError';
}

function refusal(run: () => unknown): OptionError {
  try {
    run();
  } catch (error) {
    if (error instanceof OptionError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

test('the default message names the field, the bound and what came in', () => {
  const error = new OptionError('batchSize', 'above-max', 9e9, 65536);
  expect(error.message).toBe('batchSize: expected at most 65536, got 9000000000');
  expect(error).toBeInstanceOf(RangeError);
  expect(isOptionError(error)).toBe(true);
  expect(isOptionError(new Error('x'))).toBe(false);
});

test('a detail replaces the generated explanation but keeps the field', () => {
  expect(new OptionError('offload', 'requires', 'optimizer', 'ZeRO stage 1, 2 or 3', 'offloading needs ZeRO').message).toBe('offload: offloading needs ZeRO');
});

test('long strings are cut and objects are named, never printed', () => {
  expect(describeValue('x'.repeat(100))).toBe(`"${'x'.repeat(40)}…"`);
  expect(describeValue({ a: '<script>' })).toBe('an object');
  expect(describeValue([1, 2, 3])).toBe('a list of 3');
  expect(describeValue(undefined)).toBe('nothing');
});

test('a subclass keeps its name and is still an OptionError', () => {
  const error = refusal(() => validatorFor(DemoError).integer('layers', 0));
  expect(error).toBeInstanceOf(DemoError);
  expect(error.name).toBe('DemoError');
  expect([error.field, error.reason, error.got, error.limit]).toEqual(['layers', 'below-min', 0, 1]);
});

test('integer tells text, fractions and out-of-range values apart', () => {
  expect(refusal(() => check.integer('n', 'forty')).reason).toBe('not-number');
  expect(refusal(() => check.integer('n', Infinity)).reason).toBe('not-number');
  expect(refusal(() => check.integer('n', 40.5)).reason).toBe('not-integer');
  expect(refusal(() => check.integer('n', -3)).reason).toBe('below-min');
  expect(refusal(() => check.integer('n', 11, { max: 10 }))).toMatchObject({ reason: 'above-max', limit: 10 });
  expect(check.integer('n', 0, { min: 0 })).toBe(0);
});

test('oneOf lists what is allowed and uses the fallback only for a missing value', () => {
  expect(check.oneOf('optimizer', undefined, ['adamw', 'sgd'], 'adamw')).toBe('adamw');
  expect(refusal(() => check.oneOf('optimizer', 'lion', ['adamw', 'sgd'], 'adamw'))).toMatchObject({
    reason: 'not-one-of',
    limit: 'adamw, sgd',
  });
  expect(check.oneOf('stage', 3, [0, 1, 2, 3])).toBe(3);
});

test('flag, object, divides and requires', () => {
  expect(check.flag('fused', undefined, false)).toBe(false);
  expect(refusal(() => check.flag('fused', 'true')).reason).toBe('not-boolean');
  expect(refusal(() => check.object('options', [1])).reason).toBe('not-object');
  expect(refusal(() => check.divides('tp', 3, 32, 'attention heads'))).toMatchObject({ reason: 'not-divisible', got: 3, limit: 32 });
  expect(refusal(() => check.requires('offload', false, 'params', 'ZeRO stage 3')).message).toBe('offload: needs ZeRO stage 3');
});

test('number accepts exactly the finite values inside its range', () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.double(), fc.string(), fc.constant(null), fc.constant(undefined)),
      fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
      (value, min) => {
        const inRange = typeof value === 'number' && Number.isFinite(value) && value >= min;
        if (inRange) expect(check.number('x', value, { min })).toBe(value);
        else expect(() => check.number('x', value, { min })).toThrow(OptionError);
      },
    ),
  );
});
