/**
 * Where a build's time goes, for the build-scaling bench: builds a copy of this project with n synthetic pages
 * (default 300) once to fill the card cache, then again under `node --cpu-prof`, and prints the self time by
 * package / source file and the heaviest functions. PROFILE_DIR=<dir> reuses a copy made by an earlier run
 * (it is kept and its path printed), so a change to src/ can be copied in and measured again. Sampled times are
 * wall-clock intervals: on a loaded machine compare shares within one profile, not totals across runs.
 *   node bench/build-scaling-profile.mjs [pages]
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, projectCopy, runMeasured } from './lib/synthetic-sites.mjs';

const n = Number(process.argv[2] ?? 300);
let dir = process.env.PROFILE_DIR;
if (!dir) {
  dir = projectCopy(n);
  console.log(`copy: ${dir}`);
  const cold = await runMeasured(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], dir);
  console.log(`cold build ${cold.seconds.toFixed(1)} s`);
} else {
  // Bring the copy's sources up to date with this checkout (the synthetic pages stay).
  for (const part of ['src/plugins', 'src/sidebar', 'src/route-data.ts', 'src/components', 'src/og', 'astro.config.mjs', 'scripts']) {
    cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  }
}
const profDir = join(dir, '.cpu-prof');
rmSync(profDir, { recursive: true, force: true });
const warm = await runMeasured(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, 'node_modules/astro/bin/astro.mjs', 'build'], dir);
console.log(`profiled warm build ${warm.seconds.toFixed(1)} s, ${((warm.seconds * 1000) / n).toFixed(1)} ms/page (incl. start-up)`);

for (const name of readdirSync(profDir)) {
  const profile = JSON.parse(readFileSync(join(profDir, name), 'utf8'));
  const self = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0));
  const byFile = new Map();
  const byFn = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    total += us;
    const { url, functionName, lineNumber } = node.callFrame;
    const where = url
      ? url
          .replace(/^file:\/\//, '')
          .replace(dir, '')
          .replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, 'pkg:$1')
          .replace(/^\/dist\/.*/, 'dist (bundled site code)')
      : `(${functionName || 'native'})`;
    byFile.set(where, (byFile.get(where) ?? 0) + us);
    const fn = `${functionName || '(anonymous)'} ${url.replace(/.*node_modules\//, '').replace(dir, '')}:${lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
  }
  const top = (map, k) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([key, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`)
      .join('\n');
  // Inclusive time (a function and what it calls, counted once per sample) of the functions whose file or name
  // matches PROFILE_MATCH (default: this project's own build code), to see what each plugin costs in all.
  const match = new RegExp(process.env.PROFILE_MATCH ?? '/src/(plugins|og|sidebar|route-data)');
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const inclusive = new Map();
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    if (!us) continue;
    const seen = new Set();
    for (let cur = node; cur; cur = parent.get(cur.id)) {
      const { url, functionName, lineNumber } = cur.callFrame;
      const key = `${functionName || '(anonymous)'} ${url.replace(/.*node_modules\//, '').replace(dir, '')}:${lineNumber + 1}`;
      if (!match.test(key) || seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  console.log(
    `\n${name}: ${(total / 1e6).toFixed(1)} s sampled\nby package / file:\n${top(byFile, 30)}\nby function:\n${top(byFn, 40)}` +
      `\ninclusive, ${match}:\n${top(inclusive, 25)}`,
  );
}
if (!existsSync(join(dir, 'dist'))) process.exitCode = 1;
console.log(`\nkept: ${dir} (PROFILE_DIR=${dir} to reuse)`);
