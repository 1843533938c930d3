/**
 * Token playground: encoding speed (tokens per second) over the whole site's text — every MDX page under
 * src/content/docs, both languages — in each vocabulary, measured in Node with the same gpt-tokenizer
 * modules the browser loads; and the bytes of each lazily loaded vocabulary chunk in dist/.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { median } from './lib/browser.mjs';

const files = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) walk(join(dir, e.name));
    else if (e.name.endsWith('.mdx') || e.name.endsWith('.md')) files.push(join(dir, e.name));
  }
};
walk('src/content/docs');
const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');
console.log(`\nToken encoding over the site's text: ${files.length} pages, ${[...text].length.toLocaleString('en-US')} characters`);
console.log('vocabulary'.padEnd(14), 'tokens'.padStart(10), 'chars/token'.padStart(12), 'median ms'.padStart(10), 'tokens/s'.padStart(12));
for (const name of ['r50k_base', 'cl100k_base', 'o200k_base']) {
  const { default: api } = await import(`gpt-tokenizer/encoding/${name}`);
  const encode = (t) => api.encode(t, { disallowedSpecial: new Set() });
  encode(text); // warm-up (and the merge cache, as after the first keystrokes in a browser)
  api.clearMergeCache?.();
  const times = [];
  let count = 0;
  for (let i = 0; i < 5; i++) {
    api.clearMergeCache?.();
    const t0 = performance.now();
    count = encode(text).length;
    times.push(performance.now() - t0);
  }
  const ms = median(times);
  console.log(name.padEnd(14), String(count).padStart(10), ([...text].length / count).toFixed(2).padStart(12), ms.toFixed(1).padStart(10), Math.round(count / (ms / 1000)).toLocaleString('en-US').padStart(12));
}

if (existsSync('dist/_astro')) {
  console.log('\nLazily loaded vocabulary chunks (dist/_astro)');
  for (const f of readdirSync('dist/_astro').filter((f) => /^(r50k|cl100k|o200k)_base\..*\.js$/.test(f))) {
    const raw = readFileSync(join('dist/_astro', f));
    console.log(f.padEnd(32), `${(raw.length / 1e6).toFixed(2)} MB raw`.padStart(14), `${(gzipSync(raw).length / 1e6).toFixed(2)} MB gzip`.padStart(15));
  }
}
