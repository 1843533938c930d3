import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import LineBreaker from 'linebreak';
import type { MeasureText } from './wrap';

/**
 * The card's fonts: Noto Sans SC from the npm package, as fontsource splits it (a Latin file and a Simplified
 * Chinese file per weight). Nothing is fetched; without a CJK face Chinese titles would render as boxes.
 */
const require = createRequire(import.meta.url);

export type FontWeight = 400 | 700;
export type Script = 'latin' | 'chinese-simplified';
export type CardLang = 'zh-CN' | 'en';

export interface TextStyle {
  /** Pixels. */
  fontSize: number;
  fontWeight: FontWeight;
}

/** The family name satori knows a subset file by: satori keeps one font per (name, weight, style). */
export const familyName = (script: Script) => `Noto Sans SC ${script}`;

/**
 * Which file a glyph comes from first. Chinese cards put the CJK file first so punctuation shared by both
 * files (“ ” … —) takes its full-width Chinese form, as the site's own zh font stack does; English cards
 * put the Latin file first.
 */
export const scriptOrder = (lang: CardLang): Script[] => (lang === 'en' ? ['latin', 'chinese-simplified'] : ['chinese-simplified', 'latin']);

export const fontFamily = (lang: CardLang) => scriptOrder(lang).map(familyName).join(', ');

const WEIGHTS: FontWeight[] = [400, 700];
const SCRIPTS: Script[] = ['latin', 'chinese-simplified'];
const fontPath = (script: Script, weight: FontWeight) => require.resolve(`@fontsource/noto-sans-sc/files/noto-sans-sc-${script}-${weight}-normal.woff`);

export interface SatoriFont {
  name: string;
  data: Buffer;
  weight: FontWeight;
  style: 'normal';
}

let satoriFonts: SatoriFont[] | undefined;
/** The font list for satori; the same Buffers every time, because satori caches parsed fonts by identity. */
export function loadSatoriFonts(): SatoriFont[] {
  satoriFonts ??= SCRIPTS.flatMap((script) =>
    WEIGHTS.map((weight) => ({ name: familyName(script), data: readFileSync(fontPath(script, weight)), weight, style: 'normal' as const })),
  );
  return satoriFonts;
}

/**
 * Unpacks a WOFF 1.0 file into the plain sfnt (TrueType/OpenType) bytes HarfBuzz reads: each table is
 * zlib-compressed unless compressing did not make it smaller (W3C WOFF 1.0 §5, https://www.w3.org/TR/WOFF/).
 */
