import { test, expect } from 'vitest';
import fc from 'fast-check';
import { parseNumberField, checkNumber } from '~/lib/input/number-field';

const rule = { min: 1, max: 1e7, integer: true };

test('accepts a plain whole number', () => {
  expect(parseNumberField('4096', rule)).toEqual({ ok: true, value: 4096 });
});

test('accepts thousands separators and spaces', () => {
  expect(parseNumberField(' 32,768 ', rule)).toEqual({ ok: true, value: 32768 });
});

test('says an empty field is empty', () => {
  expect(parseNumberField('   ', rule)).toEqual({ ok: false, reason: 'empty' });
});

test('rejects text, including numbers with trailing text', () => {
  expect(parseNumberField('abc', rule)).toEqual({ ok: false, reason: 'not-a-number' });
  expect(parseNumberField('12abc', rule)).toEqual({ ok: false, reason: 'not-a-number' });
  expect(parseNumberField('0x10', rule)).toEqual({ ok: false, reason: 'not-a-number' });
});

test('rejects 1e400 as too large rather than Infinity', () => {
  expect(parseNumberField('1e400', { min: 0, max: Number.MAX_VALUE })).toEqual({ ok: false, reason: 'not-finite' });
});

test('names the bound a value breaks', () => {
  expect(parseNumberField('-3', rule)).toEqual({ ok: false, reason: 'below-min', min: 1 });
  expect(parseNumberField('2e7', rule)).toEqual({ ok: false, reason: 'above-max', max: 1e7 });
});

test('rejects fractions where whole numbers are required', () => {
  expect(parseNumberField('1.5', rule)).toEqual({ ok: false, reason: 'not-integer' });
  expect(parseNumberField('1.5', { min: 0, max: 2 })).toEqual({ ok: true, value: 1.5 });
});

test('checkNumber rejects NaN and infinities', () => {
  expect(checkNumber(Number.NaN, rule)).toEqual({ ok: false, reason: 'not-a-number' });
  expect(checkNumber(Number.POSITIVE_INFINITY, rule)).toEqual({ ok: false, reason: 'not-finite' });
});

test('any string either parses to a finite in-range number or gives a reason', () => {
  fc.assert(
    fc.property(fc.string(), (text) => {
      const result = parseNumberField(text, { min: -1e6, max: 1e6 });
      if (result.ok) {
        expect(Number.isFinite(result.value)).toBe(true);
        expect(result.value).toBeGreaterThanOrEqual(-1e6);
        expect(result.value).toBeLessThanOrEqual(1e6);
      } else {
        expect(typeof result.reason).toBe('string');
      }
    }),
  );
});

test('every finite number in range round-trips through its text', () => {
  fc.assert(
    // -0 prints as "0", which is the same number to a reader.
    fc.property(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((v) => !Object.is(v, -0)),
      (value) => {
        expect(parseNumberField(String(value), { min: -1e6, max: 1e6 })).toEqual({ ok: true, value });
      },
    ),
  );
});
