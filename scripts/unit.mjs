/**
 * The unit step of `npm test`: `vitest run`, with V8 coverage printed (vitest.config.ts `coverage`) when
 * @vitest/coverage-v8 is installed. Without it the tests still run, and the step says coverage was not measured.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

let coverage = true;
try {
  createRequire(import.meta.url).resolve('@vitest/coverage-v8');
} catch {
  coverage = false;
  console.log('unit: @vitest/coverage-v8 is not installed (run `npm ci`), so coverage is not measured this time');
}
const args = ['node_modules/vitest/vitest.mjs', 'run', ...(coverage ? ['--coverage'] : []), ...process.argv.slice(2)];
const { status } = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(status ?? 1);
