/**
 * `npm test`: runs every check of the project as named steps, times each, and prints a table (step, seconds, ok)
 * at the end. Steps that share nothing run side by side (lint ‖ format ‖ unit, the dist checks ‖ the sub-path
 * build), at most `TEST_JOBS` at once (default: the machine's cores). Two steps that write `.astro/` (astro check and
 * the builds) never overlap. Each line of a step's output is prefixed with its name.
 *
 *   node scripts/run-steps.mjs              every step, stopping at the first failure (as `a && b && …` did)
 *   node scripts/run-steps.mjs unit e2e     only the named steps (and nothing they depend on: build first yourself)
 *   KEEP_GOING=1 node scripts/run-steps.mjs run every step whose inputs exist even after a failure
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const env = { ASTRO_TELEMETRY_DISABLED: '1' };
const base = { BASE_PATH: '/llm-notes/', OUT_DIR: './dist-base', DIST_DIR: 'dist-base' };

/**
 * name, command, the steps it needs first, and `astro` for a step that writes `.astro/` (one at a time).
 * Order is priority: a ready step earlier in the list starts first.
 */
export const STEPS = [
  { name: 'lint', cmd: 'eslint . --max-warnings 0' },
  { name: 'format', cmd: 'prettier --check .' },
  { name: 'unit', cmd: 'node scripts/unit.mjs' },
  { name: 'check', cmd: 'astro check', astro: true },
  { name: 'build', cmd: 'node scripts/build-quiet.mjs', astro: true },
  { name: 'dist', cmd: 'node scripts/check-dist.mjs', after: ['build'] },
  { name: 'build:base', cmd: 'astro build', env: base, astro: true, after: ['build'] },
  { name: 'figures', cmd: 'node scripts/check-figures.mjs', after: ['build'] },
  { name: 'og', cmd: 'node scripts/check-og.mjs', after: ['build'] },
  { name: 'problems', cmd: 'node scripts/check-problems.mjs', after: ['build'] },
  { name: 'dist:base', cmd: 'node scripts/check-dist.mjs', env: base, after: ['build:base'] },
  // base-path.spec.ts serves dist-base/.
  { name: 'e2e', cmd: 'playwright test', after: ['build', 'build:base'] },
];

const only = process.argv.slice(2);
for (const name of only)
  if (!STEPS.some((s) => s.name === name)) throw new Error(`run-steps: no step "${name}"; steps: ${STEPS.map((s) => s.name).join(', ')}`);
const steps = STEPS.filter((s) => only.length === 0 || only.includes(s.name)).map((s) => ({
  ...s,
  after: (s.after ?? []).filter((a) => only.length === 0 || only.includes(a)),
  state: 'waiting',
  seconds: 0,
}));
const jobs = Number(process.env.TEST_JOBS ?? availableParallelism());
const keepGoing = !!process.env.KEEP_GOING;
const width = Math.max(...steps.map((s) => s.name.length));
const started = Date.now();
let failed = false;

function run(step) {
  step.state = 'running';
  const t0 = Date.now();
  return new Promise((resolve) => {
    // node_modules/.bin first, as `npm run` does.
    const child = spawn(step.cmd, {
      shell: true,
      env: { ...process.env, ...env, ...step.env, PATH: `${process.cwd()}/node_modules/.bin:${process.env.PATH}`, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const prefix = `${step.name.padEnd(width)} │ `;
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (text) => {
        const lines = (rest + text).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) out.write(prefix + line + '\n');
      });
      stream.on('end', () => rest && out.write(prefix + rest + '\n'));
    }
    child.on('close', (code) => {
      step.seconds = (Date.now() - t0) / 1000;
      step.state = code === 0 ? 'ok' : 'FAILED';
      if (code !== 0) failed = true;
      resolve();
    });
  });
}

await new Promise((done) => {
  const tick = () => {
    const running = steps.filter((s) => s.state === 'running');
    for (const step of steps) {
      if (step.state !== 'waiting') continue;
      const blocked = step.after.map((a) => steps.find((s) => s.name === a).state);
      if (blocked.some((s) => s !== 'ok' && s !== 'waiting' && s !== 'running')) step.state = 'skipped';
    }
    if (failed && !keepGoing) for (const s of steps) if (s.state === 'waiting') s.state = 'skipped';
    for (const step of steps) {
      if (running.length >= jobs) break;
      if (step.state !== 'waiting') continue;
      if (!step.after.every((a) => steps.find((s) => s.name === a).state === 'ok')) continue;
      if (step.astro && running.some((s) => s.astro)) continue;
      running.push(step);
      run(step).then(tick);
    }
    if (steps.every((s) => s.state !== 'waiting' && s.state !== 'running')) done();
  };
  tick();
});

const total = (Date.now() - started) / 1000;
console.log(`\n${'step'.padEnd(width)}  seconds  ok`);
for (const s of steps) console.log(`${s.name.padEnd(width)}  ${s.state === 'skipped' ? '      –' : s.seconds.toFixed(1).padStart(7)}  ${s.state}`);
console.log(`${'total'.padEnd(width)}  ${total.toFixed(1).padStart(7)}  ${failed ? 'FAILED' : 'ok'} (wall clock, ${jobs} at once)`);
process.exit(failed ? 1 : 0);
