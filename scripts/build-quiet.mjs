/**
 * `astro build` as `npm test` runs it: the output is passed through as it comes, and the build fails if it printed
 * a warning. The warnings known to be harmless are muted where they arise, each with a comment saying why (npm's
 * engine check in .npmrc, Rolldown's directive warning and Vite's chunk-size warning in astro.config.mjs, the 404
 * route in src/content/docs/404.md), so a warning printed now is a new one and should be read, not scrolled past.
 */
import { spawn } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';

/** Lines the tools print for a warning: Astro's logger, Vite/Rolldown's "(!)" reports, and Node's own. */
export const WARNING_LINE = /\[WARN\]|^\s*\(!\)|\bWarning:|\bwarning\b.*\bdeprecated\b/;

const child = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', ...process.argv.slice(2)], {
  env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
const warnings = [];
// Astro's last line. A build whose event loop drains mid-page (a top-level await deadlocked between server chunks)
// exits 0 with half a site and no error, so a build that never says it completed has failed.
// Astro may colour its log (npm test's step runner printed it in colour), so the line is matched as plain text.
const COMPLETE_LINE = /\[build\] Complete!/;
let completed = false;
for (const [stream, out] of [
  [child.stdout, process.stdout],
  [child.stderr, process.stderr],
]) {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (text) => {
    out.write(text);
    const lines = (rest + text).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (WARNING_LINE.test(line)) warnings.push(line.trim());
      if (COMPLETE_LINE.test(stripVTControlCharacters(line))) completed = true;
    }
  });
  stream.on('end', () => {
    if (WARNING_LINE.test(rest)) warnings.push(rest.trim());
    if (COMPLETE_LINE.test(stripVTControlCharacters(rest))) completed = true;
  });
}
child.on('close', (code) => {
  if (code !== 0) process.exit(code ?? 1);
  if (!completed) {
    console.error('\nbuild-quiet: the build exited without "[build] Complete!": it stopped part-way (look at the last page it started).');
    process.exit(1);
  }
  if (warnings.length > 0) {
    console.error(`\nbuild-quiet: the build printed ${warnings.length} warning line(s); read them, then fix or mute them with a comment:`);
    for (const line of warnings) console.error(`  ${line}`);
    process.exit(1);
  }
  console.log('build-quiet: no warnings');
});
