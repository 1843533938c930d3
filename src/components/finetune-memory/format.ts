import { formatNumber } from '../../lib/format-number';

export type Lang = 'zh-CN' | 'en';

/** Binary units (GiB = 2^30 bytes), as PyTorch and nvidia-smi report memory. */
export function formatBytes(bytes: number, lang: Lang): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(value, { lang, digits: unit === 0 ? 0 : 2 })} ${units[unit]}`;
}

export function formatCount(n: number, lang: Lang): string {
  return formatNumber(n, { lang });
}

export function formatPercent(fraction: number, lang: Lang): string {
  const pct = fraction * 100;
  return `${formatNumber(pct, { lang, digits: pct >= 10 ? 1 : pct >= 0.1 ? 2 : 4 })}%`;
}

/** Bytes per parameter, e.g. 2, 0.5, 4. */
export function formatBytesPerParam(n: number, lang: Lang): string {
  return formatNumber(n, { lang, digits: 3 });
}
