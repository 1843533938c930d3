/** The page's language for figure labels: 'en' under /en/, otherwise Chinese (the root locale). */
export type FigureLang = 'zh' | 'en';

export function figureLang(locale: string | undefined): FigureLang {
  return locale?.startsWith('en') ? 'en' : 'zh';
}

/** The locale `formatNumber` expects for a figure language. */
export function numberLocale(lang: FigureLang): string {
  return lang === 'en' ? 'en' : 'zh-CN';
}
