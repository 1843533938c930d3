/**
 * Issue 34: src/lib has no runtime import cycle (`scripts/check-cycles.mjs`, also run by `npm run lint`), and the
 * checker itself tells a runtime cycle from a type-only one.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { files, findCycles, layerViolations, runtimeImports } from '../../../scripts/check-cycles.mjs';

type Check = (files: string[], root: string) => { graph: Map<string, string[]>; cycles: string[][] };

test('the checker finds a runtime cycle and ignores type-only imports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cycles-'));
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
  write('a.ts', "import { b } from './b';\nexport const a = 1;\n");
  write('b.ts', "import {\n  a,\n  type X,\n} from './a';\nexport const b = a;\n");
  write('c.ts', "import type { d } from './d';\nexport const c = 1;\n");
  write('d.ts', "import { type c } from './c';\nexport const d = 1;\n");
  const { cycles } = (findCycles as Check)(
    ['a.ts', 'b.ts', 'c.ts', 'd.ts'].map((f) => join(dir, f)),
    dir,
  );
  expect(cycles.map((c) => c.map((f) => f.slice(dir.length + 1)).sort())).toEqual([['a.ts', 'b.ts']]);
  expect((runtimeImports as (t: string) => string[])("export { x } from './x';\nexport type { Y } from './y';\nimport './z';")).toEqual(['./x', './z']);
});

test('src/lib has no runtime import cycle', () => {
  const { graph, cycles } = (findCycles as Check)((files as (dir: string) => string[])('src/lib'), 'src/lib');
  expect(graph.size).toBeGreaterThan(50);
  expect(cycles).toEqual([]);
});

test('layers go one way: model imports nothing above it, training and inference not each other (shims aside)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'layers-'));
  for (const d of ['model', 'memory', 'training']) mkdirSync(join(dir, d));
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
  write('errors.ts', 'export const e = 1;\n');
  write('model/spec.ts', "import type { T } from '../memory/kv';\nimport { e } from '../errors';\nexport const s = e;\n");
  write('memory/kv.ts', "import { s } from '../model/spec';\nexport type T = number;\nexport const k = s;\n");
  write('memory/old.ts', "/** moved */\nexport * from '../training/ft';\n");
  write('training/ft.ts', "import { k } from '../memory/kv';\nexport const f = k;\n");
  const all = ['errors.ts', 'model/spec.ts', 'memory/kv.ts', 'memory/old.ts', 'training/ft.ts'].map((f) => join(dir, f));
  const found = (layerViolations as (files: string[], root: string) => [string, string][])(all, dir).map(
    ([file, spec]) => `${file.split(/[\\/]/).slice(-2).join('/')} → ${spec}`,
  );
  expect(found).toEqual(['model/spec.ts → ../memory/kv', 'training/ft.ts → ../memory/kv']);
  expect((layerViolations as (files: string[], root: string) => unknown[])((files as (d: string) => string[])('src/lib'), 'src/lib')).toEqual([]);
});
