import { test, expect } from 'vitest';
import fc from 'fast-check';
import { wrapText, ELLIPSIS, type MeasureText } from '../../../src/og/wrap';
import { loadMeasurer } from '../../../src/og/fonts';

// Real advance widths from the bundled Noto Sans SC files, shaped by HarfBuzz as satori shapes them.
const en = await loadMeasurer('en');
const zh = await loadMeasurer('zh-CN');
const body: MeasureText = en({ fontSize: 34, fontWeight: 400 });
const zhBody: MeasureText = zh({ fontSize: 34, fontWeight: 400 });
const zhTitle: MeasureText = zh({ fontSize: 66, fontWeight: 700 });

const word = fc
  .tuple(fc.stringMatching(/^[A-Za-z]{1,14}$/), fc.constantFrom('', '', '', ',', '.', ';', ':', '?'))
  .map(([letters, punctuation]) => letters + punctuation);
const balance = fc.constantFrom(undefined, 'even' as const, 'pretty' as const);

test('the documented example: a 10 px monospace, 200 px lines', () => {
  const measure = (text: string) => text.length * 10;
  expect(wrapText('Why are most LLMs decoder-only?', { maxWidth: 200, maxLines: 2, measure })).toEqual({
    lines: ['Why are most LLMs', 'decoder-only?'],
    clamped: false,
  });
  expect(wrapText('Why are most LLMs decoder-only?', { maxWidth: 200, maxLines: 1, measure })).toEqual({ lines: ['Why are most LLMs…'], clamped: true });
});

test('never splits a Latin word across lines (fast-check over random English text)', () => {
  fc.assert(
    fc.property(
      fc.array(word, { minLength: 1, maxLength: 60 }),
      fc.integer({ min: 450, max: 1040 }),
      fc.integer({ min: 1, max: 6 }),
      balance,
      (words, maxWidth, maxLines, mode) => {
        const { lines, clamped } = wrapText(words.join(' '), { maxWidth, maxLines, measure: body, balance: mode });
        const tokens = lines.join(' ').split(' ');
        if (!clamped) {
          expect(tokens).toEqual(words);
          return;
        }
        // Clamped: every word before the ellipsis is whole; the last one may only lose a trailing , ; or :
        const last = tokens.pop()!;
        expect(last.endsWith(ELLIPSIS)).toBe(true);
        expect(tokens).toEqual(words.slice(0, tokens.length));
        const cut = last.slice(0, -ELLIPSIS.length);
        if (cut) expect(cut).toBe(words[tokens.length]!.replace(/[,;:]+$/, ''));
      },
    ),
    { numRuns: 200 },
  );
});

// Mixed Chinese and English, with the punctuation of both.
const mixed = fc.oneof(
  // The most common Chinese characters, as they occur in the notes.
  fc.constantFrom(
    ...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严',
  ),
  fc.constantFrom(...'，。、：；？！）（「」“”'),
  fc.constantFrom(' ', ' ', 'GPT-4', 'RoPE', 'KV', 'LLaMA', '7B', 'encoder–decoder'),
);

test('no line is wider than the line width, in either language', () => {
  fc.assert(
    fc.property(
      fc.array(mixed, { minLength: 1, maxLength: 120 }),
      fc.integer({ min: 200, max: 1040 }),
      fc.integer({ min: 1, max: 6 }),
      balance,
      (parts, maxWidth, maxLines, mode) => {
        const text = parts.join('');
        for (const measure of [zhBody, zhTitle, body]) {
          const { lines } = wrapText(text, { maxWidth, maxLines, measure, balance: mode, cjkBreaks: mode === 'even' ? 'word' : 'character' });
          expect(lines.length).toBeLessThanOrEqual(maxLines);
          for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(maxWidth);
        }
      },
    ),
    { numRuns: 150 },
  );
});

test('Chinese wraps between characters, filling each line to within one character', () => {
  const text =
    '回答原笔记留空的问题位置编码决定能否超过训练长度可学习的绝对位置旋转位置编码与线性偏置如何扩展窗口注意力的平方级计算和线性增长的缓存以及名义长度与有效长度之间的差距';
  const maxWidth = 600;
  const { lines, clamped } = wrapText(text, { maxWidth, maxLines: 20, measure: zhBody });
  expect(clamped).toBe(false);
  expect(lines.join('')).toBe(text);
  expect(lines.length).toBeGreaterThan(3);
  for (const [i, line] of lines.entries()) {
    if (i === lines.length - 1) break;
    // The next line's first character did not fit on this one.
    expect(zhBody(line + lines[i + 1]![0])).toBeGreaterThan(maxWidth);
  }
});

