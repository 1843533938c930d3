/**
 * Build time, peak memory and HTML size for 100 / 500 / 1,000 synthetic pages (half zh, half en; headings with
 * ids, a formula, a code block, a citation), built three ways in the same run:
 *   - "site cold": a temporary copy of the project with an empty Open Graph card cache (a first build);
 *   - "site warm": the same copy built again, reusing its cards (src/og/cache.ts), as every later build does;
 *   - "starlight": a default Starlight site (bilingual, nothing else configured) with the same pages as
 *     Markdown (.md: plain MDX would read the formula's braces and the {#id} heading suffixes as JavaScript).
 * The marginal cost is the extra build time per extra page between two sizes (it leaves out the fixed
 * start-up cost); the issue's target is site warm <= 1.3x starlight. "HTML B/page" is the mean size of one
 * synthetic page's HTML, which should stay flat as pages are added.
 * BENCH_PAGES=100,500 picks other sizes.
 */
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { spawn, execSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve('.');
const SIZES = (process.env.BENCH_PAGES ?? '100,500,1000').split(',').map(Number);

function page(i, lang, starlightOnly = false) {
  const zh = lang === 'zh';
  const para = zh
    ? '注意力机制把每个查询与所有键比较，再对值加权平均。键值缓存保存已经计算过的键和值，使解码时每一步只需处理一个新词元。'
    : 'Attention compares each query with every key and averages the values by the resulting weights. The KV cache keeps keys and values already computed.';
  const body = Array.from({ length: 6 }, () => para).join('\n\n');
  const text = `---
title: ${zh ? `合成页面 ${i}` : `Synthetic page ${i}`}
description: ${zh ? '用于构建规模基准测试的合成页面，包含标题、公式和代码块。' : 'A synthetic page for the build-scaling benchmark, with headings, a formula and a code block.'}
---

${body}

## ${zh ? '公式' : 'Formula'} {#formula}

$$
\\mathrm{Attn}(Q,K,V)=\\mathrm{softmax}\\!\\left(\\frac{QK^\\top}{\\sqrt{d_h}}+M\\right)V
$$

${body}<Cite id="vaswani2017attention" />

### ${zh ? '代码' : 'Code'} {#code}

\`\`\`python
def kv_cache_bytes(layers, kv_heads, head_dim, seq_len, batch, bytes_per_value=2):
    return 2 * layers * kv_heads * head_dim * seq_len * batch * bytes_per_value
\`\`\`

## ${zh ? '小结' : 'Summary'} {#summary}

${body}
`;
  // Markdown has no components: the citation becomes a plain footnote-like mark.
  return starlightOnly ? text.replace('<Cite id="vaswani2017attention" />', ' [1]') : text;
}

/** Runs a command and samples the resident memory of its whole process tree every 100 ms. */
function runMeasured(cmd, args, cwd) {
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let peak = 0;
    const treeRss = () => {
      const parents = new Map();
      let total = 0;
      for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
        try {
          const status = readFileSync(`/proc/${pid}/status`, 'utf8');
          parents.set(pid, { ppid: /PPid:\s+(\d+)/.exec(status)?.[1], rss: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) });
        } catch {
          // The process ended between listing /proc and reading it: it has no memory to count.
        }
      }
      const inTree = (pid) => {
        for (let p = pid; p; p = parents.get(p)?.ppid) if (p === String(child.pid)) return true;
        return false;
      };
      for (const [pid, info] of parents) if (inTree(pid)) total += info.rss;
      return total * 1024;
    };
    const timer = setInterval(() => (peak = Math.max(peak, treeRss())), 100);
    child.on('exit', (code) => {
      clearInterval(timer);
      if (code !== 0) reject(new Error(`build failed (${code}):\n${stderr.slice(-2000)}`));
      else resolvePromise({ seconds: (performance.now() - start) / 1000, peakBytes: peak });
    });
  });
}

const STARLIGHT_CONFIG = `import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
export default defineConfig({
  integrations: [starlight({
    title: 'Baseline',
    defaultLocale: 'root',
    locales: { root: { label: '简体中文', lang: 'zh-CN' }, en: { label: 'English', lang: 'en' } },
  })],
});
`;
const STARLIGHT_CONTENT = `import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };
`;

function linkNodeModules(dir) {
  // A hard-linked copy: a symlinked node_modules confuses Astro's compile cache (paths outside the root).
  execSync(`cp -al ${JSON.stringify(join(ROOT, 'node_modules'))} ${JSON.stringify(join(dir, 'node_modules'))}`);
}

