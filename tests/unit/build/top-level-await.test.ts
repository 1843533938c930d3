import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { files, runtimeImports } from '../../../scripts/check-cycles.mjs';

/*
 * Islands load secondary panels on the server with a top-level `await import('./Panel')`. If Panel imports, however
 * indirectly, the module that awaits it, the two server chunks wait on each other: `astro build` then stops mid-page
 * and exits 0 with half a site (it did, on /attention-variants/: PastePanel imported a helper from ModelPicker).
 */
const SRC = resolve('src');
const AWAITED_IMPORT = /^(?:export\s+)?(?:const|let|var)\s[^\n]*\(await import\(['"]([^'"]+)['"]\)/gm;

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith('~/') ? join(SRC, spec.slice(2)) : spec.startsWith('.') ? resolve(dirname(from), spec) : null;
  if (base === null) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.mjs`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

// The same reading of imports as scripts/check-cycles.mjs (type-only and dynamic imports skipped).
const staticImports = (file: string) =>
  runtimeImports(readFileSync(file, 'utf8'))
    .map((spec: string) => resolveImport(file, spec))
    .filter((f: string | null): f is string => f !== null);

/** A chain of static imports from `start` back to `target`, if there is one. */
function pathBack(start: string, target: string, seen = new Set<string>()): string[] | null {
  if (start === target) return [start];
  seen.add(start);
  for (const next of staticImports(start)) {
    if (seen.has(next)) continue;
    const rest = pathBack(next, target, seen);
    if (rest) return [start, ...rest];
  }
  return null;
}

function lazyImportCycles(files: string[]): string[] {
  return files.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(AWAITED_IMPORT)].flatMap((m) => {
      const awaited = resolveImport(file, m[1]!);
      const back = awaited && pathBack(awaited, file);
      return back ? [[file, ...back].map((f) => f.slice(SRC.length + 1)).join(' → ')] : [];
    }),
  );
}

test('the rule sees the lazy import in the picker and follows static chains', () => {
  const picker = join(SRC, 'components/calculators/shared/model-picker/ModelPicker.tsx');
  expect([...readFileSync(picker, 'utf8').matchAll(AWAITED_IMPORT)].map((m) => m[1])).toContain('./PastePanel');
  // KvCacheIsland imports the picker, so a panel importing KvCacheIsland would close a cycle; PastePanel does not.
  expect(pathBack(join(SRC, 'components/calculators/kv-cache/KvCacheIsland.tsx'), picker)).not.toBeNull();
  expect(pathBack(join(SRC, 'components/calculators/shared/model-picker/PastePanel.tsx'), picker)).toBeNull();
});

test('no module a top-level await loads imports its loader back', () => {
  expect(lazyImportCycles(files(SRC))).toEqual([]);
});
