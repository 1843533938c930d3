import { test, expect } from 'vitest';
import { modelPreset, modelPresets } from '../../helpers/presets';
import { readUrlState } from '~/components/calculators/shared/url-state';
import { PUBLISHED, compareRow } from '~/components/calculators/finetune-memory/published';
import { stateSchema, defaultState, toOptions, URL_PREFIX } from '~/components/calculators/finetune-memory/state';
import { fineTuneMemory } from '~/lib/memory/finetune-memory';

const schema = stateSchema(
  modelPresets().map((p) => p.id),
  ['h100-80gb'],
);
const defaults = defaultState('llama-2-7b', 'h100-80gb');
const rows = PUBLISHED.map((row) => compareRow(row, modelPreset(row.model).spec, schema, defaults, 'ft-calculator'));

test('every row is within 10% (after its named overhead) or says why not', () => {
  for (const r of rows) {
    console.log(
      r.row.id,
      r.ours?.toFixed(2),
      r.oursWithOverhead?.toFixed(2),
      r.row.published,
      r.difference === null ? '-' : (r.difference * 100).toFixed(1) + '%',
    );
    if (r.difference === null) {
      expect(r.row.state, r.row.id).toBeNull();
      continue;
    }
    expect(Math.abs(r.difference) <= 0.1, r.row.id).toBe(!r.row.outside);
  }
});

test('a named overhead is there only where the theoretical total alone is more than 10% off', () => {
  for (const r of rows) {
    if (r.row.overheadGiB === undefined || r.ours === null) continue;
    expect(Math.abs(r.ours - r.row.published) / r.row.published, r.row.id).toBeGreaterThan(0.1);
  }
});

test('each link opens the calculator in the state that gives our figure', () => {
  for (const r of rows) {
    if (r.link === null) continue;
    const [search, fragment] = r.link.split('#');
    expect(fragment).toBe('ft-calculator');
    const { state, notices } = readUrlState(search!, schema, defaults, URL_PREFIX);
    expect(notices, r.row.id).toEqual([]);
    const m = fineTuneMemory(modelPreset(state.model).spec, toOptions(state));
    const unit = r.row.unit === 'GB' ? 1e9 : 2 ** 30;
    expect(m.peak.device / unit, r.row.id).toBeCloseTo(r.oursWithOverhead!, 9);
  }
});
