/**
 * `npm run bench`: builds the site once, then runs every `bench/*.bench.mjs` in turn (page weight and
 * Lighthouse first, build scaling last since it is the slowest). Each prints its own figures; nothing here
 * asserts a time. `npm run bench -- kv-cache` runs only the benches whose file name contains "kv-cache";
 * further arguments go to those benches (`npm run bench -- lighthouse /calculators/kv-cache/`).
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const [only, ...benchArgs] = process.argv.slice(2);
const order = (name) => (name.startsWith('page-weight') ? 0 : name.startsWith('lighthouse') ? 1 : name.startsWith('build-scaling') ? 3 : 2);
const benches = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.mjs') && (!only || f.includes(only)))
  .sort((a, b) => order(a) - order(b) || a.localeCompare(b));

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
const build = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], { stdio: ['ignore', 'ignore', 'inherit'], env });
if (build.status !== 0) process.exit(build.status ?? 1);

let failed = 0;
for (const bench of benches) {
  console.log(`\n=== bench/${bench}`);
  const run = spawnSync(process.execPath, [`bench/${bench}`, ...benchArgs], { stdio: 'inherit', env });
  if (run.status !== 0) {
    failed++;
    console.log(`bench/${bench} exited with ${run.status}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
