#!/usr/bin/env node
/**
 * Fails on any runtime import cycle inside src/lib (issue 34: the core's layers go one way). Reads every .ts file,
 * takes its static `import … from` and `export … from` specifiers that resolve inside src/lib, skips type-only ones
 * (`import type`, `export type`: erased at build time) and dynamic `import()` (loaded later, not at module start),
 * and looks for strongly connected components of the graph (Tarjan). No allow-list: a cycle is an error.
 *
 * Usage: node scripts/check-cycles.mjs [root]   (root defaults to src/lib)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !/\.d\.ts$/.test(name) ? [path] : [];
  });
}

/** The file a specifier names, or null when it leaves src/lib (a package, a component, a JSON file). */
function resolveSpecifier(from, specifier, root) {
  let base;
  if (specifier.startsWith('.')) base = resolve(dirname(from), specifier);
  else if (specifier.startsWith('~/lib')) base = join(root, specifier.slice('~/lib'.length));
  else return null;
  if (!base.startsWith(root)) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile() && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null;
}

/** Static, value-level `import … from 'x'`, `import 'x'` and `export … from 'x'` specifiers of one source text. */
export function runtimeImports(text) {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found = [];
  const statement = /^\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm;
  for (const m of code.matchAll(statement)) {
    if (m[5]) {
      found.push(m[5]);
      continue;
    }
    if (m[2]) continue; // import type / export type
    const clause = m[3];
    // `import { type A, type B } from` is type-only too; `import { type A, b }` is not.
    const braces = clause.match(/^\{([\s\S]*)\}$/);
    if (braces) {
      const names = braces[1]
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (names.length > 0 && names.every((n) => n.startsWith('type '))) continue;
    }
    found.push(m[4]);
  }
  return found;
}

/** The runtime import graph of `all` (files under `root`) and its cycles, each a list of files. */
export function findCycles(all, root = resolve('src/lib')) {
  const absolute = resolve(root);
  all = all.map((f) => resolve(f));
  const graph = new Map(
    all.map((f) => [
      f,
      [
        ...new Set(
          runtimeImports(readFileSync(f, 'utf8'))
            .map((s) => resolveSpecifier(f, s, absolute))
            .filter(Boolean),
        ),
      ],
    ]),
  );
  // Tarjan's strongly connected components; a component of more than one file (or a self-import) is a cycle.
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  const visit = (v) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), indices.get(w)));
    }
    if (low.get(v) === indices.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component);
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return { graph, cycles };
}

/**
 * The one-way layers (issue 34): a directory may import only the directories listed for it (and src/lib's own
 * top-level files: errors, validate, largest-fitting). Type-only imports count too (a type is part of the layer's
 * contract); a compatibility shim (a file of nothing but `export … from`) may point anywhere.
 */
export const LAYERS = {
  format: [],
  model: ['format'],
  hardware: ['model'],
  memory: ['model', 'hardware', 'format'],
  training: ['model', 'hardware', 'format'],
};

/** Imports that cross a layer the wrong way: [file, specifier] pairs. */
export function layerViolations(all, root = resolve('src/lib')) {
  const absolute = resolve(root);
  const bad = [];
  for (const file of all.map((f) => resolve(f))) {
    const own = relative(absolute, file).split(/[\\/]/)[0];
    const allowed = LAYERS[own];
    if (!allowed) continue;
    const text = readFileSync(file, 'utf8');
    const code = text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '')
      .trim();
    if (code.split(';').every((s) => s.trim() === '' || /^export\s[\s\S]*\sfrom\s/.test(s.trim()))) continue;
    for (const m of code.matchAll(/(?:import|export)\s[^;]*?from\s*['"]([^'"]+)['"]/g)) {
      const target = resolveSpecifier(file, m[1], absolute);
      if (!target) continue;
      const layer = relative(absolute, target).split(/[\\/]/);
      if (layer.length === 1 || layer[0] === own || allowed.includes(layer[0])) continue;
      bad.push([relative(process.cwd(), file), m[1]]);
    }
  }
  return bad;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(process.argv[2] ?? 'src/lib');
  const { graph, cycles } = findCycles(files(root), root);
  const edges = [...graph.values()].reduce((n, list) => n + list.length, 0);
  if (cycles.length === 0) {
    console.log(`check-cycles: ${graph.size} modules, ${edges} runtime imports in ${relative(process.cwd(), root)}, no cycle`);
  } else {
    for (const component of cycles) {
      const members = new Set(component);
      console.error(`check-cycles: import cycle among ${component.length} modules:`);
      for (const file of component) {
        const inside = (graph.get(file) ?? []).filter((w) => members.has(w)).map((w) => relative(process.cwd(), w));
        console.error(`  ${relative(process.cwd(), file)} → ${inside.join(', ')}`);
      }
    }
    process.exitCode = 1;
  }
  const violations = layerViolations(files(root), root);
  for (const [file, specifier] of violations) console.error(`check-cycles: ${file} imports ${specifier}, against the layers model → (memory | training)`);
  if (violations.length > 0) process.exitCode = 1;
  else console.log('check-cycles: layers one way (model ← hardware ← memory; model ← training)');
}