test('a line never starts with closing punctuation nor ends with an opening bracket, unless nothing else fits', () => {
  fc.assert(
    fc.property(fc.array(mixed, { minLength: 1, maxLength: 120 }), fc.integer({ min: 200, max: 1040 }), (parts, maxWidth) => {
      // Without spaces, where a break is always allowed; the text's own first and last characters aside.
      const { lines } = wrapText(parts.join('').replaceAll(' ', ''), { maxWidth, maxLines: 50, measure: zhBody });
      // The one exception: a run of such marks wider than the line (fast-check found "，，，，，，" at 200 px)
      // must be cut somewhere; the cut then backs off as far as it can, leaving a single mark before it.
      const forced = (line: string) => [...line].length === 1;
      for (const [i, line] of lines.entries()) {
        if (i > 0 && '，。、：；？！）」”'.includes(line[0]!)) expect(forced(lines[i - 1]!)).toBe(true);
        if (i < lines.length - 1 && '（「“'.includes(line.at(-1)!)) expect(forced(line)).toBe(true);
      }
    }),
    { numRuns: 150 },
  );
});

test('the counterexample: six commas wider than 200 px are cut after the first, there being no other break', () => {
  expect(zhBody('，，，，，，')).toBeGreaterThan(200);
  expect(wrapText('，，，，，，', { maxWidth: 200, maxLines: 50, measure: zhBody }).lines).toEqual(['，', '，，，，，']);
  // With a break to take, the comma stays with the character before it.
  const { lines } = wrapText('模型，，，，，', { maxWidth: zhBody('模型，，，，'), maxLines: 50, measure: zhBody });
  expect(lines.slice(1).every((line) => !line.startsWith('，'))).toBe(true);
});

test('text longer than its lines is cut at a word and ends with an ellipsis', () => {
  const text =
    'Five things to weigh when training or adapting a Chinese LLM — the tokenizer and vocabulary, where data comes from and how it is cleaned and mixed, training from scratch versus continued pretraining.';
  const { lines, clamped } = wrapText(text, { maxWidth: 700, maxLines: 2, measure: body });
  expect(clamped).toBe(true);
  expect(lines).toHaveLength(2);
  expect(lines[1]!.endsWith(ELLIPSIS)).toBe(true);
  expect(text.startsWith(lines.join(' ').slice(0, -ELLIPSIS.length))).toBe(true);
  const fits = wrapText('Tokens and embeddings', { maxWidth: 700, maxLines: 2, measure: body });
  expect(fits).toEqual({ lines: ['Tokens and embeddings'], clamped: false });
});

test('clamped Chinese drops the comma before the ellipsis', () => {
  const { lines } = wrapText('本站引用的全部文献，每篇只列一次，作者、年份、标题、链接', {
    maxWidth: zhBody('本站引用的全部文献，每'),
    maxLines: 1,
    measure: zhBody,
  });
  expect(lines).toEqual([`本站引用的全部文献${ELLIPSIS}`]);
});

test('a word wider than a whole line is the only one hyphenated', () => {
  const title = en({ fontSize: 66, fontWeight: 700 });
  const text = 'A Pneumonoultramicroscopicsilicovolcanoconiosis is long';
  const { lines } = wrapText(text, { maxWidth: 500, maxLines: 10, measure: title });
  expect(lines[0]).toBe('A');
  expect(lines.filter((line) => line.endsWith('-')).length).toBeGreaterThanOrEqual(2);
  // Undo the hyphens: the text comes back whole, so only the long word was cut.
  expect(lines.reduce((text, line) => (text.endsWith('-') ? text.slice(0, -1) + line : `${text} ${line}`))).toBe(text);
  for (const line of lines) expect(title(line)).toBeLessThanOrEqual(500);
});

test('even balance keeps the number of lines and evens their lengths', () => {
  const text = 'Building SFT data, and why a model can seem dumber after SFT';
  const title = en({ fontSize: 66, fontWeight: 700 });
  const filled = wrapText(text, { maxWidth: 1040, maxLines: 3, measure: title });
  const even = wrapText(text, { maxWidth: 1040, maxLines: 3, measure: title, balance: 'even' });
  expect(even.lines).toHaveLength(filled.lines.length);
  const spread = (lines: string[]) => Math.max(...lines.map(title)) - Math.min(...lines.map(title));
  expect(spread(even.lines)).toBeLessThan(spread(filled.lines));
});

test('pretty balance moves a word down rather than leave it alone on the last line', () => {
  const text =
    'Estimate the GPU memory of full fine-tuning, freezing, LoRA, QLoRA and P-tuning v2 for a real model, with every component a cited formula; ZeRO sharding, offload and the largest batch that fits.';
  const filled = wrapText(text, { maxWidth: 1040, maxLines: 4, measure: body });
  const pretty = wrapText(text, { maxWidth: 1040, maxLines: 4, measure: body, balance: 'pretty' });
  expect(filled.lines.at(-1)).toBe('fits.');
  expect(pretty.lines).toHaveLength(filled.lines.length);
  expect(pretty.lines.at(-1)!.split(' ').length).toBeGreaterThan(1);
});

test("Chinese titles break between the dictionary's words with cjkBreaks: 'word'", () => {
  const { lines } = wrapText('因果语言模型、前缀语言模型与编码器-解码器', {
    maxWidth: 1040,
    maxLines: 2,
    measure: zhTitle,
    balance: 'even',
    cjkBreaks: 'word',
  });
  expect(lines).toEqual(['因果语言模型、前缀语言', '模型与编码器-解码器']);
});
