import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { servingGpu, type GpuFile, type ServingInputs } from '~/components/calculators/serving-planner/view';
import { computeServing } from '~/components/calculators/serving-planner/compute';
import { reconcileLog } from '~/components/calculators/serving-planner/reconcile';
import { inputsOf, presetModel, servingDefaults } from '~/components/calculators/serving-planner/state';
import { servingFormulaTex, servingSlots } from '~/components/calculators/serving-planner/formulas';
import { servingEn } from '~/components/calculators/serving-planner/strings/en';
import { servingZh } from '~/components/calculators/serving-planner/strings/zh';
import { servingPanelsEn } from '~/components/calculators/serving-planner/strings/panels-en';
import { servingPanelsZh } from '~/components/calculators/serving-planner/strings/panels-zh';
import { parseVllmLog } from '~/lib/memory/vllm-log';
import { GiB } from '~/lib/model/dtype';
import { gpuSchema } from '../../../../src/schemas/gpu';
import { modelPreset, modelPresets } from '../../helpers/presets';

const gpuDir = join(process.cwd(), 'src/content/gpus');
const gpus = readdirSync(gpuDir)
  .map((f) => ({ id: f.replace(/\.json$/, ''), data: gpuSchema.parse(JSON.parse(readFileSync(join(gpuDir, f), 'utf8'))) as GpuFile }))
  .map(({ id, data }) => servingGpu(id, data)!)
  .filter(Boolean);
const presets = modelPresets().map((p) => ({ id: p.id, name: p.name, spec: p.spec }));
const base = (): ServingInputs =>
  inputsOf(
    servingDefaults(
      'llama-3.1-70b',
      gpus.map((g) => g.id),
    ),
    presetModel(presets, 'llama-3.1-70b'),
    gpus,
  );

test('every GPU file has sourced serving figures, and the driver figure is used where one was found', () => {
  expect(gpus.length).toBeGreaterThanOrEqual(13);
  const h100 = gpus.find((g) => g.id === 'h100-80gb')!;
  // What vLLM read (torch.cuda.mem_get_info), which its budget multiplies: below nvidia-smi's 81,559 MiB.
  expect(h100.memoryBytes).toBe(79.18 * GiB);
  expect(h100.memorySource).toBe('runtime');
  expect(gpus.find((g) => g.id === 'a100-80gb')!.memoryBytes).toBe(79.15 * GiB);
  expect(gpus.find((g) => g.id === 'h200')!.memorySource).toBe('driver');
  const l40s = gpus.find((g) => g.id === 'l40s')!;
  expect(l40s.memoryBytes).toBe(44.42 * GiB);
  const l4 = gpus.find((g) => g.id === 'l4')!;
  expect(l4.memorySource).toBe('vendor');
  expect(l4.driverReported).toBe(false);
});

test('the default (Llama-3.1-70B, 4 × H100, bf16) fits, and its bar adds up to the card', () => {
  const r = computeServing(base());
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  const v = r.value;
  expect(v.memory.fits).toBe(true);
  const sum = v.bar.reduce((s, seg) => s + seg.bytes, 0);
  expect(sum).toBeCloseTo(v.memory.perGpu.capacity, 0);
  expect(v.concurrentSequences).toBe(Math.floor(v.memory.kvTokens / 8192));
  expect(v.series.map((p) => p.batch)[0]).toBe(1);
});

test('a tensor-parallel degree the KV heads cannot split is a message on the TP field, not a throw', () => {
  const r = computeServing({ ...base(), tensorParallel: 3 });
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.field).toBe('tp');
  expect(r.error.code).toBe('heads');
  const r2 = computeServing({ ...base(), tensorParallel: 16, spec: { ...base().spec, numKvHeads: 6 } });
  expect(!r2.ok && r2.error.code).toBe('kvHeads');
  const r3 = computeServing({ ...base(), pipelineParallel: 64, spec: modelPreset('gpt2').spec });
  expect(!r3.ok && r3.error.field).toBe('pp');
});

