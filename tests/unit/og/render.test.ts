import { test, expect } from 'vitest';
import { PNG } from 'pngjs';
import { renderOgImage, OG_WIDTH, OG_HEIGHT, COLORS } from '../../../src/og/render';
import { cardForEntry } from '../../../src/og/card';
import { ogImageSlug } from '../../../src/og/slug';

const card = cardForEntry('attention-variants', { title: '多头、多查询与分组查询注意力', description: 'KV 缓存随上下文长度线性增长。' });

test('renders a Chinese card as a 1200×630 PNG with the bundled font', async () => {
  const png = PNG.sync.read(await renderOgImage(card));
  expect([png.width, png.height]).toEqual([OG_WIDTH, OG_HEIGHT]);
});

test('refuses text the bundled fonts cannot draw rather than printing boxes', async () => {
  await expect(renderOgImage({ ...card, title: '한국어 제목' })).rejects.toThrow(/no glyph for/);
});

test('home pages get named card files', () => {
  expect(ogImageSlug('index')).toBe('index');
  expect(ogImageSlug('en')).toBe('en/index');
  expect(ogImageSlug('en/context-length')).toBe('en/context-length');
});

// Relative luminance and contrast ratio as WCAG 2.2 defines them:
// https://www.w3.org/TR/WCAG22/#dfn-relative-luminance, https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio
const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
};

test('every text colour has at least 7:1 contrast with the background (WCAG 2.2, 1.4.6)', () => {
  for (const color of [COLORS.title, COLORS.description, COLORS.siteName, COLORS.accent]) {
    expect(contrast(color, COLORS.background)).toBeGreaterThanOrEqual(7);
  }
  expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 5);
});
