/**
 * Time from an input event to the page showing its result, measured inside the page so Playwright's round trips
 * do not count. Shared by the calculator benches, which differ only in which control they edit and which output
 * they watch.
 *
 * `edit(i)` and `read(root)` run in the page, so they must be self-contained (no variables from this module).
 * They are sent as source text through Playwright's evaluate, which the site's Content-Security-Policy does not
 * govern (it is the DevTools protocol, not a page script).
 */
import { median } from './browser.mjs';

/**
 * @param {import('@playwright/test').Page} page
 * @param {{ root: string, runs: number, edit: (i: number, arg: unknown) => void, read?: (root: Element) => string | undefined, arg?: unknown }} options
 *   root: CSS selector of the element to observe (subtree, text and attributes);
 *   read: what must change for an edit to count as shown; without it, the first mutation counts;
 *   arg: JSON data handed to every `edit` call (e.g. the text to type), since `edit` cannot close over anything.
 * @returns {Promise<{ dom: number[], frame: number[] }>} per edit: ms to the DOM change, and ms to the next animation frame
 */
export function timeEdits(page, { root, runs, edit, read, arg }) {
  const expression = `(${inPage.toString()})(${JSON.stringify(root)}, ${runs}, ${edit.toString()}, ${read ? read.toString() : 'undefined'}, ${JSON.stringify(arg ?? null)})`;
  return page.evaluate(expression);
}

function inPage(rootSelector, runs, edit, read, arg) {
  const root = document.querySelector(rootSelector);
  if (!root) throw new Error(`timeEdits: no element matches ${rootSelector}`);
  const dom = [];
  const frame = [];
  return new Promise((resolve) => {
    let i = 0;
    function step() {
      if (i >= runs) return resolve({ dom, frame });
      const before = read?.(root);
      const t0 = performance.now();
      const observer = new MutationObserver(() => {
        if (read && read(root) === before) return;
        observer.disconnect();
        dom.push(performance.now() - t0);
        requestAnimationFrame(() => {
          frame.push(performance.now() - t0);
          setTimeout(step, 0);
        });
      });
      observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
      i++;
      edit(i, arg);
    }
    step();
  });
}

/** One printed row: median and p95 of the DOM times, median of the frame times, against a target in ms. */
export function summarize({ dom, frame }, target) {
  const sorted = [...dom].sort((a, b) => a - b);
  const m = median(dom);
  return {
    'median ms': m.toFixed(2),
    'p95 ms': sorted[Math.floor(0.95 * sorted.length)].toFixed(2),
    'max ms': sorted.at(-1).toFixed(2),
    'frame ms': median(frame).toFixed(2),
    target: `${m < target ? 'ok' : 'OVER'} (< ${target})`,
  };
}
