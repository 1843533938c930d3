/**
 * JavaScript a reader downloads per page, gzip, following static imports from every module script and
 * every island (component + renderer). Dynamic imports (lazy chunks, Pagefind's UI loaded on idle) are
 * counted separately: they do not block reading. Used by the page-weight bench (prints) and by
 * check-dist (asserts the budgets: sizes are deterministic, unlike times).
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { htmlFiles, readHtml } from './dist-pages.mjs';

/** Up-front JavaScript budgets per page kind, gzip bytes (KB = 1000 bytes). */
export const BUDGETS = { prose: 5_000, calculator: 27_000 };

/**
 * Pages known to be over their budget, each held at a ceiling (gzip bytes) until tracked work brings it under:
 * the check fails if such a page grows past its ceiling, and also once it fits its budget, so the entry is removed
 * and the list only shrinks. Ceilings are the sizes measured when the entry was added, rounded up to the next 100
 * bytes; an entry added here names the issue that will remove it.
 */
export const OVER_BUDGET = {
  // Issues 27 and 28 put each calculator's verdict, its validation (errors.js) and the hybrid-model support up front;
  // issue 29's hybrid capacity and single devices grew the serving pages, and issue 34's (field, reason) messages the
  // attention-mask pages; the worked problems add 0.5 KB. Next step: render the verdicts and messages from the lazy
  // cores, as the secondary panels already are.
  '/architectures/': 27200,
  '/attention-variants/': 28600,
  '/calculators/finetune-memory/': 28700,
  '/calculators/serving/': 28900,
  '/context-length/': 28200,
  '/en/attention-variants/': 27600,
  '/en/calculators/finetune-memory/': 27600,
  '/en/calculators/serving/': 27800,
  '/en/context-length/': 27200,
  '/en/fine-tuning-methods/': 29300,
  '/en/finetune-memory/': 28900,
  '/fine-tuning-methods/': 30500,
  '/finetune-memory/': 30100,
  '/why-decoder-only/': 27200,
};

const gzipBytes = (path) => gzipSync(readFileSync(path), { level: 9 }).length;

function moduleGraph(dist, entry, seen, lazy) {
  if (seen.has(entry)) return;
  const file = join(dist, entry);
  if (!existsSync(file)) return;
  seen.add(entry);
  const code = readFileSync(file, 'utf8');
  const dir = entry.slice(0, entry.lastIndexOf('/') + 1);
  const resolve = (spec) => (spec.startsWith('/') ? spec : new URL(spec, `http://x${dir}`).pathname);
  for (const [, spec] of code.matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g)) {
    moduleGraph(dist, resolve(spec), seen, lazy);
  }
  for (const [, spec] of code.matchAll(/import\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g)) lazy.add(resolve(spec));
}

/**
 * One row per built page: its kind (a page with an island is a calculator page), bytes up front and lazy, and the
 * chunks behind each figure (`node bench/page-weight.bench.mjs --chunks [page-substring]` lists them).
 */
export function pageWeights(dist = 'dist') {
  const rows = [];
  for (const page of htmlFiles(dist)) {
    if (page.startsWith('pagefind/')) continue;
    const html = readHtml(dist, page);
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
    for (const entry of entries) moduleGraph(dist, entry, seen, lazy);
    const chunks = [...seen].map((file) => ({ file, bytes: gzipBytes(join(dist, file)) }));
    const upFront = chunks.reduce((sum, c) => sum + c.bytes, 0) + inlineBytes;
    const lazyOnly = [...lazy].filter((f) => !seen.has(f));
    const lazySeen = new Set();
    for (const f of lazyOnly) moduleGraph(dist, f, lazySeen, new Set());
    const lazyChunks = [...lazySeen].filter((f) => !seen.has(f)).map((file) => ({ file, bytes: gzipBytes(join(dist, file)) }));
    const lazyBytes = lazyChunks.reduce((sum, c) => sum + c.bytes, 0);
    const isCalculator = /<astro-island[\s>]/.test(html);
    rows.push({
      page: `/${page.replace(/index\.html$/, '')}`,
      kind: isCalculator ? 'calculator' : 'prose',
      upFront,
      lazyBytes,
      inlineBytes,
      chunks,
      lazyChunks,
    });
  }
  return rows;
}
