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
import { readFileSync } from 'node:fs';
import { parseHfConfig } from '~/lib/model/hf-config';
import { kvEn } from '~/components/calculators/kv-cache/strings/en';

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
  // Some 300 KaTeX renders: a shared 2-core machine needs more than the default 5 s.
}, 30_000);

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

const fixture = (name: string) => parseHfConfig(JSON.parse(readFileSync(new URL(`../../../fixtures/configs/${name}.json`, import.meta.url), 'utf8')));

test('a hybrid reports its recurrent state per sequence and counts it, × batch, in what the GPUs must hold', () => {
  const model = fixture('qwen3-next-80b-a3b-instruct');
  const r = computeKv({ ...inputs('llama-2-7b'), model, batch: 4, gpuCount: 4 });
  // vLLM's Gated DeltaNet state: 36 layers × (3 × 8192 + 32 × 128 × 128) numbers, bf16.
  expect(r.recurrent).toMatchObject({ kind: 'gated-deltanet', layers: 36, convElements: 24576, ssmElements: 524288, perSequence: 39_518_208 });
  expect(r.recurrent!.total).toBe(4 * 39_518_208);
  expect(r.layers).toEqual({ global: 12, local: 0, withoutKv: 36 });
  expect(r.gpu.neededBytes).toBe(r.weights + r.pagedTotal + 4 * 39_518_208);
  // The solver leaves room for every sequence's state.
  expect(r.maxBatch).toBe(Math.floor(r.freeBytes / (r.pagedTotal / 4 + 39_518_208)));
});

test('gpt-oss-20b with its experts in MXFP4 weighs 13.76 GB, as released; the report says both counts of "active"', () => {
  const model = fixture('gpt-oss-20b');
  const r = computeKv({ ...inputs('llama-2-7b'), model, weightsDtype: 'mxfp4' });
  expect(r.weights).toBe(13_761_264_768);
  expect(r.weightsBytesPerElement).toBeCloseTo(13_761_264_768 / 20_914_757_184, 12);
  expect(r.activeParams).toBe(4_187_440_704);
  expect(r.activeParamsWithoutEmbeddings).toBe(4_187_440_704 - 201088 * 2880);
  expect(r.recurrent).toBeNull();
});

test("Gemma 3's vision tower is reported apart from the text model's weights", () => {
  const r = computeKv({ ...inputs('llama-2-7b'), model: fixture('gemma-3-4b-it') });
  expect(r.params).toBe(3_880_263_168);
  expect(r.visionParams).toBe(419_816_304);
  expect(r.weights).toBe(2 * 3_880_263_168);
});

test("the state formula carries the reader's numbers: L_r · (e_c · b_c + e_s · b_s)", () => {
  const model = fixture('kimi-linear-48b-a3b-instruct');
  const r = computeKv({ ...inputs('llama-2-7b'), model });
  const slots = kvSlots(r, { ...kvDefaults('llama-2-7b', ['h100-80gb']) }, 'en');
  expect([slots.Lr, slots.ec, slots.es, slots.bc, slots.bs]).toEqual(['20', '36,864', '524,288', '2', '4']);
  expect(renderSlottedFormula(kvFormulaTex(slots).state)).toContain('36,864');
});

test('totals read "1 token × 1 sequence", and "2 sequences" from two on', () => {
  expect(kvEn.total('1', '1', 1, 1)).toBe('KV cache for this request (1 token × 1 sequence)');
  expect(kvEn.total('4,096', '2', 4096, 2)).toBe('KV cache for this request (4,096 tokens × 2 sequences)');
  expect(kvEn.sequences('1', 1)).toBe('1 sequence');
});
