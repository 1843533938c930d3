/**
 * Sparse-vector encoder. Run after a build: `npx node bench/sparse-vector.bench.mjs`.
 *
 * 1. Size of the corpus index (`dist/sparse-index/<lang>.json`), raw and gzip.
 * 2. Encode + rank per keystroke, pure compute: the text tab's `encodeText` (tokenize, weights, Spark form,
 *    rank every section) on growing prefixes of a sentence, over the real index and over the index repeated
 *    10× (a stand-in for the finished site). Median and p95 per keystroke, per model. Target < 10 ms.
 * 3. The same in Chromium on the built page: input event → updated result list, median over many keystrokes.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { serveDist } from './lib/static-server.mjs';
import { launchChromium, median } from './lib/browser.mjs';
import { timeEdits } from './lib/edit-timing.mjs';

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const p95 = (values) => [...values].sort((a, b) => a - b)[Math.floor(0.95 * values.length)];

// 1. Index size.
const indexes = {};
const sizeRows = [];
for (const lang of ['zh', 'en']) {
  const raw = readFileSync(`dist/sparse-index/${lang}.json`);
  indexes[lang] = JSON.parse(raw.toString('utf8'));
  sizeRows.push({
    index: `/sparse-index/${lang}.json`,
    sections: indexes[lang].sections.length,
    terms: indexes[lang].terms.length,
    raw: kb(raw.length),
    gzip: kb(gzipSync(raw, { level: 9 }).length),
  });
}
console.log('Corpus index (KB = 1000 bytes)');
console.table(sizeRows);

// 2. Pure compute: bundle the island's encoder (TypeScript) into a temporary module.
const dir = mkdtempSync(join(tmpdir(), 'sv-bench-'));
const outfile = join(dir, 'encode.mjs');
await build({
  stdin: {
    contents: `export { encodeText } from './src/components/calculators/sparse-vector/view.ts';
               export { loadCorpus } from './src/lib/sparse/corpus-index.ts';`,
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  platform: 'node',
  outfile,
  logLevel: 'error',
});
const { encodeText, loadCorpus } = await import(pathToFileURL(outfile).href);
rmSync(dir, { recursive: true, force: true });

/** The index with every section repeated `times` times (same vocabulary, `times`× the postings). */
function repeated(data, times) {
  return {
    ...data,
    sections: Array.from({ length: times }, () => data.sections).flat(),
    df: data.df.map((d) => d * times),
    vectors: Array.from({ length: times }, () => data.vectors).flat(),
  };
}

const SENTENCES = {
  zh: '稀疏向量只记录非零元素的位置和值，全参数微调需要多少显存，键值缓存与注意力掩码',
  en: 'sparse vectors store only the non-zero positions; how much GPU memory does full fine-tuning need with LoRA and the KV cache',
};
const computeRows = [];
for (const lang of ['zh', 'en']) {
  for (const times of [1, 10]) {
    const corpus = loadCorpus(repeated(indexes[lang], times));
    const sentence = SENTENCES[lang];
    for (const model of ['bow', 'tfidf', 'bm25']) {
      const options = { model, indexing: 'vocab', numFeatures: 2 ** 18, removeStopWords: false, bm25: { k1: 1.2, b: 0.75, idf: 'lucene' } };
      const times_ = [];
      for (let round = 0; round < 5; round++) {
        for (let end = 1; end <= sentence.length; end++) {
          const t0 = performance.now();
          encodeText(sentence.slice(0, end), corpus, options);
          times_.push(performance.now() - t0);
        }
      }
      computeRows.push({
        lang,
        corpus: `${corpus.sections.length} sections${times > 1 ? ` (${times}×)` : ''}`,
        model,
        keystrokes: times_.length,
        'median ms': median(times_).toFixed(3),
        'p95 ms': p95(times_).toFixed(3),
      });
    }
  }
}
console.log('Encode + rank per keystroke, pure compute in Node (target < 10 ms)');
console.table(computeRows);

// 3. In the browser, end to end.
const server = await serveDist();
const browser = await launchChromium();
const browserRows = [];
try {
  const page = await browser.newPage();
  for (const [lang, path] of [
    ['zh', '/calculators/sparse-vector/'],
    ['en', '/en/calculators/sparse-vector/'],
  ]) {
    await page.goto(`${server.url}${path}?sv.tab=text`);
    await page.locator('#sv-encoder').scrollIntoViewIfNeeded();
    await page.waitForSelector('#sv-encoder [data-value="matches"]');
    const sentence = SENTENCES[lang];
    // Three rounds of typing the sentence one character at a time, the odd rounds with a trailing space.
    const { dom: times } = await timeEdits(page, {
      root: '#sv-encoder',
      runs: 3 * (sentence.length - 1),
      arg: sentence,
      edit: (i, sentence) => {
        const perRound = sentence.length - 1;
        const round = Math.floor((i - 1) / perRound);
        const input = document.querySelector('#sv-q');
        input.value = sentence.slice(0, 2 + ((i - 1) % perRound)) + (round % 2 ? ' ' : '');
        input.dispatchEvent(new Event('input', { bubbles: true }));
      },
    });
    browserRows.push({ lang, keystrokes: times.length, 'median ms': median(times).toFixed(2), 'p95 ms': p95(times).toFixed(2) });
  }
} finally {
  await browser.close();
  await server.close();
}
console.log('Input event -> updated results in Chromium (BM25, the default; target < 10 ms)');
console.table(browserRows);
