/**
 * Checks the social cards in `dist/og/` after `npm run build`, by decoding each PNG:
 *  1. every card is 1200×630;
 *  2. its outer band (EMPTY_BAND px on each side) is background only: no text or shape touches the margins,
 *     so nothing was cut off at an edge;
 *  3. something is drawn inside the band (the card is not blank);
 *  4. every page's og:image names a card that exists.
 * Prints every problem and exits non-zero if there is one.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { htmlFiles, readHtml, decodeEntities } from './dist-pages.mjs';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
/** Must equal GEOMETRY.emptyBand in src/og/layout.ts (a unit test holds them together). */
export const EMPTY_BAND = 40;

/**
 * What is wrong with one decoded card (`PNG.sync.read` output), as messages; empty when nothing is.
 * The background is the colour of the top-left pixel.
 *
 * @param {{ width: number, height: number, data: Uint8Array }} png
 * @returns {string[]}
 */
export function cardProblems(png, band = EMPTY_BAND) {
  const { width, height, data } = png;
  if (width !== CARD_WIDTH || height !== CARD_HEIGHT) return [`is ${width}×${height}, not ${CARD_WIDTH}×${CARD_HEIGHT}`];
  const background = data.readUInt32BE(0);
  let inBand = 0;
  let inside = 0;
  const box = { left: width, top: height, right: -1, bottom: -1 };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data.readUInt32BE((y * width + x) * 4) === background) continue;
      if (x < band || y < band || x >= width - band || y >= height - band) {
        inBand++;
        box.left = Math.min(box.left, x);
        box.top = Math.min(box.top, y);
        box.right = Math.max(box.right, x);
        box.bottom = Math.max(box.bottom, y);
      } else {
        inside++;
      }
    }
  }
  const problems = [];
  if (inBand > 0) {
    problems.push(`${inBand} pixels drawn in the ${band} px margin band, within x ${box.left}–${box.right}, y ${box.top}–${box.bottom}`);
  }
  if (inside === 0) problems.push('nothing is drawn: the card is blank');
  return problems;
}

/** Every PNG under `dir`, as paths relative to it with forward slashes. */
function pngFiles(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.png'))
    .map((f) => f.split(sep).join('/'))
    .sort();
}

function main(dist = 'dist') {
  const problems = [];
  const cardsDir = join(dist, 'og');
  const cards = existsSync(cardsDir) ? pngFiles(cardsDir) : [];
  if (cards.length === 0) problems.push(`${cardsDir}: no cards`);
  for (const card of cards) {
    for (const problem of cardProblems(PNG.sync.read(readFileSync(join(cardsDir, card))))) problems.push(`og/${card}: ${problem}`);
  }
  for (const file of htmlFiles(dist)) {
    const image = /<meta property="og:image" content="([^"]+)"/.exec(readHtml(dist, file))?.[1];
    if (!image) continue;
    const pathname = new URL(decodeEntities(image)).pathname;
    const card = pathname.slice(pathname.indexOf('/og/') + 1);
    if (!existsSync(join(dist, card))) problems.push(`${file}: og:image ${image} has no card at ${join(dist, card)}`);
  }
  for (const problem of problems) console.error(`✗ ${problem}`);
  if (problems.length > 0) {
    console.error(`check-og: ${problems.length} problem(s) in ${relative('.', cardsDir)}`);
    process.exit(1);
  }
  console.log(`check-og: ${cards.length} cards, margins clear, every og:image present`);
}

// DIST_DIR as for check-dist.mjs: the sub-path build is checked the same way (DIST_DIR=dist-base).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.env.DIST_DIR ?? 'dist');
