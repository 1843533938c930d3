/**
 * JavaScript a reader downloads per page, gzip, following static imports from every module script and
 * every island (component + renderer). Dynamic imports (lazy chunks, Pagefind's UI loaded on idle) are
 * counted separately: they do not block reading. Targets: BUDGETS in scripts/page-weight.mjs (prose 5 KB, calculator 27 KB).
 *
 * `node bench/page-weight.bench.mjs --chunks [filter]` also lists, for each page whose path contains `filter`
 * (every calculator page without one), the chunks it loads up front and lazily with their gzip sizes: what to cut.
 */
import { pageWeights, BUDGETS } from '../scripts/page-weight.mjs';

const args = process.argv.slice(2);
const showChunks = args.includes('--chunks');
const filter = args.find((a) => !a.startsWith('--'));
const rows = pageWeights(process.env.DIST_DIR ?? 'dist');
const kb = (b) => (b / 1000).toFixed(1);
console.log('\nJavaScript per page (gzip, KB = 1000 bytes; "up front" follows static imports, "lazy" = dynamic imports)');
console.log('page'.padEnd(44), 'kind'.padEnd(11), 'up front'.padStart(9), 'lazy'.padStart(9), ' target');
let over = 0;
for (const r of rows) {
  const target = BUDGETS[r.kind];
  const ok = r.upFront <= target;
  if (!ok) over++;
  console.log(r.page.padEnd(44), r.kind.padEnd(11), kb(r.upFront).padStart(9), kb(r.lazyBytes).padStart(9), ` ${ok ? 'ok' : 'OVER'} (<= ${target / 1000})`);
}
const max = (kind) => Math.max(0, ...rows.filter((r) => r.kind === kind).map((r) => r.upFront));
console.log(`max prose page ${kb(max('prose'))} KB, max calculator page ${kb(max('calculator'))} KB; ${over} page(s) over target`);

if (showChunks) {
  for (const r of rows.filter((r) => (filter ? r.page.includes(filter) : r.kind === 'calculator'))) {
    console.log(`\n${r.page} — ${kb(r.upFront)} KB up front (inline module scripts ${kb(r.inlineBytes)}), ${kb(r.lazyBytes)} KB lazy`);
    for (const c of [...r.chunks].sort((a, b) => b.bytes - a.bytes)) console.log(`  ${kb(c.bytes).padStart(6)}  ${c.file}`);
    for (const c of [...r.lazyChunks].sort((a, b) => b.bytes - a.bytes)) console.log(`  ${kb(c.bytes).padStart(6)}  ${c.file}  (lazy)`);
  }
}