export function woffToSfnt(woff: Uint8Array): Uint8Array {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (view.getUint32(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 file (no wOFF signature)');
  const numTables = view.getUint16(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const offset = view.getUint32(at + 4);
    const compLength = view.getUint32(at + 8);
    const origLength = view.getUint32(at + 12);
    const stored = woff.subarray(offset, offset + compLength);
    return {
      tag: view.getUint32(at),
      checksum: view.getUint32(at + 16),
      data: compLength < origLength ? new Uint8Array(inflateSync(stored)) : stored,
    };
  });
  const headerBytes = 12 + 16 * numTables;
  const padded = (n: number) => (n + 3) & ~3;
  const total = tables.reduce((sum, t) => sum + padded(t.data.length), headerBytes);
  const sfnt = new Uint8Array(total);
  const out = new DataView(sfnt.buffer);
  const entrySelector = Math.floor(Math.log2(numTables));
  out.setUint32(0, view.getUint32(4)); // flavor: TrueType or CFF outlines
  out.setUint16(4, numTables);
  out.setUint16(6, 16 * 2 ** entrySelector);
  out.setUint16(8, entrySelector);
  out.setUint16(10, 16 * numTables - 16 * 2 ** entrySelector);
  let offset = headerBytes;
  tables.forEach((t, i) => {
    out.setUint32(12 + i * 16, t.tag);
    out.setUint32(12 + i * 16 + 4, t.checksum);
    out.setUint32(12 + i * 16 + 8, offset);
    out.setUint32(12 + i * 16 + 12, t.data.length);
    sfnt.set(t.data, offset);
    offset += padded(t.data.length);
  });
  return sfnt;
}

// harfbuzzjs 0.10 ships no types; these are the calls used here (see its hbjs.js).
interface HbFont {
  setScale(x: number, y: number): void;
}
interface HbFace {
  upem: number;
  collectUnicodes(): Uint32Array;
  destroy(): void;
}
interface HbBuffer {
  addText(text: string): void;
  guessSegmentProperties(): void;
  json(): { ax: number }[];
  destroy(): void;
}
interface HarfBuzz {
  createBlob(data: Uint8Array): { destroy(): void };
  createFace(blob: unknown, index: number): HbFace;
  createFont(face: HbFace): HbFont;
  createBuffer(): HbBuffer;
  shape(font: HbFont, buffer: HbBuffer): void;
}

interface ShapingFont {
  font: HbFont;
  upem: number;
  covers: Set<number>;
}

/** Measures text for one card language: `measurer(style)` returns the advance width in pixels of a string. */
export type Measurer = (style: TextStyle) => MeasureText;

let measurers: Promise<Map<CardLang, Measurer>> | undefined;

/**
 * Text widths as satori will lay them out: the same HarfBuzz (the version satori depends on), the same font
 * files, the same choice of file per character (the first in the family list that has the glyph; a space
 * stays with the run before it) and the same sum of shaped advances. Measuring with this is what lets the
 * wrapper break lines itself and still have every line fit the card.
 */
export async function loadMeasurer(lang: CardLang): Promise<Measurer> {
  measurers ??= (async () => {
    // Its module.exports is a promise; required, not imported, so ESM interop does not wrap it.
    const hb = (await require('harfbuzzjs')) as HarfBuzz;
    const load = (script: Script, weight: FontWeight): ShapingFont => {
      const blob = hb.createBlob(woffToSfnt(readFileSync(fontPath(script, weight))));
      const face = hb.createFace(blob, 0);
      const font = hb.createFont(face);
      const upem = face.upem;
      font.setScale(upem, upem);
      const covers = new Set(face.collectUnicodes());
      return { font, upem, covers };
    };
    const loaded = new Map(WEIGHTS.map((w) => [w, new Map(SCRIPTS.map((s) => [s, load(s, w)]))]));
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const shapeWidth = (f: ShapingFont, text: string) => {
      const buffer = hb.createBuffer();
      try {
        buffer.addText(text);
        buffer.guessSegmentProperties();
        hb.shape(f.font, buffer);
        return buffer.json().reduce((sum, g) => sum + g.ax, 0) / f.upem;
      } finally {
        buffer.destroy();
      }
    };
    const forLang = (lang: CardLang): Measurer => {
      const cache = new Map<string, number>();
      return ({ fontSize, fontWeight }) => {
        const byScript = loaded.get(fontWeight)!;
        const fonts = scriptOrder(lang).map((s) => byScript.get(s)!);
        const pick = (grapheme: string) => fonts.find((f) => f.covers.has(grapheme.codePointAt(0)!)) ?? fonts.at(-1)!;
        const runWidth = (text: string) => {
          const key = `${fontWeight}:${text}`;
          let em = cache.get(key);
          if (em === undefined) {
            em = 0;
            let run = '';
            let runFont: ShapingFont | undefined;
            for (const { segment } of segmenter.segment(text)) {
              const keep = runFont && /^\s$/.test(segment) && runFont.covers.has(segment.codePointAt(0)!);
              const font = keep ? runFont! : pick(segment);
              if (font !== runFont && run) {
                em += shapeWidth(runFont!, run);
                run = '';
              }
              runFont = font;
              run += segment;
            }
            if (run) em += shapeWidth(runFont!, run);
            cache.set(key, em);
          }
          return em * fontSize;
        };
        // Satori shapes each piece between two line-break opportunities on its own (no kerning across
        // "fine-|tuning"), so the width of a line is the sum of its pieces' widths.
        return (text) => {
          let width = 0;
          let last = 0;
          const breaker = new LineBreaker(text);
          for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
            width += runWidth(text.slice(last, bk.position));
            last = bk.position;
          }
          return width;
        };
      };
    };
    return new Map<CardLang, Measurer>([
      ['zh-CN', forLang('zh-CN')],
      ['en', forLang('en')],
    ]);
  })();
  return (await measurers).get(lang)!;
}
