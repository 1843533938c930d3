/**
 * Serving planner: time from an input event to the updated result, in Chromium, median over many changes
 * (target < 16 ms, one frame). Run after a build: `node bench/serving-planner.bench.mjs`.
 *
 * "DOM" is input event → the tokens <output> has its new text (Preact re-rendered, chart and formulas included);
 * "frame" adds the wait for the next animation frame, i.e. when the browser can paint it.
 */
import { serveDist } from './lib/static-server.mjs';
import { launchChromium, median } from './lib/browser.mjs';

const RUNS = Number(process.env.RUNS ?? 200);
const server = await serveDist();
const browser = await launchChromium();
const page = await browser.newPage();
page.on('crash', () => console.error('page crashed'));
page.on('pageerror', (e) => console.error('page error', String(e).slice(0, 200)));
await page.goto(`${server.url}/en/calculators/serving/`);
await page.locator('[data-calculator="serving-planner"] astro-island:not([ssr])').waitFor({ state: 'attached' });
await page.waitForTimeout(500);

/** In the page: change a control, resolve with [dom ms, frame ms] once the output shows the change. */
async function measure(kind) {
  return page.evaluate(
    ({ kind, runs }) =>
      new Promise((resolve) => {
        const id = 'serving-planner';
        const output = document.getElementById(`${id}-tokens`);
        const util = document.getElementById(`${id}-util`);
        const tp = document.getElementById(`${id}-tp`);
        const model = document.getElementById(`${id}-model`);
        const format = document.getElementById(`${id}-w`);
        // Sequences whose neighbours always differ in tokens that fit, so every change shows in the output.
        const models = ['llama-2-70b', 'qwen2.5-72b', 'mixtral-8x7b', 'llama-3.1-70b'];
        const formats = ['gguf-q4_k_m', 'fp8', 'awq-int4', 'gguf-q8_0', 'nf4', 'bf16'];
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
          if (kind === 'util') {
            util.value = String(0.5 + ((i * 37) % 45) / 100);
            util.dispatchEvent(new Event('input', { bubbles: true }));
          } else if (kind === 'tp') {
            tp.value = String(i % 2 ? 8 : 2);
            tp.dispatchEvent(new Event('input', { bubbles: true }));
          } else if (kind === 'format') {
            format.value = formats[i % formats.length];
            format.dispatchEvent(new Event('change', { bubbles: true }));
          } else {
            model.value = models[i % models.length];
            model.dispatchEvent(new Event('change', { bubbles: true }));
          }
        }
        step();
      }),
    { kind, runs: RUNS },
  );
}

console.log(`\nServing planner: input event → updated output, Chromium, median of ${RUNS} changes each`);
console.log('change'.padEnd(22), 'DOM (ms)'.padStart(10), 'frame (ms)'.padStart(11), 'p95 DOM'.padStart(9), ' target');
for (const kind of (process.env.KINDS ?? 'util,tp,format,model').split(',')) {
  const [dom, frame] = await measure(kind);
  const p95 = [...dom].sort((a, b) => a - b)[Math.floor(dom.length * 0.95)];
  const m = median(dom);
  console.log(
    { util: 'utilization typed', tp: 'TP typed', format: 'weight format chosen', model: 'preset chosen' }[kind].padEnd(22),
    m.toFixed(2).padStart(10),
    median(frame).toFixed(2).padStart(11),
    p95.toFixed(2).padStart(9),
    ` ${m < 16 ? 'ok' : 'OVER'} (< 16)`,
  );
}
await browser.close();
await server.close?.();
