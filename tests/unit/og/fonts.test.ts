import { test, expect } from 'vitest';
import satori from 'satori';
import { loadMeasurer, loadSatoriFonts, fontFamily, type CardLang, type TextStyle } from '../../../src/og/fonts';

/** Lays out one line with satori in a box as wide as its text and reads the box's width from the SVG. */
async function satoriWidth(text: string, lang: CardLang, { fontSize, fontWeight }: TextStyle): Promise<number> {
  const tree = {
    type: 'div',
    props: {
      style: { display: 'flex', width: '100%', height: '100%', background: '#000', fontFamily: fontFamily(lang), alignItems: 'flex-start' },
      children: [{ type: 'div', props: { style: { fontSize, fontWeight, whiteSpace: 'pre', background: '#f00', color: '#f00' }, children: text } }],
    },
  };
  const svg = await satori(tree as never, { width: 2400, height: 200, fonts: loadSatoriFonts() });
  // The box's background is drawn as a rect as wide as satori laid the text out (rounded to the pixel).
  const match = svg.match(/<rect[^>]*width="([\d.]+)"[^>]*fill="#f00"/);
  expect(match).not.toBeNull();
  return Number(match![1]);
}

const samples: [string, CardLang, TextStyle][] = [
  ['Pretraining or fine-tuning: where does knowledge come from?', 'en', { fontSize: 64, fontWeight: 700 }],
  ['MHA, MQA, GQA (and MLA) differ in how many copies — “low-rank”', 'en', { fontSize: 34, fontWeight: 400 }],
  ['因果语言模型、前缀语言模型与编码器-解码器', 'zh-CN', { fontSize: 64, fontWeight: 700 }],
  ['位置编码决定能否超过训练长度（可学习的绝对位置、RoPE、ALiBi），“变傻”', 'zh-CN', { fontSize: 34, fontWeight: 400 }],
];

test.each(samples)('measures "%s" (%s) as satori lays it out, to the pixel', async (text, lang, style) => {
  const measure = (await loadMeasurer(lang))(style);
  expect(Math.abs(measure(text) - (await satoriWidth(text, lang, style)))).toBeLessThan(1);
});
