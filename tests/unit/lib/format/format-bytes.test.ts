import { expect, test } from 'vitest';
import fc from 'fast-check';
import { formatBytes, bytesUnitPower } from '~/lib/format/format-bytes';

test('binary units: 800 KiB per token, 0.5 MiB shown as 512 KiB, 2 GiB', () => {
  expect(formatBytes(819200, 'binary', 'en')).toBe('800 KiB');
  expect(formatBytes(524288, 'binary', 'en')).toBe('512 KiB');
  expect(formatBytes(2 ** 31, 'binary', 'en')).toBe('2 GiB');
});

test('decimal units: the same 819,200 bytes are 819.2 kB; 1,677,721,600 B are 1.68 GB', () => {
  expect(formatBytes(819200, 'decimal', 'en')).toBe('819.2 kB');
  expect(formatBytes(1_677_721_600, 'decimal', 'en')).toBe('1.68 GB');
});

test('small counts stay in bytes', () => {
  expect(formatBytes(0, 'binary', 'en')).toBe('0 B');
  expect(formatBytes(0.5, 'binary', 'en')).toBe('0.5 B');
});

test('the chosen unit keeps the shown number below the next unit', () => {
  fc.assert(
    fc.property(fc.double({ min: 1, max: 1e20, noNaN: true }), fc.constantFrom('binary' as const, 'decimal' as const), (bytes, units) => {
      const power = bytesUnitPower(bytes, units);
      const base = units === 'binary' ? 1024 : 1000;
      expect(bytes / base ** power).toBeGreaterThanOrEqual(1);
      if (power < 6) expect(bytes / base ** power).toBeLessThan(base);
    }),
  );
});
