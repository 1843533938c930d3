import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { allPages, bodyOf, tagsNamed } from './pages';
import { fingerprint, normalizeForOverlap } from './normalize';

/**
 * No run of 40 or more characters of the notes (after normalization: NFKC, lowercase, letters and digits
 * only) appears in a page outside a NotesClaim quote. The notes' text is not in the repository: their
 * 40-character windows are committed as hashes (scripts/notes-fingerprints.mjs writes the file).
 */
const fingerprints = JSON.parse(readFileSync('tests/unit/content/notes-fingerprints.json', 'utf8')) as {
  window: number;
  hashes: string[];
};
const known = new Set(fingerprints.hashes);
const WINDOW = fingerprints.window;

/** Page text with the quotes of the notes removed: NotesClaim's `quote` attribute is the one place they may appear. */
function textOutsideQuotes(source: string): string {
  return bodyOf(source).replace(/(<NotesClaim\b[^]*?)\squote="[^"]*"/g, '$1');
}

/** The first copied run in `text`, widened to its full length, or undefined. */
function copiedRun(text: string): string | undefined {
  const chars = Array.from(normalizeForOverlap(text));
  for (let i = 0; i + WINDOW <= chars.length; i++) {
    if (!known.has(fingerprint(chars.slice(i, i + WINDOW).join('')))) continue;
    let end = i + WINDOW;
    while (end < chars.length && known.has(fingerprint(chars.slice(end + 1 - WINDOW, end + 1).join('')))) end++;
    return chars.slice(i, end).join('');
  }
  return undefined;
}

describe('no verbatim copying of the notes', () => {
  test('the fingerprint file covers the notes (thousands of windows)', () => {
    expect(WINDOW).toBe(40);
    expect(known.size).toBeGreaterThan(1000);
  });

  /** The contiguous pieces of every NotesClaim quote: an ellipsis marks a cut in the notes' text. */
  const quotePieces = allPages().flatMap((p) =>
    tagsNamed(p.source, 'NotesClaim').flatMap((a) => (a.quote ?? '').split(/…|\.\.\./).map((piece) => ({ where: `${p.file} ${a.id}`, piece }))),
  );

  test('a quote of the notes (from a NotesClaim box) is caught once it stands in prose, punctuation changed', () => {
    // The repository holds the notes' words only inside quote boxes, so the positive case is built from one.
    const long = quotePieces.find((q) => normalizeForOverlap(q.piece).length >= WINDOW + 5);
    expect(long, 'some NotesClaim quote has a piece of at least 45 letters and digits').toBeDefined();
    const reworded = `开头。${long!.piece.replace(/[,，。:：]/g, ' / ')}。结尾`;
    expect(copiedRun(reworded)).toBeDefined();
    expect(copiedRun('这是一段与原笔记无关的中文文字，用来确认检查不会误报，长度超过四十个字符以便形成窗口。')).toBeUndefined();
  });

  test("every NotesClaim quote piece of 40+ characters is the notes' own words", () => {
    const unfaithful = quotePieces
      .filter((q) => normalizeForOverlap(q.piece).length >= WINDOW)
      .filter((q) => {
        const chars = Array.from(normalizeForOverlap(q.piece));
        for (let i = 0; i + WINDOW <= chars.length; i++) {
          if (!known.has(fingerprint(chars.slice(i, i + WINDOW).join('')))) return true;
        }
        return false;
      })
      .map((q) => q.where);
    expect(unfaithful).toEqual([]);
  });

  for (const page of allPages()) {
    test(`${page.file} has no run of ${WINDOW}+ characters from the notes outside quote boxes`, () => {
      expect(copiedRun(textOutsideQuotes(page.source))).toBeUndefined();
    });
  }

  test('glossary definitions do not copy the notes either', () => {
    const dir = 'src/content/glossary';
    const text = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    expect(copiedRun(text)).toBeUndefined();
  });
});
