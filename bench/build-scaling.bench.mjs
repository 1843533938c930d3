/**
 * Build time, peak memory and HTML size for 100 / 500 / 1,000 synthetic pages (half zh, half en; headings with
 * ids, a formula, a code block, a citation; bench/lib/synthetic-sites.mjs), built three ways in the same run:
 *   - "site cold": a temporary copy of the project with an empty Open Graph card cache (a first build);
 *   - "site warm": the same copy built again, reusing its cards (src/og/cache.ts), as every later build does;
 *   - "sl cold" / "sl warm": a default bilingual Starlight site with the same .mdx pages and the same math
 *     support (remark-math + rehype-katex on the unified processor), so both do the same MDX and KaTeX work per
 *     page, built twice like ours: a second build also empties the previous dist/ (about 2 s at 300 pages) and
 *     reuses Astro's .astro/ cache, so warm is compared with warm.
 * The marginal cost is the extra build time per extra page between two sizes (it leaves out the fixed
 * start-up cost); the issue's target is site warm <= 1.3x Starlight (sl warm). It is given in wall time and in CPU time
 * (user + system of the build and its children): on a machine shared with other work, wall time swings with
 * their load, CPU time much less. "HTML B/page" is the mean size of one
 * synthetic page's HTML, which should stay flat as pages are added.
 * BENCH_PAGES=100,500 picks other sizes. BENCH_REPEAT=3 builds each warm site three times and keeps the run with
 * the least CPU time: the fixed cost (~35 s of CPU for our site) varies by a few seconds between identical builds,
 * which over a span of 200 pages is +-20 ms a page.
 */
import { rmSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { projectCopy, runMeasured, starlightSite } from './lib/synthetic-sites.mjs';

const SIZES = (process.env.BENCH_PAGES ?? '100,500,1000').split(',').map(Number);
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT ?? 1));

/** Mean size in bytes of the synthetic pages' HTML files. */
function benchHtmlBytesPerPage(dir) {
  const out = execSync(`find dist/bench dist/en/bench -name '*.html' -printf '%s\\n'`, { cwd: dir }).toString().trim().split('\n').map(Number);
  return out.reduce((a, b) => a + b, 0) / out.length;
}

const build = (dir) => runMeasured(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], dir);
/** The warm build with the least CPU time of REPEAT runs. */
async function warmBuild(dir) {
  let best;
  for (let i = 0; i < REPEAT; i++) {
    const run = await build(dir);
    if (!best || run.cpuSeconds < best.cpuSeconds) best = run;
  }
  return best;
}
const rows = { 'site cold': [], 'site warm': [], 'sl cold': [], 'sl warm': [] };

console.log('\nBuild scaling (synthetic pages, half zh / half en; astro build incl. Pagefind)');
console.log(
  'build'.padEnd(10),
  'pages'.padStart(6),
  'seconds'.padStart(9),
  'ms/page'.padStart(9),
  'CPU s'.padStart(8),
  'CPU ms/page'.padStart(12),
  'peak RSS MiB'.padStart(13),
  'HTML MB'.padStart(9),
  'HTML B/page'.padStart(12),
);
const report = (kind, n, { seconds, cpuSeconds, peakBytes }, dir) => {
  const htmlBytes = Number(execSync(`find dist -name '*.html' -printf '%s\\n' | awk '{s+=$1} END {print s}'`, { cwd: dir }).toString());
  const perPage = benchHtmlBytesPerPage(dir);
  rows[kind].push({ n, seconds, cpuSeconds, perPage });
  console.log(
    kind.padEnd(10),
    String(n).padStart(6),
    seconds.toFixed(1).padStart(9),
    ((seconds * 1000) / n).toFixed(1).padStart(9),
    cpuSeconds.toFixed(1).padStart(8),
    ((cpuSeconds * 1000) / n).toFixed(1).padStart(12),
    (peakBytes / 2 ** 20).toFixed(0).padStart(13),
    (htmlBytes / 1e6).toFixed(1).padStart(9),
    perPage.toFixed(0).padStart(12),
  );
};

for (const n of SIZES) {
  const site = projectCopy(n);
  report('site cold', n, await build(site), site);
  report('site warm', n, await warmBuild(site), site);
  rmSync(site, { recursive: true, force: true });
  const baseline = starlightSite(n);
  report('sl cold', n, await build(baseline), baseline);
  report('sl warm', n, await warmBuild(baseline), baseline);
  rmSync(baseline, { recursive: true, force: true });
}

console.log('\nMarginal build cost (ms per extra page; wall time, then CPU time) between sizes');
// Each pair of neighbouring sizes, and the first to the last (the issue's range, 100 -> 1,000 pages).
const pairs = SIZES.slice(1).map((_, i) => [i, i + 1]);
if (SIZES.length > 2) pairs.push([0, SIZES.length - 1]);
for (const [i, j] of pairs) {
  const marginal = (kind, key) => {
    const [a, b] = [rows[kind][i], rows[kind][j]];
    return ((b[key] - a[key]) * 1000) / (b.n - a.n);
  };
  for (const [key, name] of [
    ['seconds', 'wall'],
    ['cpuSeconds', 'CPU '],
  ]) {
    const line = Object.keys(rows)
      .map((kind) => `${kind} ${marginal(kind, key).toFixed(1)}`)
      .join(', ');
    const ratio = marginal('site warm', key) / marginal('sl warm', key);
    console.log(`${name} ${SIZES[i]} -> ${SIZES[j]}: ${line}; site warm / sl warm = ${ratio.toFixed(2)}x`);
  }
}
for (const kind of Object.keys(rows)) {
  console.log(`${kind.padEnd(10)} HTML B/page: ${rows[kind].map((r) => `${r.n}: ${r.perPage.toFixed(0)}`).join(', ')}`);
}
