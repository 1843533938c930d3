import type { OgCard } from './card';
import type { FontWeight, Measurer } from './fonts';
import { wrapText } from './wrap';

/** Open Graph card size recommended by Facebook, X and LinkedIn. */
export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

/**
 * Where things go, in pixels of the 1200×630 card. Text sizes are chosen for the card shown about 500 px
 * wide in chat apps (scale ≈ 0.42): the description's 34 px reads as 14 px there, the smallest line as 12.5 px.
 */
export const GEOMETRY = {
  padX: 80,
  padTop: 60,
  padBottom: 60,
  /** The outer band every card keeps empty (background only); `scripts/check-og.mjs` checks it in dist. */
  emptyBand: 40,
  headerHeight: 48,
  headerGap: 40,
  titleGap: 26,
  calculatorGap: 22,
} as const;

export const CONTENT_WIDTH = OG_WIDTH - 2 * GEOMETRY.padX;

export interface TextStyleSpec {
  fontSize: number;
  fontWeight: FontWeight;
  /** Line box height as a multiple of the font size. */
  lineHeight: number;
}

const TITLE_LARGE: TextStyleSpec = { fontSize: 66, fontWeight: 700, lineHeight: 1.18 };
const TITLE_SMALL: TextStyleSpec = { fontSize: 56, fontWeight: 700, lineHeight: 1.2 };
const DESCRIPTION: TextStyleSpec = { fontSize: 34, fontWeight: 400, lineHeight: 1.45 };
export const HEADER: TextStyleSpec = { fontSize: 30, fontWeight: 700, lineHeight: 1.2 };
export const SECTION: TextStyleSpec = { fontSize: 27, fontWeight: 700, lineHeight: 1.2 };
const CALCULATOR_LINE: TextStyleSpec = { fontSize: 30, fontWeight: 700, lineHeight: 1.3 };
const DESCRIPTION_MAX_LINES = 4;

export interface TextBlock extends TextStyleSpec {
  lines: string[];
  /** The text needed more lines than it was given; the last line ends with an ellipsis. */
  clamped: boolean;
}

export interface CardLayout {
  card: OgCard;
  title: TextBlock;
  description: TextBlock;
  /** What goes into the calculator, an arrow, what comes out; one line together. */
  calculatorLine?: { inputs: TextBlock; outputs: TextBlock };
}

/** Width of the drawn arrow between a calculator's inputs and outputs, with the space around it. */
export const ARROW_BOX = { width: 36, marginX: 14 } as const;

const lineBox = (style: TextStyleSpec) => Math.round(style.fontSize * style.lineHeight);
const blockHeight = (block: TextBlock) => block.lines.length * lineBox(block);

/**
 * Lays out a card: the title at 66 px on up to two lines, or at 56 px on up to three, with balanced line
 * lengths; the description on as many lines as are left (up to four); a calculator's one-line summary at the
 * bottom. Pure apart from the measurer, so the layout is unit-tested without rendering.
 */
export function layoutCard(card: OgCard, measurer: Measurer): CardLayout {
  const wrap = (text: string, style: TextStyleSpec, maxLines: number, maxWidth = CONTENT_WIDTH): TextBlock => ({
    ...style,
    ...wrapText(text, { maxWidth, maxLines, measure: measurer(style), balance: 'pretty' }),
  });
  // Titles break between words in Chinese too, with even line lengths: they read as phrases.
  const wrapTitle = (style: TextStyleSpec, maxLines: number): TextBlock => ({
    ...style,
    ...wrapText(card.title, { maxWidth: CONTENT_WIDTH, maxLines, measure: measurer(style), balance: 'even', cjkBreaks: 'word' }),
  });
  let title = wrapTitle(TITLE_LARGE, 2);
  if (title.clamped) title = wrapTitle(TITLE_SMALL, 3);

  let calculatorLine: CardLayout['calculatorLine'];
  if (card.calculatorLine) {
    // Both halves keep their full width when they fit together; otherwise the inputs get at most half.
    const measure = measurer(CALCULATOR_LINE);
    const textWidth = CONTENT_WIDTH - ARROW_BOX.width - 2 * ARROW_BOX.marginX;
    const fitsWhole = measure(card.calculatorLine.inputs) + measure(card.calculatorLine.outputs) <= textWidth;
    const inputs = wrap(card.calculatorLine.inputs, CALCULATOR_LINE, 1, fitsWhole ? textWidth : textWidth / 2);
    const outputsWidth = textWidth - Math.max(0, ...inputs.lines.map(measure));
    calculatorLine = { inputs, outputs: wrap(card.calculatorLine.outputs, CALCULATOR_LINE, 1, outputsWidth) };
  }
  const { padTop, padBottom, headerHeight, headerGap, titleGap, calculatorGap } = GEOMETRY;
  const used = padTop + headerHeight + headerGap + blockHeight(title) + titleGap + padBottom + (calculatorLine ? calculatorGap + lineBox(CALCULATOR_LINE) : 0);
  const descriptionLines = Math.min(DESCRIPTION_MAX_LINES, Math.floor((OG_HEIGHT - used) / lineBox(DESCRIPTION)));
  const description = wrap(card.description, DESCRIPTION, Math.max(1, descriptionLines));
  return { card, title, description, ...(calculatorLine ? { calculatorLine } : {}) };
}

export { lineBox };
