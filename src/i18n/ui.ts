/** Site-wide UI strings that Starlight does not provide, one table per language. */
export const ui = {
  'zh-CN': {
    'copyLink.copied': '链接已复制',
    'copyLink.failed': '无法复制，请从地址栏复制链接',
    'sidebar.calculators': '计算器',
    'sidebar.earlier': '前面的页面',
    'sidebar.later': '后面的页面',
  },
  en: {
    'copyLink.copied': 'Link copied',
    'copyLink.failed': 'Could not copy; copy the link from the address bar',
    'sidebar.calculators': 'Calculators',
    'sidebar.earlier': 'Earlier pages',
    'sidebar.later': 'Later pages',
  },
} as const;

export type Lang = keyof typeof ui;

/** The table for a `<html lang>` value; anything that is not English reads Chinese, the root locale. */
export function uiStrings(lang: string | undefined) {
  return lang?.toLowerCase().startsWith('en') ? ui.en : ui['zh-CN'];
}
