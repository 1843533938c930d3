/**
 * Issue 34: src/lib has no runtime import cycle (`scripts/check-cycles.mjs`, also run by `npm run lint`), and the
 * checker itself tells a runtime cycle from a type-only one.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { files, findCycles, runtimeImports } from '../../../scripts/check-cycles.mjs';

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
