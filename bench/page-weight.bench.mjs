/**
 * JavaScript a reader downloads per page, gzip, following static imports from every module script and
 * every island (component + renderer). Dynamic imports (lazy chunks, Pagefind's UI loaded on idle) are
 * counted separately: they do not block reading. Targets: prose page <= 5 KB, calculator page <= 30 KB.
 */
import { pageWeights, BUDGETS } from '../scripts/page-weight.mjs';

const rows = pageWeights('dist');
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
