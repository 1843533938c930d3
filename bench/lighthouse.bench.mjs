/**
 * Lighthouse (mobile preset, the default) on the home page and one calculator page, served from dist/.
 * Targets: performance >= 0.95; accessibility, best practices and SEO = 1.0.
 */
import { existsSync } from 'node:fs';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { serveDist } from './lib/static-server.mjs';
import { CHROMIUM_FLAGS } from './lib/browser.mjs';
import { htmlFiles, readHtml } from '../scripts/dist-pages.mjs';

// The home page and every calculator's own page (root language).
const calculatorPages = htmlFiles('dist')
  .filter((f) => f.startsWith('calculators/') && /<astro-island[\s>]/.test(readHtml('dist', f)))
  .map((f) => `/${f.replace(/index\.html$/, '')}`);
// Paths given on the command line replace the list (for comparing runs of a few pages).
const pages = process.argv.length > 2 ? process.argv.slice(2) : ['/', ...calculatorPages];

const server = await serveDist('dist');
const chromePath = process.env.CHROME_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROMIUM_FLAGS });
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
console.log('\nLighthouse, mobile preset (targets: performance >= 0.95, others = 1.00)');
console.log('page'.padEnd(32), ...categories.map((c) => c.padStart(15)));
try {
  for (const path of pages) {
    const result = await lighthouse(`${server.url}${path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories });
    const scores = categories.map((c) => result.lhr.categories[c].score);
    console.log(path.padEnd(32), ...scores.map((s) => (s ?? 0).toFixed(2).padStart(15)));
    const metric = (id) => result.lhr.audits[id]?.displayValue ?? '-';
    console.log(
      `   FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')}, SI ${metric('speed-index')}`,
    );
    for (const c of categories.slice(1)) {
      for (const ref of result.lhr.categories[c].auditRefs) {
        const audit = result.lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) console.log(`   ${c}: ${audit.id} — ${audit.title}`);
      }
    }
  }
  if (calculatorPages.length === 0) console.log('(no calculator page with an island in dist/ yet)');
} finally {
  await chrome.kill();
  await server.close();
}
