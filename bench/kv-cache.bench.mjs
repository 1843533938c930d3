/**
 * KV-cache calculator: time from an input event to the updated result, in Chromium, median over many
 * changes (target < 16 ms, one frame). Run after a build: `npx node bench/kv-cache.bench.mjs`.
 *
 * "DOM" is input event → the result <output> has its new text (Preact re-rendered);
 * "frame" adds the wait for the next animation frame, i.e. when the browser can paint it.
 */
import { serveDist } from './lib/static-server.mjs';
import { launchChromium, median } from './lib/browser.mjs';

const RUNS = Number(process.env.RUNS ?? 200);
const server = await serveDist();
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(`${server.url}/en/calculators/kv-cache/`);
await page.locator('[data-calculator="kv-cache"] astro-island:not([ssr])').waitFor({ state: 'attached' });
await page.waitForTimeout(500);

/** In the page: change a control, resolve with [dom ms, frame ms] once the output shows the change. */
async function measure(kind) {
  return page.evaluate(
    ({ kind, runs }) =>
      new Promise((resolve) => {
        const id = 'kv-cache-calculator';
        const output = document.getElementById(`${id}-total`);
        const seq = document.getElementById(`${id}-seq`);
        const batch = document.getElementById(`${id}-batch`);
        const model = document.getElementById(`${id}-model-preset`);
        const models = [...model.options].map((o) => o.value);
        const dom = [];
        const frame = [];
        let i = 0;
        function step() {
          if (i >= runs) return resolve([dom, frame]);
          const before = output.textContent;
          const t0 = performance.now();
          const observer = new MutationObserver(() => {
            if (output.textContent === before) return;
            observer.disconnect();
            dom.push(performance.now() - t0);
            requestAnimationFrame(() => {
              frame.push(performance.now() - t0);
              setTimeout(step, 0);
            });
          });
          observer.observe(output, { childList: true, characterData: true, subtree: true });
          i++;
          if (kind === 'seq') {
            seq.value = String(1024 + ((i * 7919) % 200000));
            seq.dispatchEvent(new Event('input', { bubbles: true }));
          } else if (kind === 'batch') {
            batch.value = String(1 + (i % 64));
            batch.dispatchEvent(new Event('input', { bubbles: true }));
          } else {
            // Models with different per-token sizes, so the output always changes.
            model.value = models[i % models.length] === model.value ? models[(i + 1) % models.length] : models[i % models.length];
            model.dispatchEvent(new Event('change', { bubbles: true }));
          }
        }
        step();
      }),
    { kind, runs: RUNS },
  );
}

console.log(`\nKV-cache calculator: input event → updated output, Chromium, median of ${RUNS} changes each`);
console.log('change'.padEnd(22), 'DOM (ms)'.padStart(10), 'frame (ms)'.padStart(11), 'p95 DOM'.padStart(9), ' target');
for (const kind of ['seq', 'batch', 'model']) {
  const [dom, frame] = await measure(kind);
  const p95 = [...dom].sort((a, b) => a - b)[Math.floor(dom.length * 0.95)];
  const m = median(dom);
  console.log(
    { seq: 'context length typed', batch: 'batch typed', model: 'preset chosen' }[kind].padEnd(22),
    m.toFixed(2).padStart(10),
    median(frame).toFixed(2).padStart(11),
    p95.toFixed(2).padStart(9),
    ` ${m < 16 ? 'ok' : 'OVER'} (< 16)`,
  );
}
await browser.close();
await server.close();
