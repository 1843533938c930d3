import { expect, test } from 'vitest';
import { matchesPublishedCount, parsePublishedCount } from '~/lib/model/published-count';

test('reads suffixed counts with the rounding their digits imply', () => {
  expect(parsePublishedCount('7.24B')).toEqual({ value: 7_240_000_000, halfUnit: 5_000_000 });
  expect(parsePublishedCount('124M')).toEqual({ value: 124_000_000, halfUnit: 500_000 });
  expect(parsePublishedCount('13B')).toEqual({ value: 13e9, halfUnit: 5e8 });
});

test('reads exact counts with thousands separators', () => {
  expect(parsePublishedCount('6,738,415,616')).toEqual({ value: 6_738_415_616, halfUnit: 0.5 });
});

test('rejects text that is not a count', () => {
  for (const bad of ['', 'seven billion', '7.2.4B', '1,23B', '7b']) expect(() => parsePublishedCount(bad)).toThrow(RangeError);
});

test('a count matches within 0.2% or the published rounding, whichever is looser', () => {
  expect(matchesPublishedCount(6_921_720_704, '7B')).toBe(true);
  expect(matchesPublishedCount(7_600_000_000, '7B')).toBe(false);
  expect(matchesPublishedCount(6_738_415_616 * 1.0019, '6,738,415,616')).toBe(true);
  expect(matchesPublishedCount(6_738_415_616 * 1.0021, '6,738,415,616')).toBe(false);
});
