import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import satori from 'satori';
import { Resvg } from '@resvg/resvg-js';

/** Open Graph card size recommended by Facebook, X and LinkedIn. */
export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

const require = createRequire(import.meta.url);
const fontFile = (name: string) => readFileSync(require.resolve(`@fontsource/noto-sans-sc/files/${name}`));

// Bundled at build time from the npm package: without a CJK face the Chinese titles would render as boxes.
let fonts: { name: string; data: Buffer; weight: 700; style: 'normal' }[] | undefined;
function loadFonts() {
  // Distinct names: satori keeps one font per (name, weight, style).
  fonts ??= ['latin', 'chinese-simplified'].map((subset) => ({
    name: `Noto Sans SC ${subset}`,
    data: fontFile(`noto-sans-sc-${subset}-700-normal.woff`),
    weight: 700 as const,
    style: 'normal' as const,
  }));
  return fonts;
}

type Node = { type: string; props: { style?: Record<string, unknown>; children?: (Node | string)[] | Node | string } };
const h = (type: string, style: Record<string, unknown>, children: (Node | string)[] | string): Node => ({ type, props: { style, children } });

export interface OgCard {
  siteName: string;
  title: string;
  description: string;
}

/**
 * Renders a page's social card as PNG. Fails when a character of the text has no glyph in the bundled
 * fonts, instead of publishing a card with boxes in it.
 */
export async function renderOgImage(card: OgCard): Promise<Buffer> {
  const tree = h(
    'div',
    { width: '100%', height: '100%', display: 'flex', flexDirection: 'column', justifyContent: 'space-between', padding: '64px 72px', background: '#17181c', color: '#f3f4f6', fontFamily: 'Noto Sans SC latin, Noto Sans SC chinese-simplified' },
    [
      h('div', { fontSize: 30, color: '#a5b4fc' }, card.siteName),
      h('div', { display: 'flex', flexDirection: 'column', gap: 24, width: OG_WIDTH - 144 }, [
        h('div', { fontSize: card.title.length > 24 ? 56 : 68, lineHeight: 1.2, wordBreak: 'break-all' }, card.title),
        // CJK text has no spaces to break at.
        h('div', { fontSize: 28, lineHeight: 1.45, color: '#c7c9d1', maxHeight: 124, overflow: 'hidden', wordBreak: 'break-all' }, card.description),
      ]),
    ],
  );
  const missing: string[] = [];
  const svg = await satori(tree as never, {
    width: OG_WIDTH,
    height: OG_HEIGHT,
    fonts: loadFonts(),
    // Satori asks for more fonts only when a glyph is missing from the ones given.
    loadAdditionalAsset: async (code: string, segment: string) => {
      if (code !== 'emoji') missing.push(segment);
      return [];
    },
  });
  if (missing.length > 0) throw new Error(`Open Graph card "${card.title}": no glyph for ${JSON.stringify(missing.join(''))}`);
  return new Resvg(svg, { fitTo: { mode: 'width', value: OG_WIDTH }, font: { loadSystemFonts: false } }).render().asPng();
}
