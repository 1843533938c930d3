/**
 * The serving planner with Apple silicon and a CPU (issue 29): tensor parallelism > 1 is refused next to the TP field
 * in both languages, remedies never suggest more GPUs there and suggest GGUF files instead of fp8/AWQ, and the island's
 * per-layer constants are the core's expected efficiencies.
 */
import { expect, test } from 'vitest';
import { servingGpu, type GpuFile, type ServingInputs } from '~/components/calculators/serving-planner/view';
import { computeServing, remediesFor } from '~/components/calculators/serving-planner/compute';
import { GPU_LAYER_US, inputsOf, LLAMA_CPP_FORMATS, METAL_LAYER_US, presetModel, servingDefaults } from '~/components/calculators/serving-planner/state';
import { servingEn } from '~/components/calculators/serving-planner/strings/en';
import { servingZh } from '~/components/calculators/serving-planner/strings/zh';
import { EXPECTED_EFFICIENCY, EXPECTED_EFFICIENCY_UNIFIED_MEMORY } from '~/lib/memory/inference-speed';
import m2Ultra from '~/lib/hardware/gpus/apple-m2-ultra.json';
import m4Max from '~/lib/hardware/gpus/apple-m4-max.json';
import cpu from '~/lib/hardware/gpus/cpu-ddr5-desktop.json';
import { modelPresets } from '../../helpers/presets';

const gpus = [
  servingGpu('apple-m2-ultra', m2Ultra as GpuFile)!,
  servingGpu('apple-m4-max', m4Max as GpuFile)!,
  servingGpu('cpu-ddr5-desktop', cpu as GpuFile)!,
];
const presets = modelPresets().map((p) => ({ id: p.id, name: p.name, spec: p.spec }));
const inputs = (gpu: string, model: string, change: Partial<ServingInputs> = {}): ServingInputs => ({
  ...inputsOf({ ...servingDefaults(model, [gpu]), gpu, tp: 1, w: 'gguf-q4_k_m', lov: METAL_LAYER_US }, presetModel(presets, model), gpus),
  ...change,
});

test('the island’s per-layer times are the core’s expected efficiencies', () => {
  expect(GPU_LAYER_US * 1e-6).toBeCloseTo(EXPECTED_EFFICIENCY.layerOverheadSeconds!, 12);
  expect(METAL_LAYER_US * 1e-6).toBeCloseTo(EXPECTED_EFFICIENCY_UNIFIED_MEMORY.layerOverheadSeconds!, 12);
  expect(LLAMA_CPP_FORMATS.has('gguf-q4_k_m')).toBe(true);
  expect(LLAMA_CPP_FORMATS.has('mxfp4')).toBe(true);
  expect(LLAMA_CPP_FORMATS.has('awq-int4')).toBe(false);
});

test('Llama-3.1-8B Q4_K_M on an M4 Max computes; tensor parallel 2 is refused by the TP field, in both languages', () => {
  const ok = computeServing(inputs('apple-m4-max', 'llama-3.1-8b'));
  expect(ok.ok).toBe(true);
  if (ok.ok) expect(ok.value.speed.bound.decode).toBe('memory');
  const r = computeServing(inputs('apple-m4-max', 'llama-3.1-8b', { tensorParallel: 2 }));
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.field).toBe('tp');
  expect(r.error.code).toBe('oneDevice');
  expect(servingEn.problems.oneDevice(r.error)).toMatch(/must be 1, not 2/);
  expect(servingZh.problems.oneDevice(r.error)).toMatch(/只能是 1，不能是 2/);
});

test('remedies on a single device: GGUF formats, never more GPUs', () => {
  // Llama-3.1-70B in bf16 (141 GB) on a 128 GB M4 Max does not start.
  const i = inputs('apple-m4-max', 'llama-3.1-70b', { weights: 'bf16' });
  const r = computeServing(i);
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  expect(r.value.memory.verdict).not.toBe('fits');
  const remedies = remediesFor(i, r.value.memory);
  expect(remedies.some((x) => x.kind === 'tp')).toBe(false);
  const w = remedies.find((x) => x.kind === 'weights');
  expect(w && 'weights' in w ? w.weights : null).toMatch(/^gguf-/);
});
