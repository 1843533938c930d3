import { expect, test } from 'vitest';
import { countsView } from '~/components/calculators/transformer-counts/view';
import { countFormulaTex, countSlots } from '~/components/calculators/transformer-counts/formulas';
import { formulaNames } from '~/components/calculators/transformer-counts/variants';
import { countsDefaults, countsSchema, URL_PREFIX } from '~/components/calculators/transformer-counts/state';
import { renderSlottedFormula } from '~/components/calculators/shared/formula';
import { readUrlState } from '~/components/calculators/shared/url-state';
import { countParams } from '~/lib/model/param-count';
import { modelPreset, modelPresets } from '../../helpers/presets';

const llama = modelPreset('llama-3.1-8b').spec;

test('the shares of parameters and of FLOPs each add up to 1', () => {
  const v = countsView(llama, 4096, 'decode');
  expect(v.rows.reduce((s, r) => s + r.paramShare, 0)).toBeCloseTo(1, 12);
  expect(v.rows.reduce((s, r) => s + r.flopShare, 0)).toBeCloseTo(1, 12);
  expect(v.params).toBe(countParams(llama));
});

test('training counts 3 passes at the causal mean of (T + 1)/2 keys, against 6·N', () => {
  const decode = countsView(llama, 4096, 'decode');
  const train = countsView(llama, 4096, 'train');
  expect(train.keys).toBe(4097 / 2);
  expect(train.rule).toBe(3 * decode.rule);
  expect(train.flops).toBeLessThan(3 * decode.flops);
});

test('at a short context the rule of thumb is close (a little high: the embedding table costs no FLOPs); at a long one the scores take over', () => {
  const short = countsView(llama, 128, 'decode');
  expect(short.ruleRatio).toBeGreaterThan(0.9);
  expect(short.ruleRatio).toBeLessThan(1);
  const long = countsView(llama, 1_000_000, 'decode');
  expect(long.scoreShare).toBeGreaterThan(0.5);
  expect(long.ruleRatio).toBeGreaterThan(2);
});

test.each(modelPresets().map((p) => [p.id, p.spec] as const))('%s: every formula that applies renders with its numbers', (_id, spec) => {
  const slots = countSlots(spec, countsView(spec, 4096, 'decode'), 'en');
  const tex = countFormulaTex(slots);
  for (const name of formulaNames(spec)) {
    const html = renderSlottedFormula(tex[name]);
    expect(html).toContain('data-slot=');
  }
  for (const value of Object.values(slots)) expect(value).not.toMatch(/NaN|Infinity|undefined/);
});

test('a link carries the model, the context and the phase; a bad context is ignored with a notice', () => {
  const ids = modelPresets().map((p) => p.id);
  const schema = countsSchema(ids);
  const ok = readUrlState('?tc.model=gpt2&tc.ctx=1024&tc.phase=train', schema, countsDefaults('llama-3.1-8b'), URL_PREFIX);
  expect(ok.state).toMatchObject({ model: 'gpt2', ctx: 1024, phase: 'train' });
  const bad = readUrlState('?tc.ctx=-5&tc.phase=sideways', schema, countsDefaults('llama-3.1-8b'), URL_PREFIX);
  expect(bad.state.ctx).toBe(4096);
  expect(bad.notices.map((n) => n.key)).toEqual(['tc.ctx', 'tc.phase']);
});