test('the log reconciliation applies the block rule to the log’s own free memory', () => {
  // Qwen3-235B-A22B-FP8, TP 4 (vLLM issue 21348): 94 layers, 4 KV heads, d_h 128.
  const spec = { ...modelPreset('llama-3.1-70b').spec, numLayers: 94, numKvHeads: 4, numHeads: 64, hiddenSize: 4096 };
  const log = parseVllmLog(readFileSync(join(process.cwd(), 'tests/fixtures/vllm-logs/qwen3-235b-a22b-fp8-tp4.log'), 'utf8'));
  const inputs = { ...base(), spec, tensorParallel: 4 };
  const r = computeServing(inputs);
  const rows = reconcileLog(log, inputs, r.ok ? r.value : null);
  const tokens = rows.find((row) => row.key === 'kvTokens')!;
  expect(tokens.planner).toBe(180_928);
  expect(tokens.logged).toBe(178_880);
  // One rank's line of four: vLLM takes the smallest free memory over the ranks.
  expect(tokens.why).toBe('ranks');
  expect(rows.find((row) => row.key === 'kvMemory')!.why).toBe('estimate');
});

test('a log line within the GiB rounding is explained as rounding', () => {
  const spec = { ...modelPreset('llama-3.1-8b').spec };
  const inputs = { ...base(), spec, tensorParallel: 1 };
  const perToken = 32 * 2 * 8 * 128 * 2;
  const tokens = 100_000;
  const free = (tokens * perToken) / GiB;
  const text = `Available KV cache memory: ${free.toFixed(2)} GiB\nGPU KV cache size: ${tokens.toLocaleString('en')} tokens\nMaximum concurrency for 8,192 tokens per request: ${(tokens / 8192).toFixed(2)}x`;
  const rows = reconcileLog(parseVllmLog(text), inputs, null);
  expect(rows.find((r) => r.key === 'kvTokens')!.why).toMatch(/rounding|same/);
  expect(rows.find((r) => r.key === 'concurrency')!.why).toBe('rounding');
});

test('the formulas carry the reader’s numbers, in both languages’ formats', () => {
  const inputs = base();
  const r = computeServing(inputs);
  if (!r.ok) throw new Error('default must compute');
  const state = servingDefaults(
    'llama-3.1-70b',
    gpus.map((g) => g.id),
  );
  const en = servingSlots(r.value, inputs, state, 'en');
  expect(en.L).toBe('80');
  expect(en.nkv).toBe('8');
  expect(en.tp).toBe('4');
  expect(en.tokens).toBe(r.value.memory.kvTokens.toLocaleString('en'));
  const tex = servingFormulaTex(en);
  expect(tex.tokens).toContain('\\slot{tokens}');
  expect(Object.keys(servingZh)).toEqual(Object.keys(servingEn));
  expect(Object.keys(servingPanelsZh)).toEqual(Object.keys(servingPanelsEn));
});

test('the block formula divides by vLLM’s padded layer groups, so its numbers reproduce the token count', () => {
  // Gemma 3 1B: 22 sliding-window + 4 full layers (its config.json layer_types) → vLLM's hybrid manager makes groups of
  // 4 layers, 6 sliding groups (2 padding layers) + 1 full: 7 × 4 = 28 layer slots for 26 layers (kv_cache_utils.py).
  const state = servingDefaults(
    'gemma-3-1b-it',
    gpus.map((g) => g.id),
  );
  const inputs = inputsOf({ ...state, tp: 1 }, presetModel(presets, 'gemma-3-1b-it'), gpus);
  const r = computeServing(inputs);
  if (!r.ok) throw new Error('Gemma 3 1B must compute');
  const slots = servingSlots(r.value, inputs, state, 'en');
  expect([slots.L, slots.G, slots.lg]).toEqual(['26', '7', '4']);
  const { memory, kvPerLayerPerRank, kvGroups } = r.value;
  // The formula as printed: ⌊M_kv / (k · b_layer · G · l_g)⌋ blocks of k tokens.
  expect(Math.floor(Math.floor(memory.perGpu.kv) / (16 * kvPerLayerPerRank * kvGroups.groups * kvGroups.layersPerGroup)) * 16).toBe(memory.kvTokens);
  expect(servingFormulaTex(slots).tokens).toMatch(/G \\cdot l_g/);
});
