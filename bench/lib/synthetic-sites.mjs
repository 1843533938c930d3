/**
 * Synthetic sites for the build-scaling bench (bench/build-scaling.bench.mjs) and for profiling a build
 * (bench/build-scaling-profile.mjs): a temporary copy of this project, or a default bilingual Starlight site,
 * each with the same n synthetic pages (half zh, half en).
 *
 * Both get the same source: .mdx files (our notes are MDX; Starlight renders MDX by default) with a display
 * formula, a code block and six paragraphs per section, and both run the same unified processor with remark-math
 * and rehype-katex (Starlight supports math exactly that way; without it Astro 7's default processor would leave
 * the formula as text and the baseline would skip the KaTeX work our pages do). Two features have no Starlight
 * equivalent, so the baseline's copy differs in just those: a `{#id}` heading suffix (Starlight derives the id
 * from the text) and `<Cite>` (a plain "[1]").
 */
import { cpSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { spawn, execSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve('.');

/** One synthetic page's MDX source; `baseline` gives Starlight's copy (see the module comment). */
export function page(i, lang, baseline = false) {
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
  return baseline ? text.replace('<Cite id="vaswani2017attention" />', ' [1]').replace(/ \{#[a-z]+\}$/gm, '') : text;
}

/**
 * CPU seconds (user + system) of this process's ended and waited-for children, and theirs (Pagefind's binary
 * is a child of the build), from /proc/self/stat's cutime and cstime (in clock ticks, 100 a second on Linux).
 */
function childrenCpuSeconds() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  // After "pid (comm) ", field 3 (state) is index 0, so cutime (field 16) and cstime (field 17) are 13 and 14.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/**
 * Runs a command and samples the resident memory of its whole process tree every 100 ms. Gives wall seconds and
 * CPU seconds: on a shared machine, wall time includes waiting for other processes' turns on the cores, while
 * CPU time counts only the build's own work.
 */
export function runMeasured(cmd, args, cwd, env = {}) {
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const cpuStart = childrenCpuSeconds();
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
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
      else resolvePromise({ seconds: (performance.now() - start) / 1000, cpuSeconds: childrenCpuSeconds() - cpuStart, peakBytes: peak });
    });
  });
}

const STARLIGHT_CONFIG = `import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
export default defineConfig({
  markdown: {
    processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [[rehypeKatex, { strict: 'ignore', output: 'htmlAndMathml' }]] }),
  },
  integrations: [starlight({
    title: 'Baseline',
    defaultLocale: 'root',
    locales: { root: { label: '简体中文', lang: 'zh-CN' }, en: { label: 'English', lang: 'en' } },
    customCss: ['katex/dist/katex.min.css'],
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

function writePages(dir, n, baseline) {
  mkdirSync(join(dir, 'src/content/docs/bench'), { recursive: true });
  mkdirSync(join(dir, 'src/content/docs/en/bench'), { recursive: true });
  for (let i = 0; i < n / 2; i++) {
    writeFileSync(join(dir, `src/content/docs/bench/p${i}.mdx`), page(i, 'zh', baseline));
    writeFileSync(join(dir, `src/content/docs/en/bench/p${i}.mdx`), page(i, 'en', baseline));
  }
}

/** A temporary copy of this project (no build output, no card cache) with n synthetic pages added. */
export function projectCopy(n) {
  const dir = mkdtempSync(join(tmpdir(), 'llm-notes-bench-'));
  cpSync(ROOT, dir, {
    recursive: true,
    filter: (src) => !/^[\\/](node_modules|dist|dist-base|\.git|\.astro|test-results|\.cache)([\\/]|$)/.test(src.slice(ROOT.length)),
  });
  linkNodeModules(dir);
  writePages(dir, n, false);
  return dir;
}

/** A default bilingual Starlight site, plus the same math support, with n synthetic pages. */
export function starlightSite(n) {
  const dir = mkdtempSync(join(tmpdir(), 'starlight-bench-'));
  // The dependencies must be listed: Vite bundles (rather than leaves to Node) the packages it finds there, and
  // Node alone cannot load Starlight's `astro:` imports.
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'starlight-bench',
      private: true,
      type: 'module',
      dependencies: { astro: '*', '@astrojs/starlight': '*', '@astrojs/markdown-remark': '*', katex: '*', 'remark-math': '*', 'rehype-katex': '*' },
    }),
  );
  writeFileSync(join(dir, 'astro.config.mjs'), STARLIGHT_CONFIG);
  mkdirSync(join(dir, 'src/content/docs/en'), { recursive: true });
  writeFileSync(join(dir, 'src/content.config.ts'), STARLIGHT_CONTENT);
  writeFileSync(join(dir, 'src/content/docs/index.md'), '---\ntitle: 首页\n---\n\n首页。\n');
  writeFileSync(join(dir, 'src/content/docs/en/index.md'), '---\ntitle: Home\n---\n\nHome.\n');
  linkNodeModules(dir);
  writePages(dir, n, true);
  return dir;
}
