import { test, expect } from 'vitest';
import { PNG } from 'pngjs';
import { renderOgImage, OG_WIDTH, OG_HEIGHT } from '../../../src/og/render';
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
