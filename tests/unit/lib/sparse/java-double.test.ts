import { expect, test } from 'vitest';
import fc from 'fast-check';
import { javaDoubleToString } from '~/lib';

test('whole numbers keep a ".0" as Java prints them', () => {
  expect([1, 0, 3, 1000000].map(javaDoubleToString)).toEqual(['1.0', '0.0', '3.0', '1000000.0']);
});

test('plain notation holds from 10^-3 up to but not including 10^7', () => {
  expect(javaDoubleToString(0.001)).toBe('0.001');
  expect(javaDoubleToString(9999999.999)).toBe('9999999.999');
  expect(javaDoubleToString(0.5)).toBe('0.5');
});

test('outside that range Java switches to d.dddE±n', () => {
  expect(javaDoubleToString(1e7)).toBe('1.0E7');
  expect(javaDoubleToString(1e-5)).toBe('1.0E-5');
  expect(javaDoubleToString(0.000999)).toBe('9.99E-4');
  expect(javaDoubleToString(-1.5e300)).toBe('-1.5E300');
  expect(javaDoubleToString(1.7976931348623157e308)).toBe('1.7976931348623157E308');
});

test('Double.MIN_VALUE prints 4.9E-324 as in Java (JavaScript prints 5e-324)', () => {
  expect(javaDoubleToString(Number.MIN_VALUE)).toBe('4.9E-324');
});

test('negative zero, NaN and infinities print as Java does', () => {
  expect([-0, NaN, Infinity, -Infinity].map(javaDoubleToString)).toEqual(['-0.0', 'NaN', 'Infinity', '-Infinity']);
});

test('every finite double reads back as itself', () => {
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      expect(Object.is(Number(javaDoubleToString(x)), x)).toBe(true);
    }),
    { numRuns: 2000 },
  );
});

test('the mantissa always has a digit after the point, and plain notation never has an exponent', () => {
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      const text = javaDoubleToString(x);
      const abs = Math.abs(x);
      if (abs >= 1e-3 && abs < 1e7) expect(text).toMatch(/^-?\d+\.\d+$/);
      else if (x !== 0) expect(text).toMatch(/^-?\d\.\d+E-?\d+$/);
    }),
    { numRuns: 2000 },
  );
});
