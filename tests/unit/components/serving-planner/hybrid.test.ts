/**
 * The planner with the released Qwen3-Next and gpt-oss configs (tests/fixtures/configs, URLs in its index.json):
 * the state per request, the MXFP4 weights, and formulas that carry those numbers in both languages.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { servingGpu, type GpuFile } from '~/components/calculators/serving-planner/view';
import { computeServing } from '~/components/calculators/serving-planner/compute';
import { inputsOf, servingDefaults } from '~/components/calculators/serving-planner/state';
import { servingFormulaTex, servingSlots } from '~/components/calculators/serving-planner/formulas';
import { parseHfConfig } from '~/lib/model/hf-config';
import { weightsBytes } from '~/lib/model/weight-formats';
import { gpuSchema } from '../../../../src/schemas/gpu';

const gpuDir = join(process.cwd(), 'src/content/gpus');
const gpus = readdirSync(gpuDir)
  .map((f) => servingGpu(f.replace(/\.json$/, ''), gpuSchema.parse(JSON.parse(readFileSync(join(gpuDir, f), 'utf8'))) as GpuFile)!)
  .filter(Boolean);
const pasted = (file: string) => {
  const config = JSON.parse(readFileSync(join(process.cwd(), 'tests/fixtures/configs', file), 'utf8')) as Record<string, unknown>;
  return { id: null, name: file, spec: parseHfConfig(config), config, contextLimit: null };
};
const run = (file: string, change: Partial<ReturnType<typeof servingDefaults>>) => {
  const state = {
    ...servingDefaults(
      'llama-3.1-8b',
      gpus.map((g) => g.id),
    ),
    ...change,
  };
  const inputs = inputsOf(state, pasted(file), gpus);
  const r = computeServing(inputs);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return { v: r.value, inputs, state };
};

test('Qwen3-Next pasted, 4 × H100 bf16: the state per request is in the verdict, the concurrency and the formulas', () => {
  const { v, inputs, state } = run('qwen3-next-80b-a3b-instruct.json', { tp: 4, ctx: 32768 });
  expect(v.memory.verdict).toBe('fits');
  expect(v.memory.stateBytesPerRequest).toBe(10_027_008);
  // Requests that fit come from pool blocks / (121 attention blocks + 3 state pages), not tokens / context.
  expect(v.concurrentSequences).toBe(Math.min(Math.floor(v.memory.poolBlocks / 124), v.memory.maxNumSeqs));
  for (const lang of ['en', 'zh']) {
    const slots = servingSlots(v, inputs, state, lang);
    expect(slots.k).toBe('272');
    expect(slots.nreq).toBe('124');
    expect(slots.Mst).toMatch(/9\.56/);
    const tex = servingFormulaTex(slots);
    expect(tex.state).toContain('\\slot{Mst}');
    expect(tex.starts).toContain('\\slot{nreq}');
  }
});

test('prefix caching on a hybrid doubles the state pages (vLLM mamba cache mode align)', () => {
  const plain = run('qwen3-next-80b-a3b-instruct.json', { tp: 4, ctx: 32768 }).v;
  const cached = run('qwen3-next-80b-a3b-instruct.json', { tp: 4, ctx: 32768, pfx: 50 }).v;
  expect(cached.memory.mambaCacheMode).toBe('align');
  expect(cached.memory.stateBytesPerRequest).toBe(2 * plain.memory.stateBytesPerRequest);
});

test('gpt-oss-20b pasted in MXFP4 on one H100: 13.76 GB of weights, the window sizes the sliding groups', () => {
  const { v, inputs } = run('gpt-oss-20b.json', { tp: 1, w: 'mxfp4', ctx: 131072 });
  expect(inputs.spec.expertFormat).toBe('mxfp4');
  expect(v.memory.perGpu.weights).toBe(weightsBytes(inputs.spec, 'mxfp4'));
  expect(v.memory.stateBytesPerRequest).toBe(0);
  expect(v.memory.blocksPerRequest).toBe(8192 + 521);
  expect(v.memory.verdict).toBe('fits');
});
