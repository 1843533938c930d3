/**
 * KV-cache calculator: time from an input event to the updated result, in Chromium, median over many
 * changes (target < 16 ms, one frame). Run after a build: `npx node bench/kv-cache.bench.mjs`.
 *
 * "DOM" is input event → the result <output> has its new text (Preact re-rendered);
 * "frame" adds the wait for the next animation frame, i.e. when the browser can paint it.
 */
import { serveDist } from './lib/static-server.mjs';
import { launchChromium } from './lib/browser.mjs';
import { summarize, timeEdits } from './lib/edit-timing.mjs';

const RUNS = Number(process.env.RUNS ?? 200);
const server = await serveDist();
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(`${server.url}/en/calculators/kv-cache/`);
await page.locator('[data-calculator="kv-cache"] astro-island:not([ssr])').waitFor({ state: 'attached' });
await page.waitForTimeout(500);

const id = 'kv-cache-calculator';
const EDITS = {
  'context length typed': (i) => {
    const seq = document.getElementById('kv-cache-calculator-seq');
    seq.value = String(1024 + ((i * 7919) % 200000));
    seq.dispatchEvent(new Event('input', { bubbles: true }));
  },
  'batch typed': (i) => {
    const batch = document.getElementById('kv-cache-calculator-batch');
    batch.value = String(1 + (i % 64));
    batch.dispatchEvent(new Event('input', { bubbles: true }));
  },
  // Models with different per-token sizes, so the output always changes.
  'preset chosen': (i) => {
    const model = document.getElementById('kv-cache-calculator-model-preset');
    const models = [...model.options].map((o) => o.value);
    model.value = models[i % models.length] === model.value ? models[(i + 1) % models.length] : models[i % models.length];
    model.dispatchEvent(new Event('change', { bubbles: true }));
  },
};

const rows = [];
for (const [change, edit] of Object.entries(EDITS)) {
  const times = await timeEdits(page, { root: `#${id}-total`, runs: RUNS, edit, read: (output) => output.textContent });
  rows.push({ change, edits: RUNS, ...summarize(times, 16) });
}
console.log(`KV-cache calculator: input event → updated output, Chromium (DOM = text changed; frame = next animation frame)`);
console.table(rows);
await browser.close();
await server.close();
