import { formatNumber } from '~/lib/format/format-number';
import type { Lang } from '~/components/calculators/shared/locale';

/** A number for display: up to `digits` significant digits, in the reader's locale. Full precision stays in the core. */
export function fmt(value: number, lang: Lang, digits = 4): string {
  if (!Number.isFinite(value)) return '—';
  return value.toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN', { maximumSignificantDigits: digits });
}

/** Whole numbers with grouping (bytes, counts). */
export function fmtInt(value: number, lang: Lang): string {
  return formatNumber(value, { lang });
}

/** A share as a percentage. */
export function fmtPercent(value: number, lang: Lang): string {
  return value.toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN', { style: 'percent', maximumSignificantDigits: 3 });
}
