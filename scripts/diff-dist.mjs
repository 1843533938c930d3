/**
 * Compares two builds of the site page by page, after removing what differs between any two builds of the same
 * source: island ids (`uid`, random per render; with them, the CSP hashes of the inline scripts that contain
 * them) and content hashes in asset names. Used to show that a build-time optimisation changes no output.
 *   node scripts/diff-dist.mjs <before-dist> <after-dist>
 * Prints each differing or missing file (and its first differing line) and exits 1 if there is one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const [a, b] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: node scripts/diff-dist.mjs <before-dist> <after-dist>');
  process.exit(2);
}

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

const TEXT = /\.(html|xml|json|txt|css|js|svg)$/;
const normalise = (text) =>
  text
    .replace(/\buid="[^"]*"/g, 'uid=""')
    .replace(/'sha256-[A-Za-z0-9+/=]+'/g, "'sha256-'")
    .replace(/([._-])[A-Za-z0-9_-]{8}\.(js|css|woff2?|png|svg|wasm)\b/g, '$1HASH.$2')
    // Pagefind's index and fragment names are hashes of their contents.
    .replace(/\b(pagefind[._-][a-z]*[._-]?)[a-f0-9]{8,}/g, '$1HASH');

const list = (dir) => new Set([...files(dir)].map((f) => relative(dir, f)).map(normalise));
const [left, right] = [list(a), list(b)];
let differences = 0;
for (const name of new Set([...left, ...right])) {
  if (!left.has(name) || !right.has(name)) {
    differences++;
    console.log(`only in ${left.has(name) ? a : b}: ${name}`);
  }
}
// Files whose names carry no hash can be compared directly (pages, sitemap, social cards); other files are
// named by their content.
for (const name of [...left].filter((n) => right.has(n) && !n.includes('HASH'))) {
  if (!TEXT.test(name)) {
    if (readFileSync(join(a, name)).equals(readFileSync(join(b, name)))) continue;
    differences++;
    console.log(`differs: ${name} (binary)`);
    continue;
  }
  const [x, y] = [normalise(readFileSync(join(a, name), 'utf8')), normalise(readFileSync(join(b, name), 'utf8'))];
  if (x === y) continue;
  differences++;
  const [xs, ys] = [x.split(/(?<=>)(?=<)|\n/), y.split(/(?<=>)(?=<)|\n/)];
  const i = xs.findIndex((line, k) => line !== ys[k]);
  console.log(`differs: ${name}\n  - ${xs[i]?.slice(0, 200)}\n  + ${ys[i]?.slice(0, 200)}`);
}
console.log(differences === 0 ? `no differences (${left.size} files)` : `${differences} difference(s)`);
process.exitCode = differences === 0 ? 0 : 1;
