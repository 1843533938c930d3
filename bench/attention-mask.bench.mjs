/**
 * Attention-mask visualizer in Chromium: time to build and draw a 2,048 × 2,048 mask on the canvas after an
 * input change (target < 50 ms), and time from a hover over a row to its description being updated
 * (target < 16 ms). Medians over repeated changes. Run after a build.
 */
import { serveDist } from './lib/static-server.mjs';
import { launchChromium, median } from './lib/browser.mjs';

const RUNS = Number(process.env.RUNS ?? 30);
const server = await serveDist();
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
await page.goto(`${server.url}/en/calculators/attention-mask/`);
const root = page.locator('[data-calculator="attention-mask"]').first();
await root.locator('astro-island:not([ssr])').waitFor({ state: 'attached' });
await root.getByLabel('Text (split into word tokens)').fill('');
await root.getByLabel('Length n (without text)').fill('2048');
await root.locator('canvas.mask-canvas').first().waitFor();
await page.waitForTimeout(300);

// Render: alternate the left mask's kind. Done when the left canvas has been drawn for the new kind and the
// browser has produced the next frame (rAF, then a task after it). putImageData is wrapped to see the draw,
// whether the island draws in a layout effect or after paint.
const render = await page.evaluate(async (runs) => {
  const select = document.getElementById('mask-a');
  const canvas = document.querySelector('[data-mask="a"] canvas.mask-canvas');
  const output = document.querySelector('[data-calculator="attention-mask"] output[data-stat="pairs-a"]');
  let drawn = 0;
  const put = CanvasRenderingContext2D.prototype.putImageData;
  CanvasRenderingContext2D.prototype.putImageData = function (...args) {
    if (this.canvas === canvas) drawn++;
    return put.apply(this, args);
  };
  const nextPaint = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(0);
      }),
    );
  // Starts from 'causal' (the default), so every change alters the pair count.
  const kinds = ['bidirectional', 'sliding-window', 'prefix', 'causal'];
  const times = [];
  const scripts = [];
  for (let i = 0; i < runs; i++) {
    const before = output.textContent;
    const drawsBefore = drawn;
    const t0 = performance.now();
    select.value = kinds[i % kinds.length];
    select.dispatchEvent(new Event('change', { bubbles: true }));
    // Let the render that Preact queues as a microtask run before deciding whether a frame must pass.
    for (let j = 0; j < 5; j++) await Promise.resolve();
    while (output.textContent === before || drawn === drawsBefore) await nextPaint();
    scripts.push(performance.now() - t0);
    await nextPaint();
    times.push(performance.now() - t0);
  }
  CanvasRenderingContext2D.prototype.putImageData = put;
  return { times, scripts };
}, RUNS);

// Hover: move over different rows of the canvas; done when the row description changes.
const hover = await page.evaluate(async (runs) => {
  const canvas = document.querySelector('canvas.mask-canvas');
  const output = canvas.closest('.mask-grid').querySelector('.mask-row-text');
  const box = canvas.getBoundingClientRect();
  const times = [];
  for (let i = 0; i < runs * 4; i++) {
    const before = output.textContent;
    // Alternate between two distant rows so the description always changes.
    const y = box.top + (i % 2 === 0 ? 0.2 : 0.8) * box.height + (i % 7);
    const t0 = performance.now();
    canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: box.left + 5, clientY: y, bubbles: true }));
    await new Promise((resolve) => {
      const check = () => (output.textContent !== before ? resolve() : requestAnimationFrame(check));
      queueMicrotask(check);
    });
    times.push(performance.now() - t0);
  }
  return times;
}, RUNS);

console.log('\nAttention-mask visualizer, 2,048 × 2,048 mask on canvas (Chromium, median over changes)');
console.log(`render after a kind change (incl. next frame): median ${median(render.times).toFixed(1)} ms over ${render.times.length} (target < 50 ms)`);
console.log(`  of which until the canvas is drawn:          median ${median(render.scripts).toFixed(1)} ms`);
console.log(`hover → row description updated:             median ${median(hover).toFixed(1)} ms over ${hover.length} (target < 16 ms)`);
await browser.close();
await server.close();
