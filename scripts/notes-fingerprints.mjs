/**
 * Writes tests/unit/content/notes-fingerprints.json: a hash of every 40-character window of the original notes,
 * normalized (see tests/unit/content/normalize.ts). The no-verbatim test checks the pages' text against it,
 * so the repository can test for copied runs without containing the notes' text.
 * Node 24 strips the types of the imported .ts file itself.
 *
 * Usage: npx node scripts/notes-fingerprints.mjs [path-to-notes]   (default: /work/shared/notes/llm-study-notes-1.zh.txt)
 * The trailing 「相关文章:」 block is the blog's related-posts list, not notes, and is left out.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { normalizeForOverlap, fingerprint } from '../tests/unit/content/normalize.ts';

const WINDOW = 40;
const source = process.argv[2] ?? '/work/shared/notes/llm-study-notes-1.zh.txt';
const raw = readFileSync(source, 'utf8');
const cut = raw.indexOf('相关文章:');
const notes = cut === -1 ? raw : raw.slice(0, cut);

const normalized = normalizeForOverlap(notes);
const chars = Array.from(normalized);
const hashes = new Set();
for (let i = 0; i + WINDOW <= chars.length; i++) {
  hashes.add(fingerprint(chars.slice(i, i + WINDOW).join('')));
}
const out = { window: WINDOW, hash: 'sha256, first 12 hex digits', count: hashes.size, hashes: [...hashes].sort() };
writeFileSync('tests/unit/content/notes-fingerprints.json', JSON.stringify(out) + '\n');
console.log(`${hashes.size} windows from ${chars.length} normalized characters`);
