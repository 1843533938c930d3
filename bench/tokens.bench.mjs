/**
 * Token playground: encoding speed over the whole site's text (every MDX page under src/content/docs, both
 * languages) in each of the ten vocabularies, in Node with the same packages the browser loads; the bytes of each
 * lazily loaded vocabulary chunk in dist/; and, in Chromium, the longest input-event handling while 20,000 Chinese
 * characters are in the playground (target < 50 ms), with encoding in the Web Worker and on the page (no Worker).
 * Run after a build: `node bench/tokens.bench.mjs`.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { TokenizerLoader } from '@lenml/tokenizers';
import { median, launchChromium } from './lib/browser.mjs';
import { serveDist } from './lib/static-server.mjs';

const files = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) walk(join(dir, e.name));
    else if (e.name.endsWith('.mdx') || e.name.endsWith('.md')) files.push(join(dir, e.name));
  }
};
walk('src/content/docs');
const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');
const chars = [...text].length;
console.log(`\nToken encoding over the site's text: ${files.length} pages, ${chars.toLocaleString('en-US')} characters`);
console.log(
  'vocabulary'.padEnd(14),
  'load ms'.padStart(8),
  'tokens'.padStart(10),
  'chars/token'.padStart(12),
  'median ms'.padStart(10),
  'tokens/s'.padStart(12),
);

const openPackages = { mistral_7b: 'llama2', llama3: 'llama3_1', qwen3: 'qwen3', deepseek_v3: 'deepseek_v3', gemma3: 'gemma3', chatglm3: 'chatglm3' };
const encoders = [];
for (const name of ['r50k_base', 'cl100k_base', 'o200k_base']) {
  const t0 = performance.now();
  const { default: api } = await import(`gpt-tokenizer/encoding/${name}`);
  encoders.push({ name, load: performance.now() - t0, encode: (t) => api.encode(t, { disallowedSpecial: new Set() }), reset: () => api.clearMergeCache?.() });
}
if (!process.env.ONLY_BROWSER) {
  // Llama 2: llama-tokenizer-js builds its tables on import. Encoded as the site does (spaceWords in
  // src/lib/text/open-vocabularies.ts): the dummy-prefix space, then word by word, cut before each space that
  // follows another character.
  const t0 = performance.now();
  const { default: llama2 } = await import('llama-tokenizer-js');
  const encode = (t) => ` ${t}`.split(/(?<=[^ ])(?= )/).flatMap((word) => llama2.encode(word, false, false));
  encoders.push({ name: 'llama2', load: performance.now() - t0, encode, reset: () => {} });
}
for (const [name, pkg] of process.env.ONLY_BROWSER ? [] : Object.entries(openPackages)) {
  const dir = `node_modules/@lenml/tokenizer-${pkg}/models`;
  const t0 = performance.now();
  const tokenizer = TokenizerLoader.fromPreTrained({
    tokenizerJSON: JSON.parse(readFileSync(`${dir}/tokenizer.json`, 'utf8')),
    tokenizerConfig: JSON.parse(readFileSync(`${dir}/tokenizer_config.json`, 'utf8')),
  });
  encoders.push({ name, load: performance.now() - t0, encode: (t) => tokenizer.encode(t, { add_special_tokens: false }), reset: () => {} });
}
for (const { name, load, encode, reset } of process.env.ONLY_BROWSER ? [] : encoders) {
  encode(text); // warm-up
  const times = [];
  let count = 0;
  for (let i = 0; i < 3; i++) {
    reset();
    const t0 = performance.now();
    count = encode(text).length;
    times.push(performance.now() - t0);
  }
  const ms = median(times);
  console.log(
    name.padEnd(14),
    load.toFixed(0).padStart(8),
    String(count).padStart(10),
    (chars / count).toFixed(2).padStart(12),
    ms.toFixed(1).padStart(10),
    Math.round(count / (ms / 1000))
      .toLocaleString('en-US')
      .padStart(12),
  );
}

if (existsSync('dist/_astro')) {
  console.log('\nLazily loaded vocabulary chunks (dist/_astro)');
  for (const f of process.env.ONLY_BROWSER
    ? []
    : readdirSync('dist/_astro').filter((f) =>
        /^(r50k_base|cl100k_base|o200k_base|llama2|mistral_7b|llama3|qwen3|deepseek_v3|gemma3|chatglm3)\..*\.js$/.test(f),
      )) {
    const raw = readFileSync(join('dist/_astro', f));
    console.log(f.padEnd(32), `${(raw.length / 1e6).toFixed(2)} MB raw`.padStart(14), `${(gzipSync(raw).length / 1e6).toFixed(2)} MB gzip`.padStart(15));
  }

  // In Chromium: type into a playground that holds 20,000 Chinese characters and time every input event's handling,
  // with encoding in the Web Worker (the default) and, for comparison, on the page (no Worker: debounced).
  const server = await serveDist();
  const browser = await launchChromium();
  for (const mode of ['worker', 'page']) {
    const page = await browser.newPage();
    if (mode === 'page') await page.addInitScript(() => delete window.Worker);
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${server.url}/en/calculators/tokens/`);
    await page.locator('[data-calculator="tokens"] [data-live]').first().waitFor({ state: 'attached' });
    const paragraph = '中文训练遇到的第一个问题往往不在模型，而在词表。';
    const long = paragraph.repeat(Math.ceil(20_000 / paragraph.length)).slice(0, 20_000);
    await page.getByLabel('Vocabulary', { exact: true }).selectOption('o200k_base');
    await page.getByLabel('Text (Chinese or English)').fill(long);
    await page.locator('[data-vocab="o200k_base"] output[data-stat="tokens"]').filter({ hasText: /^\d/ }).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(2000);
    // A trace gives each main-thread task's CPU time (tdur) beside its wall time (dur): on a machine shared with
    // other work, wall time also counts time the thread waited for a core (the Worker's encoding included).
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    const result = await page.evaluate(async () => {
      window.__longTasks = [];
      const textarea = document.getElementById('tok-text');
      const handling = [];
      const waits = [];
      for (let i = 0; i < 30; i++) {
        const t0 = performance.now();
        textarea.value = textarea.value.slice(0, -1) + (i % 2 ? '词' : '元');
        textarea.dispatchEvent(new Event('input', { bubbles: true }));
        handling.push(performance.now() - t0);
        // Time until the main thread is free again (a keystroke typed now would wait this long).
        const t1 = performance.now();
        await new Promise((r) => setTimeout(r, 30));
        waits.push(performance.now() - t1 - 30);
      }
      // The pause after typing, when the page (without a Worker) encodes and every mode redraws the tokens.
      await new Promise((r) => setTimeout(r, 3000));
      return {
        max: Math.max(...handling),
        median: handling.sort((a, b) => a - b)[15],
        blocked: Math.max(...waits),
        waits,
        longest: Math.max(0, ...window.__longTasks),
      };
    });
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    const events = trace.traceEvents ?? trace;
    const mainTid = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')?.tid;
    const tasks = events.filter((e) => e.name === 'RunTask' && e.tid === mainTid && e.ph === 'X');
    const cpuMs = Math.max(0, ...tasks.map((e) => (e.tdur ?? 0) / 1000));
    const wallMs = Math.max(0, ...tasks.map((e) => (e.dur ?? 0) / 1000));
    console.log(
      `\nInput events with 20,000 Chinese characters (o200k_base, encoding ${mode === 'worker' ? 'in a Web Worker' : 'on the page'}), 30 keystrokes 30 ms apart:`,
    );
    console.log(
      `longest handling ${result.max.toFixed(1)} ms, median ${result.median.toFixed(1)} ms (target < 50 ms: ${result.max < 50 ? 'ok' : 'OVER'}); longest extra wait between keystrokes ${result.blocked.toFixed(1)} ms; longest main-thread task (typing and the pause after) ${result.longest.toFixed(0)} ms`,
    );
    console.log(`extra waits (ms): ${result.waits.map((w) => w.toFixed(0)).join(' ')}`);
    console.log(`main thread from the trace: longest task ${wallMs.toFixed(0)} ms wall, longest task CPU time ${cpuMs.toFixed(0)} ms`);
    await page.close();
  }
  await browser.close();
  await server.close?.();
}
