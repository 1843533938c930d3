import { test, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { renderOgImage, OG_WIDTH, OG_HEIGHT } from '../../../src/og/render';
import { ogImageSlug } from '../../../src/og/slug';

const card = { siteName: 'LLM 学习笔记（校订版）', title: '多头、多查询与分组查询注意力', description: 'KV 缓存随上下文长度线性增长。' };

test('renders a Chinese card as a 1200×630 PNG with the bundled font', async () => {
  const png = await renderOgImage(card);
  expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  expect(png.readUInt32BE(16)).toBe(OG_WIDTH);
  expect(png.readUInt32BE(20)).toBe(OG_HEIGHT);
  if (process.env.OG_DEBUG) writeFileSync(process.env.OG_DEBUG, png);
});

test('refuses text the bundled fonts cannot draw rather than printing boxes', async () => {
  await expect(renderOgImage({ ...card, title: '한국어 제목' })).rejects.toThrow(/no glyph for/);
});

test('home pages get named card files', () => {
  expect(ogImageSlug('index')).toBe('index');
  expect(ogImageSlug('en')).toBe('en/index');
  expect(ogImageSlug('en/context-length')).toBe('en/context-length');
});
