import { expect, test } from 'vitest';
import { murmur3x86_32 } from '~/lib';

const utf8 = (s: string) => new TextEncoder().encode(s);
const hex = (h: number) => (h >>> 0).toString(16).padStart(8, '0');

test('reproduces the standard MurmurHash3_x86_32 test vectors', () => {
  expect(hex(murmur3x86_32(utf8(''), 0))).toBe('00000000');
  expect(hex(murmur3x86_32(utf8(''), 1))).toBe('514e28b7');
  expect(hex(murmur3x86_32(utf8('hello'), 0))).toBe('248bfa47');
  expect(hex(murmur3x86_32(utf8('The quick brown fox jumps over the lazy dog'), 0x9747b28c))).toBe('2fa826cd');
});

test('covers every tail length (1, 2 and 3 leftover bytes)', () => {
  // Reference values of Appleby's MurmurHash3_x86_32, seed 0 (smhasher; also the mmh3 Python package).
  expect(hex(murmur3x86_32(utf8('a'), 0))).toBe('3c2569b2');
  expect(hex(murmur3x86_32(utf8('ab'), 0))).toBe('9bbfd75f');
  expect(hex(murmur3x86_32(utf8('abc'), 0))).toBe('b3dd93fa');
  expect(hex(murmur3x86_32(utf8('abcd'), 0))).toBe('43ed676a');
});

test('returns a signed 32-bit int, as Java does', () => {
  const h = murmur3x86_32(utf8('hello'), 42);
  expect(Number.isInteger(h) && h >= -(2 ** 31) && h < 2 ** 31).toBe(true);
});
