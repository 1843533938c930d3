import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { checkChoice, checkNumber, parseAnswer, withinTolerance } from '~/problems/check';

const onePercent = { kind: 'relative', value: 0.01 } as const;

describe('parseAnswer', () => {
  test.each([
    ['1234.5', 1234.5],
    ['1,234,567', 1234567],
    ['1 234', 1234],
    ['0,5', 0.5],
    ['1,234.5', 1234.5],
    ['１２８', 128],
    ['3.2e12', 3.2e12],
    ['3.2×10^12', 3.2e12],
    ['3.2x10^12', 3.2e12],
    ['3.2*10^(12)', 3.2e12],
    ['≈ 295', 295],
    ['−3', -3],
    ['.5', 0.5],
  ])('reads %s as %d', (text, value) => {
    expect(parseAnswer(text)).toBe(value);
  });

  test('strips the problem’s own unit, and only that unit', () => {
    expect(parseAnswer('128 KiB', 'KiB')).toBe(128);
    expect(parseAnswer('45%', '%')).toBe(45);
    expect(parseAnswer('128 MiB', 'KiB')).toBeNull();
  });

  test.each(['', 'abc', '1e400', '1.2.3', '12abc', 'NaN', 'Infinity', '1,2,3'])('reads %s as no number', (text) => {
    expect(parseAnswer(text)).toBeNull();
  });
});

describe('checkNumber', () => {
  test('an answer within the tolerance is correct, one just outside is not', () => {
    expect(checkNumber('101', 100, onePercent).verdict).toBe('correct');
    expect(checkNumber('99', 100, onePercent).verdict).toBe('correct');
    expect(checkNumber('101.1', 100, onePercent).verdict).toBe('too-high');
    expect(checkNumber('98.9', 100, onePercent).verdict).toBe('too-low');
  });

  test('an absolute tolerance is a distance in the unit', () => {
    expect(checkNumber('14.4', 14, { kind: 'absolute', value: 0.5 }).verdict).toBe('correct');
    expect(checkNumber('15', 14, { kind: 'absolute', value: 0.5 }).verdict).toBe('too-high');
  });

  test('GB given for GiB (or the other way) is named as a binary/decimal slip', () => {
    const gib = 12.55;
    expect(checkNumber(String(gib * (2 ** 30 / 1e9)), gib, onePercent).verdict).toBe('binary-decimal');
    expect(checkNumber(String(gib / (2 ** 30 / 1e9)), gib, onePercent).verdict).toBe('binary-decimal');
  });

  test('an answer in the wrong prefix (MiB for GiB, bytes for KB) is named as a unit slip', () => {
    expect(checkNumber(String(12.55 * 1024), 12.55, onePercent).verdict).toBe('unit-scale');
    expect(checkNumber(String(3.2 * 1e9), 3.2, onePercent).verdict).toBe('unit-scale');
  });

  test('empty and unreadable answers say so instead of "wrong"', () => {
    expect(checkNumber('  ', 1, onePercent).verdict).toBe('empty');
    expect(checkNumber('twelve', 1, onePercent).verdict).toBe('unreadable');
  });

  test('property: the expected value itself, written out, is always correct', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e15, noNaN: true }), fc.double({ min: 1e-4, max: 0.2, noNaN: true }), (expected, tol) => {
        expect(checkNumber(String(expected), expected, { kind: 'relative', value: tol }).verdict).toBe('correct');
      }),
    );
  });

  test('property: an answer off by more than the tolerance is never correct', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e12, noNaN: true }), fc.double({ min: 1.05, max: 100, noNaN: true }), (expected, factor) => {
        expect(checkNumber(String(expected * factor), expected, onePercent).verdict).not.toBe('correct');
      }),
    );
  });
});

test('withinTolerance keeps the slack of a float’s decimal text only', () => {
  expect(withinTolerance(0.1 + 0.2, 0.3, { kind: 'absolute', value: 1e-12 })).toBe(true);
  expect(withinTolerance(0.31, 0.3, { kind: 'absolute', value: 0.001 })).toBe(false);
});

test('checkChoice: nothing picked, the right option, a wrong one', () => {
  expect(checkChoice(null, 1).verdict).toBe('empty');
  expect(checkChoice(1, 1).verdict).toBe('correct');
  expect(checkChoice(0, 1).verdict).toBe('wrong');
});

test('problem text keeps TeX backslashes and turns an escaped backtick into code', async () => {
  const { t } = await import('~/problems/text');
  const { renderText } = await import('~/problems/render');
  const html = renderText(t`read \`config.json\` and $2 \cdot ${3}$`, 'en');
  expect(html).toContain('<code>config.json</code>');
  expect(html).toContain('katex');
  expect(html).not.toContain('\\`');
});
