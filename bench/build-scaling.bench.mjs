/**
 * Build time and peak memory for 100 / 500 / 1,000 synthetic MDX pages (half zh, half en; headings with
 * ids, a formula, a code block, a citation), each built in a temporary copy of the project. Growth should
 * be close to linear: compare the seconds-per-page column across rows.
 */
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { spawn, execSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve('.');
const SIZES = (process.env.BENCH_PAGES ?? '100,500,1000').split(',').map(Number);

function page(i, lang) {
  const zh = lang === 'zh';
  const para = zh
    ? '注意力机制把每个查询与所有键比较，再对值加权平均。键值缓存保存已经计算过的键和值，使解码时每一步只需处理一个新词元。'
    : 'Attention compares each query with every key and averages the values by the resulting weights. The KV cache keeps keys and values already computed.';
  const body = Array.from({ length: 6 }, () => para).join('\n\n');
  return `---
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

console.log('\nBuild scaling (synthetic MDX pages, half zh / half en; astro build incl. Pagefind)');
console.log('pages'.padStart(6), 'seconds'.padStart(9), 'ms/page'.padStart(9), 'peak RSS MiB'.padStart(13), 'HTML MB'.padStart(9));
for (const n of SIZES) {
  const dir = mkdtempSync(join(tmpdir(), 'llm-notes-bench-'));
  cpSync(ROOT, dir, {
    recursive: true,
    filter: (src) => !/^[\\/](node_modules|dist|\.git|\.astro|test-results|\.cache)([\\/]|$)/.test(src.slice(ROOT.length)),
  });
  // A hard-linked copy: a symlinked node_modules confuses Astro's compile cache (paths outside the root).
  execSync(`cp -al ${JSON.stringify(join(ROOT, 'node_modules'))} ${JSON.stringify(join(dir, 'node_modules'))}`);
  mkdirSync(join(dir, 'src/content/docs/bench'), { recursive: true });
  mkdirSync(join(dir, 'src/content/docs/en/bench'), { recursive: true });
  for (let i = 0; i < n / 2; i++) {
    writeFileSync(join(dir, `src/content/docs/bench/p${i}.mdx`), page(i, 'zh'));
    writeFileSync(join(dir, `src/content/docs/en/bench/p${i}.mdx`), page(i, 'en'));
  }
  const { seconds, peakBytes } = await runMeasured(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], dir);
  const htmlBytes = Number(execSync(`find dist -name '*.html' -printf '%s\\n' | awk '{s+=$1} END {print s}'`, { cwd: dir }).toString());
  console.log(
    String(n).padStart(6),
    seconds.toFixed(1).padStart(9),
    ((seconds * 1000) / n).toFixed(1).padStart(9),
    (peakBytes / 2 ** 20).toFixed(0).padStart(13),
    (htmlBytes / 1e6).toFixed(1).padStart(9),
  );
  rmSync(dir, { recursive: true, force: true });
}
