/**
 * Serving planner: time from an input event to the updated result, in Chromium, median over many changes
 * (target < 16 ms, one frame). Run after a build: `node bench/serving-planner.bench.mjs`.
 *
 * "DOM" is input event → the tokens <output> has its new text (Preact re-rendered, chart and formulas included);
 * "frame" adds the wait for the next animation frame, i.e. when the browser can paint it.
 */
import { serveDist } from './lib/static-server.mjs';
import { launchChromium } from './lib/browser.mjs';
import { summarize, timeEdits } from './lib/edit-timing.mjs';

const RUNS = Number(process.env.RUNS ?? 200);
const server = await serveDist();
const browser = await launchChromium();
const page = await browser.newPage();
page.on('crash', () => console.error('page crashed'));
page.on('pageerror', (e) => console.error('page error', String(e).slice(0, 200)));
await page.goto(`${server.url}/en/calculators/serving/`);
await page.locator('[data-calculator="serving-planner"] astro-island:not([ssr])').waitFor({ state: 'attached' });
await page.waitForTimeout(500);

// Sequences whose neighbours always differ in tokens that fit, so every change shows in the output.
const EDITS = {
  util: [
    'utilization typed',
    (i) => {
      const util = document.getElementById('serving-planner-util');
      util.value = String(0.5 + ((i * 37) % 45) / 100);
      util.dispatchEvent(new Event('input', { bubbles: true }));
    },
  ],
  tp: [
    'TP typed',
    (i) => {
      const tp = document.getElementById('serving-planner-tp');
      tp.value = String(i % 2 ? 8 : 2);
      tp.dispatchEvent(new Event('input', { bubbles: true }));
    },
  ],
  format: [
    'weight format chosen',
    (i) => {
      const formats = ['gguf-q4_k_m', 'fp8', 'awq-int4', 'gguf-q8_0', 'nf4', 'bf16'];
      const format = document.getElementById('serving-planner-w');
      format.value = formats[i % formats.length];
      format.dispatchEvent(new Event('change', { bubbles: true }));
    },
  ],
  model: [
    'preset chosen',
    (i) => {
      const models = ['llama-2-70b', 'qwen2.5-72b', 'mixtral-8x7b', 'llama-3.1-70b'];
      const model = document.getElementById('serving-planner-model-preset');
      model.value = models[i % models.length];
      model.dispatchEvent(new Event('change', { bubbles: true }));
    },
  ],
};

const rows = [];
for (const kind of (process.env.KINDS ?? 'util,tp,format,model').split(',')) {
  const [change, edit] = EDITS[kind];
  const times = await timeEdits(page, { root: '#serving-planner-tokens', runs: RUNS, edit, read: (output) => output.textContent });
  rows.push({ change, edits: RUNS, ...summarize(times, 16) });
}
console.log('Serving planner: input event → updated output, Chromium (DOM = text changed; frame = next animation frame)');
console.table(rows);
await browser.close();
await server.close?.();
