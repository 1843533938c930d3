import { test, expect } from 'vitest';
import fc from 'fast-check';
import { readUrlState, writeUrlState, type StateSchema } from '~/components/calculators/shared/url-state';

const schema = {
  seq: { kind: 'number', min: 1, max: 1_000_000, integer: true },
  dtype: { kind: 'enum', values: ['fp16', 'bf16', 'fp8'] },
  flash: { kind: 'boolean' },
  targets: { kind: 'set', values: ['q', 'k', 'v', 'o'] },
  text: { kind: 'text', maxLength: 10 },
} as const satisfies StateSchema;

const defaults = { seq: 4096, dtype: 'fp16', flash: true, targets: ['q', 'v'], text: 'hi' };

test('reads valid values under the calculator prefix', () => {
  const { state, notices } = readUrlState('?kv.seq=8192&kv.dtype=fp8&kv.flash=0&kv.targets=v,q,o&kv.text=abc', schema, defaults, 'kv.');
  expect(state).toEqual({ seq: 8192, dtype: 'fp8', flash: false, targets: ['q', 'v', 'o'], text: 'abc' });
  expect(notices).toEqual([]);
});

test('keeps defaults for missing keys and ignores keys it does not own', () => {
  const { state, notices } = readUrlState('?other=1&seq=99', schema, defaults, 'kv.');
  expect(state).toEqual(defaults);
  expect(notices).toEqual([]);
});

test('ignores an out-of-range number with a notice naming the bounds', () => {
  const { state, notices } = readUrlState('?kv.seq=-5', schema, defaults, 'kv.');
  expect(state.seq).toBe(4096);
  expect(notices).toEqual([{ key: 'kv.seq', value: '-5', reason: 'below-min', min: 1, max: 1_000_000 }]);
});

test('ignores 1e400, text and markup in a number field', () => {
  for (const raw of ['1e400', 'abc', '<img src=x onerror=alert(1)>']) {
    const { state, notices } = readUrlState(`?kv.seq=${encodeURIComponent(raw)}`, schema, defaults, 'kv.');
    expect(state.seq).toBe(4096);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.value).toBe(raw);
  }
});

test('rejects values outside an enum or a set, and repeated keys', () => {
  const { state, notices } = readUrlState('?kv.dtype=fp64&kv.targets=q,x&kv.flash=yes&kv.seq=1&kv.seq=2', schema, defaults, 'kv.');
  expect(state).toEqual(defaults);
  expect(notices.map((n) => [n.key, n.reason])).toEqual([
    ['kv.seq', 'repeated'],
    ['kv.dtype', 'not-allowed'],
    ['kv.flash', 'not-boolean'],
    ['kv.targets', 'not-allowed'],
  ]);
});

test('caps free text and truncates the echoed value', () => {
  const long = 'x'.repeat(100);
  const { state, notices } = readUrlState(`?kv.text=${long}`, schema, defaults, 'kv.');
  expect(state.text).toBe('hi');
  expect(notices[0]).toMatchObject({ reason: 'too-long', maxLength: 10 });
  expect(notices[0]!.value.length).toBeLessThanOrEqual(41);
});

test('writes only values that differ from the defaults, keeping other parameters', () => {
  const search = writeUrlState('?other=1&kv.seq=2', schema, { ...defaults, seq: 8192 }, defaults, 'kv.');
  expect(search).toBe('?other=1&kv.seq=8192');
  expect(writeUrlState('?kv.seq=2', schema, defaults, defaults, 'kv.')).toBe('');
});

test('never writes a number that reading would reject', () => {
  expect(writeUrlState('', schema, { ...defaults, seq: Number.NaN }, defaults, 'kv.')).toBe('');
});

test('what is written reads back to the same state', () => {
  const stateArb = fc.record({
    seq: fc.integer({ min: 1, max: 1_000_000 }),
    dtype: fc.constantFrom('fp16', 'bf16', 'fp8'),
    flash: fc.boolean(),
    targets: fc.subarray(['q', 'k', 'v', 'o']),
    text: fc.string({ maxLength: 10 }),
  });
  fc.assert(
    fc.property(stateArb, (state) => {
      const search = writeUrlState('?keep=me', schema, state, defaults, 'kv.');
      const read = readUrlState(search, schema, defaults, 'kv.');
      expect(read.notices).toEqual([]);
      expect(read.state).toEqual(state);
      expect(new URLSearchParams(search).get('keep')).toBe('me');
    }),
  );
});
