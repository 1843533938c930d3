import { bodyOf } from './pages';

/**
 * Byte counts in prose come from src/lib, through <Num>, so the text cannot drift from the calculators.
 *
 * The rule: after removing frontmatter, import/export lines, fenced and inline code, KaTeX ($…$ and $$…$$),
 * <Num …/> elements, the attributes of every JSX tag (NotesClaim quotes, Cite locators…), HTML comments,
 * Markdown blockquotes and quoted text (“…”, 「…」, ‘…’, "…"), no number may stand directly before a byte unit:
 * B-suffixed units KB, KiB, MB, MiB, GB, GiB, TB, TiB, PB, PiB (any case of the prefix), "byte(s)" or 字节,
 * optionally separated by a space, a no-break space or a thin space. The number must start a word: the 8 of
 * "UTF-8 bytes" is part of a name, not a count. A unit definition ("1 GiB = $2^{30}$ bytes") is not a count either:
 * a match followed by "=" is skipped. A bare "B" is not a byte unit here (7B
 * means 7 billion parameters), and bits are not bytes. A figure quoted from a source goes in quotation marks;
 * a formula's constants go in KaTeX ($16\Psi$ bytes).
 */
export function proseOf(source: string): string {
  return bodyOf(source)
    .replace(/^```[^]*?^```/gm, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\$\$[^]*?\$\$/g, ' ')
    .replace(/\$[^$\n]*\$/g, ' ')
    .replace(/<Num\b[^]*?\/>/g, ' ')
    .replace(/<[A-Za-z][\w.]*((?:\s+[\w-]+(?:=(?:"[^"]*"|\{[^}]*\}))?)*)\s*\/?>/g, ' ')
    .replace(/<!--[^]*?-->/g, ' ')
    .replace(/^>.*$/gm, ' ')
    .replace(/“[^”]*”|「[^」]*」|‘[^’]*’|"[^"\n]*"/g, ' ');
}

const BYTE_COUNT = /(?<![\p{L}\d.\-_])\d(?:[\d,.]*\d)?(?:[ \u00a0\u2009\u202f]|&nbsp;)?(?:[kKmMgGtTpP]i?B|bytes?|字节)(?![A-Za-z])(?!\s*=)/gu;

export function handTypedByteCounts(source: string): string[] {
  return [...proseOf(source).matchAll(BYTE_COUNT)].map((m) => m[0]);
}
