import { formatBytes, type ByteUnits } from '~/lib/format/format-bytes';
import { formatNumber } from '~/lib/format/format-number';

/** The site's two languages, as the pages' `lang` attributes name them. Chinese is the root locale. */
export type Lang = 'zh-CN' | 'en';

/** The language of a locale or `lang` value (`Astro.currentLocale`, `<html lang>`); anything not English reads Chinese. */
export function langOf(locale: string | undefined | null): Lang {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/** Display formatters for one language; the core keeps full precision and only these round. */
export interface Formatter {
  /** A number with `digits` decimals at most, grouped the reader's way. */
  n(value: number, digits?: number): string;
  /** Bytes in binary (GiB = 2^30) or decimal (GB = 10^9) units. */
  bytes(value: number, units?: ByteUnits): string;
  /** A share in [0, 1] as a percentage. */
  percent(share: number, digits?: number): string;
}

export function formatterFor(lang: Lang, defaultUnits: ByteUnits = 'binary'): Formatter {
  return {
    n: (value, digits = 0) => formatNumber(value, { lang, digits }),
    bytes: (value, units = defaultUnits) => formatBytes(value, units, lang),
    percent: (share, digits = 1) => `${formatNumber(share * 100, { lang, digits })}%`,
  };
}
