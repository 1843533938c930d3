import { formatNumber } from '~/lib/format/format-number';

export type Lang = 'zh-CN' | 'en';

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
