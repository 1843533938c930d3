import { expect, test } from 'vitest';
import { attempt, keepLastGood } from '~/components/calculators/shared/last-good';

test('keeps the last good value through failures, per key', () => {
  const kept = keepLastGood<number, string, 'a' | 'b'>();
  expect(kept({ ok: false, error: 'x' }, 'a')).toEqual({ value: null, error: 'x' });
  expect(kept({ ok: true, value: 1 }, 'a')).toEqual({ value: 1, error: null });
  expect(kept({ ok: false, error: 'y' }, 'a')).toEqual({ value: 1, error: 'y' });
  expect(kept({ ok: true, value: 2 }, 'b')).toEqual({ value: 2, error: null });
  expect(kept({ ok: false, error: 'z' }, 'a').value).toBe(1);
});

test('attempt turns a throw into a reason', () => {
  expect(
    attempt(
      () => 3,
      () => 'no',
    ),
  ).toEqual({ ok: true, value: 3 });
  expect(
    attempt(
      () => {
        throw new RangeError('bad');
      },
      (e) => (e as Error).message,
    ),
  ).toEqual({ ok: false, error: 'bad' });
});
