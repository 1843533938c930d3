/**
 * Rounds for display only; the core keeps full precision.
 *
 * @example
 * formatNumber(6738415616, { lang: 'en' })                   // => '6,738,415,616'
 * formatNumber(0.5, { lang: 'zh-CN', digits: 2 })            // => '0.5'
 * formatNumber(13.476831232, { lang: 'en', digits: 2 })      // => '13.48'
 */
import { OptionError } from '../errors';
export function formatNumber(value: number, options: { lang: string; digits?: number; minDigits?: number }): string {
  if (!Number.isFinite(value)) throw new OptionError('value', 'not-number', value, undefined, `formatNumber: ${value} is not a finite number`);
  return formatter(options.lang.toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN', options.digits ?? 0, options.minDigits ?? 0).format(value);
}

/**
 * One Intl.NumberFormat per (locale, digits): building one costs tens of microseconds, and a calculator formats
 * hundreds of numbers as it hydrates (`toLocaleString` with options builds a new one on every call).
 */
const formatters = new Map<string, Intl.NumberFormat>();
function formatter(locale: string, maximumFractionDigits: number, minimumFractionDigits: number): Intl.NumberFormat {
  const key = `${locale}|${maximumFractionDigits}|${minimumFractionDigits}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits, minimumFractionDigits });
    formatters.set(key, format);
  }
  return format;
}
