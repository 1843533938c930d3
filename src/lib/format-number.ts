/**
 * Rounds for display only; the core keeps full precision.
 *
 * @example
 * formatNumber(6738415616, { lang: 'en' })                   // => '6,738,415,616'
 * formatNumber(0.5, { lang: 'zh-CN', digits: 2 })            // => '0.5'
 * formatNumber(13.476831232, { lang: 'en', digits: 2 })      // => '13.48'
 */
export function formatNumber(value: number, options: { lang: string; digits?: number; minDigits?: number }): string {
  if (!Number.isFinite(value)) throw new RangeError(`formatNumber: ${value} is not a finite number`);
  const locale = options.lang.toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN';
  return value.toLocaleString(locale, {
    maximumFractionDigits: options.digits ?? 0,
    minimumFractionDigits: options.minDigits ?? 0,
  });
}
