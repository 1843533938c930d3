/**
 * Issue 34, a library boundary: the five entry points of package.json `exports` load, carry no UI helpers (nothing
 * they reach imports src/components), and the examples in src/lib/README.md give what it says.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { runtimeImports } from '../../../scripts/check-cycles.mjs';
import { countParams, parseHfConfig } from '~/lib/entry/model';
import { kvCacheBytes } from '~/lib/entry/inference';
import { fineTuneMemory } from '~/lib/entry/training';
import { gpuById, OptionError } from '~/lib/entry/hardware';
import { tokenize } from '~/lib/entry/text';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Record<string, string> };

test('package.json exports the five entry points, each a file that exists', () => {
  expect(Object.keys(pkg.exports).filter((k) => k !== './package.json')).toEqual(['./model', './inference', './training', './hardware', './text']);
  for (const path of Object.values(pkg.exports)) expect(() => readFileSync(path)).not.toThrow();
});

test('no entry point reaches a UI module (src/components, URL state, number fields)', () => {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const spec of [...(runtimeImports as (t: string) => string[])(text), ...[...text.matchAll(/import type[^;]*?from\s*'([^']+)'/g)].map((m) => m[1]!)]) {
      expect(spec, file).not.toMatch(/components|input\//);
      if (!spec.startsWith('.') || spec.endsWith('.json')) continue;
      const base = resolve(dirname(file), spec);
      const next = [`${base}.ts`, `${base}/index.ts`].find((f) => {
        try {
          readFileSync(f);
          return true;
        } catch {
          return false;
        }
      });
      if (next) visit(next);
    }
  };
  for (const path of Object.values(pkg.exports).filter((p) => p.endsWith('.ts'))) visit(resolve(path));
  expect(seen.size).toBeGreaterThan(40);
});

test('the README examples give what the README says', () => {
  const llama2_7b = parseHfConfig({
    model_type: 'llama',
    num_hidden_layers: 32,
    hidden_size: 4096,
    num_attention_heads: 32,
    num_key_value_heads: 32,
    intermediate_size: 11008,
    vocab_size: 32000,
    max_position_embeddings: 4096,
  });
  expect(countParams(llama2_7b)).toBe(6738415616);
  expect(kvCacheBytes(llama2_7b, { seqLen: 4096, batch: 1, dtype: 'fp16' })).toMatchObject({ perToken: 524288, total: 2147483648 });
  const m = fineTuneMemory(llama2_7b, { method: 'full', precision: 'mixed', optimizer: 'adamw', batchSize: 1, seqLen: 2048, gradientCheckpointing: false });
  expect(m.bytes.weights + m.bytes.gradients + m.bytes.optimizer).toBe(16 * 6738415616);
  expect(gpuById('h100-80gb').bandwidthBytesPerSecond).toBe(3.35e12);
  let refusal: unknown;
  try {
    gpuById('h100-80gbx');
  } catch (error) {
    refusal = error;
  }
  expect(refusal).toBeInstanceOf(OptionError);
  expect(refusal).toMatchObject({ field: 'gpu', reason: 'not-one-of' });
  expect(tokenize('Sparse vectors, sparse!')).toEqual(['sparse', 'vectors', 'sparse']);
  expect(tokenize('稀疏向量')).toEqual(['稀疏', '向量']);
});
