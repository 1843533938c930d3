import satori from 'satori';
import { renderAsync } from '@resvg/resvg-js';
import type { OgCard } from './card';
import { fontFamily, loadMeasurer, loadSatoriFonts, type CardLang } from './fonts';
import { ARROW_BOX, GEOMETRY, HEADER, OG_HEIGHT, OG_WIDTH, SECTION, layoutCard, lineBox, type CardLayout, type TextBlock } from './layout';

export { OG_WIDTH, OG_HEIGHT };

/**
 * Colours. Every text colour has at least 7:1 contrast with the background (WCAG 2.2 "enhanced", 1.4.6), so
 * thin CJK strokes stay readable when the card is shown at 500 px: title 17:1, site name 15:1, description
 * 12:1, section and calculator line 9:1 (computed in tests/unit/og/render.test.ts).
 */
export const COLORS = {
  background: '#15171d',
  title: '#f8fafc',
  description: '#cbd5e1',
  siteName: '#e2e8f0',
  accent: '#a5b4fc',
  pillBorder: '#4f46e5',
  logo: '#4f46e5',
} as const;

/** A satori element: what `h` builds and what the cache key is computed from. */
export interface CardNode {
  type: string;
  props: { style?: Record<string, unknown>; children?: (CardNode | string)[] | string; [attr: string]: unknown };
}

const h = (type: string, style: Record<string, unknown>, children?: (CardNode | string)[] | string, attrs: Record<string, unknown> = {}): CardNode => ({
  type,
  props: { ...attrs, style, ...(children === undefined ? {} : { children }) },
});

/** The site's favicon (public/favicon.svg) as the card's logo. */
const logo = (size: number) =>
  h(
    'svg',
    { width: size, height: size },
    [
      h('rect', {}, undefined, { width: 32, height: 32, rx: 6, fill: COLORS.logo }),
      h('path', {}, undefined, { d: 'M8 9h3v11h6v3H8zM19 9h5v3h-2v11h-3z', fill: '#fff' }),
    ],
    { width: size, height: size, viewBox: '0 0 32 32' },
  );

/** A right arrow drawn as a path: neither bundled font has a glyph for "→". */
const arrow = (fontSize: number) => {
  const height = Math.round(fontSize * 0.6);
  return h(
    'svg',
    { width: ARROW_BOX.width, height, margin: `0 ${ARROW_BOX.marginX}px` },
    [
      h('path', {}, undefined, {
        d: 'M1 12h30M22 3l10 9-10 9',
        fill: 'none',
        stroke: COLORS.accent,
        'stroke-width': 3.2,
        'stroke-linecap': 'round',
        'stroke-linejoin': 'round',
      }),
    ],
    { width: ARROW_BOX.width, height, viewBox: '0 0 34 24' },
  );
};

/** Lines are broken by `wrapText`; satori only stacks them (`pre`: no wrapping of its own). */
const textBlock = (block: TextBlock, color: string, style: Record<string, unknown> = {}) =>
  h(
    'div',
    { display: 'flex', flexDirection: 'column', ...style },
    block.lines.map((line) =>
      h('div', { fontSize: block.fontSize, fontWeight: block.fontWeight, lineHeight: `${lineBox(block)}px`, whiteSpace: 'pre', color }, line),
    ),
  );

/** The card as a satori element tree: header (logo, site name, section), title, description, calculator line. */
export function cardTree(layout: CardLayout): CardNode {
  const { card } = layout;
  const { padTop, padX, padBottom, headerHeight, headerGap, titleGap, calculatorGap } = GEOMETRY;
  return h(
    'div',
    {
      width: OG_WIDTH,
      height: OG_HEIGHT,
      boxSizing: 'border-box',
      display: 'flex',
      flexDirection: 'column',
      padding: `${padTop}px ${padX}px ${padBottom}px`,
      background: COLORS.background,
      fontFamily: fontFamily(card.lang),
    },
    [
      h('div', { display: 'flex', alignItems: 'center', justifyContent: 'space-between', height: headerHeight }, [
        h('div', { display: 'flex', alignItems: 'center' }, [
          logo(44),
          h('div', { marginLeft: 18, fontSize: HEADER.fontSize, fontWeight: HEADER.fontWeight, color: COLORS.siteName, whiteSpace: 'pre' }, card.siteName),
        ]),
        h(
          'div',
          {
            display: 'flex',
            fontSize: SECTION.fontSize,
            fontWeight: SECTION.fontWeight,
            color: COLORS.accent,
            border: `2px solid ${COLORS.pillBorder}`,
            borderRadius: 999,
            padding: '3px 20px 5px',
            whiteSpace: 'pre',
          },
          card.section,
        ),
      ]),
      // Title and description sit in the middle of the space left, so a short card is not empty below.
      h('div', { display: 'flex', flexDirection: 'column', justifyContent: 'center', flexGrow: 1, paddingTop: headerGap }, [
        textBlock(layout.title, COLORS.title),
        textBlock(layout.description, COLORS.description, { marginTop: titleGap }),
      ]),
      ...(layout.calculatorLine
        ? [
            h('div', { display: 'flex', alignItems: 'center', paddingTop: calculatorGap }, [
              textBlock(layout.calculatorLine.inputs, COLORS.accent),
              arrow(layout.calculatorLine.inputs.fontSize),
              textBlock(layout.calculatorLine.outputs, COLORS.accent),
            ]),
          ]
        : []),
    ],
  );
}

/**
 * Draws a card tree as PNG. Fails when a character has no glyph in the bundled fonts, instead of
 * publishing a card with boxes in it. Rasterising runs off the main thread (resvg's renderAsync), so
 * several cards render at once.
 */
export async function renderTree(tree: CardNode, label: string): Promise<Buffer> {
  const missing: string[] = [];
  const svg = await satori(tree as never, {
    width: OG_WIDTH,
    height: OG_HEIGHT,
    fonts: loadSatoriFonts(),
    // Satori asks for more fonts only when a glyph is missing from the ones given.
    loadAdditionalAsset: async (code: string, segment: string) => {
      if (code !== 'emoji') missing.push(segment);
      return [];
    },
  });
  if (missing.length > 0) throw new Error(`Open Graph card "${label}": no glyph for ${JSON.stringify(missing.join(''))}`);
  const image = await renderAsync(svg, { fitTo: { mode: 'width', value: OG_WIDTH }, font: { loadSystemFonts: false } });
  return image.asPng();
}

/** Lays out a card with the bundled fonts' metrics and returns its tree. */
export async function buildCardTree(card: OgCard): Promise<CardNode> {
  return cardTree(layoutCard(card, await loadMeasurer(card.lang as CardLang)));
}

/** Renders a page's social card as a 1200×630 PNG. */
export async function renderOgImage(card: OgCard): Promise<Buffer> {
  return renderTree(await buildCardTree(card), card.title);
}
