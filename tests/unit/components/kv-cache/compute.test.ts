import { expect, test } from 'vitest';
import fc from 'fast-check';
import { ATTENTION_CHOICES } from '~/components/calculators/kv-cache/view';
import { computeKv, effectiveSpec, nearestGroups } from '~/components/calculators/kv-cache/compute';
import { chartSeries } from '~/components/calculators/kv-cache/chart-series';
import { kvDefaults } from '~/components/calculators/kv-cache/state';
import { kvFormulaTex, kvSlots } from '~/components/calculators/kv-cache/formulas';
import { renderSlottedFormula } from '~/components/calculators/shared/formula';
import { DTYPES, GiB } from '~/lib/model/dtype';
import { gpus as gpuFiles, modelPreset, modelPresets } from '../../helpers/presets';

const gpus = gpuFiles().map(({ id, name, label, memoryGiB }) => ({ id, name, label, memoryBytes: memoryGiB * GiB }));
const presets = modelPresets();

function inputs(presetId: string, overrides: Partial<Parameters<typeof computeKv>[0]> = {}) {
  return {
    model: modelPreset(presetId).spec,
    attention: 'model' as const,
    groups: 8,
    seqLen: 4096,
    batch: 1,
    kvDtype: 'bf16' as const,
    weightsDtype: 'bf16' as const,
    gpus,
    gpuId: 'h100-80gb',
    gpuCount: 1,
    utilization: 0.9,
    blockSize: 16,
    ...overrides,
  };
}

test('Llama 2 7B on one H100 at 0.9: 72 GiB usable minus 13.48 GB of weights is left for the cache', () => {
  const r = computeKv(inputs('llama-2-7b'));
  expect(r.weights).toBe(2 * 6_738_415_616);
  expect(r.freeBytes).toBe(0.9 * 80 * GiB - 2 * 6_738_415_616);
  expect(r.total).toBe(2 * GiB);
  expect(r.gpu.fits).toBe(true);
});

test('a GQA override that does not divide the heads snaps to the nearest divisor', () => {
  const spec = modelPreset('llama-2-7b').spec;
  expect(nearestGroups(spec, 7)).toBe(8);
  expect(effectiveSpec(spec, 'gqa', 7).numKvHeads).toBe(8);
});

test('the report carries the GQA groupings the picked model allows, so the island needs no core to offer them', () => {
  // Llama 2 7B has 32 query heads (config.json num_attention_heads): groupings are its divisors other than 1 and 32.
  const r = computeKv(inputs('llama-2-7b', { attention: 'gqa', groups: 7 }));
  expect(r.groupChoices).toEqual([2, 4, 8, 16]);
  expect(r.groups).toBe(8);
  expect(r.spec.numKvHeads).toBe(8);
  // The choices belong to the picked model, not to the override shown.
  expect(computeKv(inputs('llama-2-7b', { attention: 'mqa' })).groupChoices).toEqual([2, 4, 8, 16]);
});

test('the chart has exact corners at the window for a windowed model', () => {
  const series = chartSeries(modelPreset('mistral-7b').spec, { groups: 8, batch: 1, kvDtype: 'bf16' }, 32768);
  const gqa = series.find((s) => s.kind === 'gqa')!;
  expect(gqa.points).toEqual([
    [0, 0],
    [4096, 0.5 * GiB],
    [32768, 0.5 * GiB],
  ]);
});

test('every preset at the defaults renders all formulas with KaTeX', () => {
  for (const preset of presets) {
    const state = kvDefaults(
      preset.id,
      gpus.map((g) => g.id),
    );
    const tex = kvFormulaTex(kvSlots(computeKv(inputs(preset.id)), state, 'en'));
    for (const source of Object.values(tex)) expect(() => renderSlottedFormula(source)).not.toThrow();
  }
});

test('for any valid setting every shown number is finite text (no NaN, no Infinity)', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...presets.map((p) => p.id)),
      fc.constantFrom(...ATTENTION_CHOICES),
      fc.integer({ min: 1, max: 200 }),
      fc.integer({ min: 1, max: 100_000_000 }),
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.constantFrom(...DTYPES),
      fc.constantFrom(...DTYPES),
      fc.constantFrom(...gpus.map((g) => g.id)),
      fc.integer({ min: 1, max: 1024 }),
      fc.double({ min: 0.05, max: 1, noNaN: true }),
      fc.integer({ min: 1, max: 4096 }),
      fc.constantFrom('binary' as const, 'decimal' as const),
      (id, attention, groups, seqLen, batch, kvDtype, weightsDtype, gpuId, gpuCount, utilization, blockSize, units) => {
        const r = computeKv(inputs(id, { attention, groups, seqLen, batch, kvDtype, weightsDtype, gpuId, gpuCount, utilization, blockSize }));
        const state = { ...kvDefaults(id, [gpuId]), seq: seqLen, batch, block: blockSize, ngpu: gpuCount, util: utilization, units };
        for (const text of Object.values(kvSlots(r, state, 'zh-CN'))) expect(text).not.toMatch(/NaN|Infinity|undefined/);
        expect(Number.isFinite(r.total) && Number.isFinite(r.pagedTotal) && r.waste >= 0).toBe(true);
      },
    ),
    { numRuns: 200 },
  );
});
