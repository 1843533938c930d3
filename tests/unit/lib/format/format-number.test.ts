import { test, expect } from 'vitest';
import { formatNumber } from '~/lib/format/format-number';
import { embeddingParams } from '~/lib/model/embedding';

test('groups digits for both locales', () => {
  expect(formatNumber(6738415616, { lang: 'en' })).toBe('6,738,415,616');
  expect(formatNumber(6738415616, { lang: 'zh-CN' })).toBe('6,738,415,616');
});

test('rounds only to the requested digits', () => {
  expect(formatNumber(13.476831232, { lang: 'en', digits: 2 })).toBe('13.48');
  expect(formatNumber(0.5, { lang: 'en', digits: 2, minDigits: 2 })).toBe('0.50');
});

test('refuses to format a non-finite number', () => {
  expect(() => formatNumber(Number.NaN, { lang: 'en' })).toThrow(/not a finite number/);
});

test('embedding parameters are vocabulary times hidden size', () => {
  expect(embeddingParams(32000, 4096)).toBe(131_072_000);
  expect(() => embeddingParams(0, 4096)).toThrow(/vocabSize/);
});
