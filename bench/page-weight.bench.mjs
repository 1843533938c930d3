/**
 * JavaScript a reader downloads per page, gzip, following static imports from every module script and
 * every island (component + renderer). Dynamic imports (lazy chunks, Pagefind's UI loaded on idle) are
 * counted separately: they do not block reading. Targets: prose page <= 5 KB, calculator page <= 30 KB.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { htmlFiles, readHtml } from '../scripts/dist-pages.mjs';

const DIST = 'dist';
const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;

function moduleGraph(entry, seen, lazy) {
  if (seen.has(entry)) return;
  const file = join(DIST, entry);
  if (!existsSync(file)) return;
  seen.add(entry);
  const code = readFileSync(file, 'utf8');
  const dir = entry.slice(0, entry.lastIndexOf('/') + 1);
  const resolve = (spec) => (spec.startsWith('/') ? spec : new URL(spec, `http://x${dir}`).pathname);
  for (const [, spec] of code.matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g)) {
    moduleGraph(resolve(spec), seen, lazy);
  }
  for (const [, spec] of code.matchAll(/import\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g)) lazy.add(resolve(spec));
}

const rows = [];
for (const page of htmlFiles(DIST)) {
  if (page.startsWith('pagefind/')) continue;
  const html = readHtml(DIST, page);
  const entries = new Set();
  for (const [, src] of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) entries.add(src);
  for (const [, src] of html.matchAll(/(?:component-url|renderer-url)="([^"]+)"/g)) entries.add(src);
  // Inline module scripts (Astro hoists small ones) import their dependencies.
  let inlineBytes = 0;
  for (const [, body] of html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)) {
    inlineBytes += gzipSync(body).length;
    for (const [, spec] of body.matchAll(/["'](\/_astro\/[^"']+\.js)["']/g)) entries.add(spec);
  }
  const seen = new Set();
  const lazy = new Set();
  for (const entry of entries) moduleGraph(entry, seen, lazy);
  const upFront = [...seen].reduce((sum, f) => sum + gz(join(DIST, f)), 0) + inlineBytes;
  const lazyOnly = [...lazy].filter((f) => !seen.has(f));
  const lazySeen = new Set();
  for (const f of lazyOnly) moduleGraph(f, lazySeen, new Set());
  const lazyBytes = [...lazySeen].filter((f) => !seen.has(f)).reduce((sum, f) => sum + gz(join(DIST, f)), 0);
  const isCalculator = /<astro-island[\s>]/.test(html);
  rows.push({ page: `/${page.replace(/index\.html$/, '')}`, kind: isCalculator ? 'calculator' : 'prose', upFront, lazyBytes });
}

const kb = (b) => (b / 1000).toFixed(1);
console.log('\nJavaScript per page (gzip, KB = 1000 bytes; "up front" follows static imports, "lazy" = dynamic imports)');
console.log('page'.padEnd(44), 'kind'.padEnd(11), 'up front'.padStart(9), 'lazy'.padStart(9), ' target');
let over = 0;
for (const r of rows) {
  const target = r.kind === 'calculator' ? 30_000 : 5_000;
  const ok = r.upFront <= target;
  if (!ok) over++;
  console.log(r.page.padEnd(44), r.kind.padEnd(11), kb(r.upFront).padStart(9), kb(r.lazyBytes).padStart(9), ` ${ok ? 'ok' : 'OVER'} (<= ${target / 1000})`);
}
const max = (kind) => Math.max(0, ...rows.filter((r) => r.kind === kind).map((r) => r.upFront));
console.log(`max prose page ${kb(max('prose'))} KB, max calculator page ${kb(max('calculator'))} KB; ${over} page(s) over target`);
