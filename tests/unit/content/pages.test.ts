import { describe, expect, test } from 'vitest';
import { PAGE_SLUGS, allPages, headingIds, pageExists } from './pages';

describe('every page exists in both languages', () => {
  for (const slug of PAGE_SLUGS) {
    test(`${slug} has a Chinese and an English page`, () => {
      expect({ zh: pageExists(slug, 'zh'), en: pageExists(slug, 'en') }).toEqual({ zh: true, en: true });
    });
  }

  test('every page but the 404 page has a counterpart in the other language', () => {
    const pages = allPages();
    const key = (p: { slug: string; lang: string }) => `${p.lang}:${p.slug}`;
    const have = new Set(pages.map(key));
    const missing = pages
      .map((p) => ({ slug: p.slug, lang: p.lang === 'zh' ? 'en' : 'zh' }))
      .filter((p) => p.slug !== '404' && !have.has(key(p)))
      .map(key);
    expect(missing).toEqual([]);
  });

  test('the zh and en versions of a page have the same section ids in the same order', () => {
    const pages = allPages();
    const mismatched = pages
      .filter((p) => p.lang === 'zh')
      .flatMap((zh) => {
        const en = pages.find((p) => p.lang === 'en' && p.slug === zh.slug);
        if (!en) return [];
        const a = headingIds(zh.source);
        const b = headingIds(en.source);
        return a.join(' ') === b.join(' ') ? [] : [`${zh.slug}: zh [${a.join(', ')}] vs en [${b.join(', ')}]`];
      });
    expect(mismatched).toEqual([]);
  });
});