function writePages(dir, n, ext, starlightOnly) {
  mkdirSync(join(dir, 'src/content/docs/bench'), { recursive: true });
  mkdirSync(join(dir, 'src/content/docs/en/bench'), { recursive: true });
  for (let i = 0; i < n / 2; i++) {
    writeFileSync(join(dir, `src/content/docs/bench/p${i}.${ext}`), page(i, 'zh', starlightOnly));
    writeFileSync(join(dir, `src/content/docs/en/bench/p${i}.${ext}`), page(i, 'en', starlightOnly));
  }
}

function projectCopy(n) {
  const dir = mkdtempSync(join(tmpdir(), 'llm-notes-bench-'));
  cpSync(ROOT, dir, {
    recursive: true,
    filter: (src) => !/^[\\/](node_modules|dist|dist-base|\.git|\.astro|test-results|\.cache)([\\/]|$)/.test(src.slice(ROOT.length)),
  });
  linkNodeModules(dir);
  writePages(dir, n, 'mdx', false);
  return dir;
}

function starlightSite(n) {
  const dir = mkdtempSync(join(tmpdir(), 'starlight-bench-'));
  // The dependencies must be listed: Vite bundles (rather than leaves to Node) the packages it finds there, and
  // Node alone cannot load Starlight's `astro:` imports.
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'starlight-bench', private: true, type: 'module', dependencies: { astro: '*', '@astrojs/starlight': '*' } }),
  );
  writeFileSync(join(dir, 'astro.config.mjs'), STARLIGHT_CONFIG);
  mkdirSync(join(dir, 'src/content/docs/en'), { recursive: true });
  writeFileSync(join(dir, 'src/content.config.ts'), STARLIGHT_CONTENT);
  writeFileSync(join(dir, 'src/content/docs/index.md'), '---\ntitle: 首页\n---\n\n首页。\n');
  writeFileSync(join(dir, 'src/content/docs/en/index.md'), '---\ntitle: Home\n---\n\nHome.\n');
  linkNodeModules(dir);
  writePages(dir, n, 'md', true);
  return dir;
}

/** Mean size in bytes of the synthetic pages' HTML files. */
function benchHtmlBytesPerPage(dir) {
  const out = execSync(`find dist/bench dist/en/bench -name '*.html' -printf '%s\\n'`, { cwd: dir }).toString().trim().split('\n').map(Number);
  return out.reduce((a, b) => a + b, 0) / out.length;
}

const build = (dir) => runMeasured(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], dir);
const rows = { 'site cold': [], 'site warm': [], starlight: [] };

console.log('\nBuild scaling (synthetic pages, half zh / half en; astro build incl. Pagefind)');
console.log(
  'build'.padEnd(10),
  'pages'.padStart(6),
  'seconds'.padStart(9),
  'ms/page'.padStart(9),
  'peak RSS MiB'.padStart(13),
  'HTML MB'.padStart(9),
  'HTML B/page'.padStart(12),
);
const report = (kind, n, { seconds, peakBytes }, dir) => {
  const htmlBytes = Number(execSync(`find dist -name '*.html' -printf '%s\\n' | awk '{s+=$1} END {print s}'`, { cwd: dir }).toString());
  const perPage = benchHtmlBytesPerPage(dir);
  rows[kind].push({ n, seconds, perPage });
  console.log(
    kind.padEnd(10),
    String(n).padStart(6),
    seconds.toFixed(1).padStart(9),
    ((seconds * 1000) / n).toFixed(1).padStart(9),
    (peakBytes / 2 ** 20).toFixed(0).padStart(13),
    (htmlBytes / 1e6).toFixed(1).padStart(9),
    perPage.toFixed(0).padStart(12),
  );
};

for (const n of SIZES) {
  const site = projectCopy(n);
  report('site cold', n, await build(site), site);
  report('site warm', n, await build(site), site);
  rmSync(site, { recursive: true, force: true });
  const baseline = starlightSite(n);
  report('starlight', n, await build(baseline), baseline);
  rmSync(baseline, { recursive: true, force: true });
}

console.log('\nMarginal build cost (ms per extra page) and synthetic page HTML (bytes) between sizes');
for (let i = 1; i < SIZES.length; i++) {
  const marginal = (kind) => {
    const [a, b] = [rows[kind][i - 1], rows[kind][i]];
    return ((b.seconds - a.seconds) * 1000) / (b.n - a.n);
  };
  const line = Object.keys(rows)
    .map((kind) => `${kind} ${marginal(kind).toFixed(1)}`)
    .join(', ');
  console.log(`${SIZES[i - 1]} -> ${SIZES[i]}: ${line}; site warm / starlight = ${(marginal('site warm') / marginal('starlight')).toFixed(2)}x`);
}
for (const kind of Object.keys(rows)) {
  console.log(`${kind.padEnd(10)} HTML B/page: ${rows[kind].map((r) => `${r.n}: ${r.perPage.toFixed(0)}`).join(', ')}`);
}
