/**
 * Byte counts for display, in binary units (KiB, MiB, GiB = 2^30 B) or decimal ones (kB, MB, GB = 10^9 B).
 * Papers mix the two (PagedAttention's "800 KB" is 800 KiB), so the unit system is always explicit.
 *
 * @example
 * formatBytes(524288, 'binary', 'en')   // => '512 KiB'
 * formatBytes(524288, 'decimal', 'en')  // => '524.29 kB'
 * formatBytes(2 ** 31, 'binary', 'en')  // => '2 GiB'
 */
import { formatNumber } from './format-number';

export type ByteUnits = 'binary' | 'decimal';

const NAMES: Record<ByteUnits, readonly string[]> = {
  binary: ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'],
  decimal: ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'],
};

/** The value expressed in one unit (index 0 = bytes, 3 = GiB/GB). */
export function bytesIn(bytes: number, units: ByteUnits, power: number): number {
  return bytes / (units === 'binary' ? 1024 : 1000) ** power;
}

/** Largest unit in which `bytes` is at least 1 (bytes below 1 stay in B). */
export function bytesUnitPower(bytes: number, units: ByteUnits): number {
  const base = units === 'binary' ? 1024 : 1000;
  let power = 0;
  while (power < NAMES[units].length - 1 && Math.abs(bytes) >= base ** (power + 1)) power++;
  return power;
}

export function byteUnitName(units: ByteUnits, power: number): string {
  return NAMES[units][power]!;
}

export function formatBytes(bytes: number, units: ByteUnits, lang: string, digits = 2): string {
  const power = bytesUnitPower(bytes, units);
  return `${formatNumber(bytesIn(bytes, units, power), { lang, digits })} ${byteUnitName(units, power)}`;
}
