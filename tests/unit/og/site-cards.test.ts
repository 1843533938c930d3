import { test, expect, describe } from 'vitest';
import { PNG } from 'pngjs';
import satori from 'satori';
import { Resvg } from '@resvg/resvg-js';
import { sitePages, type SitePage } from './site-pages';
import { cardForEntry } from '../../../src/og/card';
import { loadMeasurer, loadSatoriFonts, type CardLang } from '../../../src/og/fonts';
import { CONTENT_WIDTH, GEOMETRY, layoutCard, type TextBlock } from '../../../src/og/layout';
import { cardTree, renderTree } from '../../../src/og/render';
import { entryLang } from '../../../src/og/section';
import { ELLIPSIS } from '../../../src/og/wrap';
import { cardProblems, EMPTY_BAND } from '../../../scripts/check-og.mjs';

const pages = sitePages();
const squash = (text: string) => text.replace(/\s+/g, '');
const longest = (list: SitePage[], width: (page: SitePage) => number) => list.reduce((a, b) => (width(b) > width(a) ? b : a));

function expectLinesFit(block: TextBlock, measure: (text: string) => number, maxWidth = CONTENT_WIDTH) {
  for (const line of block.lines) expect(measure(line)).toBeLessThanOrEqual(maxWidth);
}

describe.each(['zh-CN', 'en'] as CardLang[])('%s', (lang) => {
  const ofLang = pages.filter((page) => entryLang(page.id) === lang);

  test('the site has pages in this language to draw', () => {
    expect(ofLang.length).toBeGreaterThan(10);
  });

  // The longest title and the longest description of the site on one card, found by their drawn width, on a
  // prose page and on a calculator page (which also shows its one-line summary): the fullest cards there are.
  test.each(['prose', 'calculator'])('the longest title and the longest description fit, on a %s card', async (kind) => {
    const measurer = await loadMeasurer(lang);
    const titleWidth = measurer({ fontSize: 66, fontWeight: 700 });
    const bodyWidth = measurer({ fontSize: 34, fontWeight: 400 });
    const { title } = longest(ofLang, (page) => titleWidth(page.title));
    const { description } = longest(ofLang, (page) => bodyWidth(page.description));
    const calculator = ofLang.find((page) => page.id.includes('calculators/kv-cache'))!;
    const card = cardForEntry(kind === 'calculator' ? calculator.id : ofLang.find((p) => p.title === title)!.id, { title, description });
    const layout = layoutCard(card, measurer);

    // The whole title, never cut.
    expect(layout.title.clamped).toBe(false);
    expect(squash(layout.title.lines.join(''))).toBe(squash(title));
    expectLinesFit(layout.title, measurer(layout.title));
    // The description on several lines, ending in an ellipsis where it had to be cut.
    expect(layout.description.lines.length).toBeGreaterThanOrEqual(2);
    if (layout.description.clamped) expect(layout.description.lines.at(-1)!.endsWith(ELLIPSIS)).toBe(true);
    else expect(squash(layout.description.lines.join(''))).toBe(squash(description));
    expectLinesFit(layout.description, measurer(layout.description));
    if (kind === 'calculator') {
      expect(layout.calculatorLine?.outputs.clamped).toBe(false);
    }

    // Drawn: nothing in the margin band.
    const png = PNG.sync.read(await renderTree(cardTree(layout), title));
    expect(cardProblems(png)).toEqual([]);
  });
});

test('every page of the site gets its whole title and its whole calculator line', async () => {
  for (const page of pages) {
    const card = cardForEntry(page.id, page);
    const measurer = await loadMeasurer(card.lang);
    const layout = layoutCard(card, measurer);
    expect(layout.title.clamped, page.id).toBe(false);
    // "Notes" is the fallback for a page not in a chapter group yet.
    expect(['Notes', '笔记'], `${page.id}: add it to a group in CHAPTER_GROUPS, src/og/section.ts`).not.toContain(card.section);
    if (page.id.includes('calculators/')) {
      expect(layout.calculatorLine, `${page.id}: add its in → out line to CALCULATOR_LINES in src/og/section.ts`).toBeDefined();
      expect(layout.calculatorLine!.inputs.clamped, page.id).toBe(false);
      expect(layout.calculatorLine!.outputs.clamped, page.id).toBe(false);
    }
  }
});

test('the dist check uses the margin band the layout keeps', () => {
  expect(EMPTY_BAND).toBe(GEOMETRY.emptyBand);
  expect(GEOMETRY.padX - GEOMETRY.emptyBand).toBeGreaterThanOrEqual(20);
  expect(Math.min(GEOMETRY.padTop, GEOMETRY.padBottom) - GEOMETRY.emptyBand).toBeGreaterThanOrEqual(20);
});

test('the margin check flags text that runs into the edge, as the old cards did', async () => {
  // The old layout's defect: a description pushed past the bottom edge.
  const tree = {
    type: 'div',
    props: {
      style: {
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'flex-end',
        width: '100%',
        height: '100%',
        background: '#17181c',
        color: '#fff',
        fontFamily: 'Noto Sans SC latin',
        padding: '0 72px',
      },
      children: [
        {
          type: 'div',
          props: {
            style: { fontSize: 28, lineHeight: 1.45, marginBottom: -20 },
            children:
              'Five things to weigh when training or adapting a Chinese LLM — the tokenizer and vocabulary, where data comes from and how it is cleaned and mixed, training from scratch versus continued pretraining',
          },
        },
      ],
    },
  };
  const svg = await satori(tree as never, { width: 1200, height: 630, fonts: loadSatoriFonts() });
  const problems = cardProblems(PNG.sync.read(new Resvg(svg).render().asPng()));
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(/pixels drawn in the 40 px margin band/);
});
