// @vitest-environment happy-dom
/**
 * The per-component table's arithmetic and error paths, moved here from tests/e2e/transformer-counts.spec.ts
 * (issue 34). The e2e file keeps the no-JS chapter render and the copy-link round trip. 8,030,261,248 is the
 * released parameter count of Llama 3.1 8B (its model card); 124,439,808 is GPT-2 small with the head tied.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import TransformerCountsEn from '~/components/calculators/transformer-counts/TransformerCounts.en';
import TransformerCountsZh from '~/components/calculators/transformer-counts/TransformerCounts.zh';
import { countsDefaults } from '~/components/calculators/transformer-counts/state';
import { computeCounts } from '~/components/calculators/transformer-counts/compute';
import { countFormulaTex } from '~/components/calculators/transformer-counts/formulas';
import type { FormulaName } from '~/components/calculators/transformer-counts/variants';
import { modelPresets } from '../../helpers/presets';

const presets = modelPresets().map(({ id, name, configUrl, spec }) => ({ id, name, configUrl, spec }));
const spec = presets.find((p) => p.id === 'llama-3.1-8b')!.spec;
const initialFor = (lang: 'en' | 'zh-CN') => computeCounts(spec, countsDefaults('llama-3.1-8b').ctx, 'decode', lang);
const formulas = Object.fromEntries(Object.keys(countFormulaTex(initialFor('en').slots)).map((k) => [k, ''])) as Record<FormulaName, string>;
const props = (lang: 'en' | 'zh-CN') => ({ id: 'tc', presets, defaultPreset: 'llama-3.1-8b', formulas, initial: initialFor(lang) });

beforeEach(() => window.history.replaceState(null, '', '/en/calculators/transformer-counts/'));
afterEach(cleanup);

const params = () => document.getElementById('tc-params')!;
const flops = () => document.getElementById('tc-flops')!;
const live = () => waitFor(() => expect(document.querySelector('[data-live]')).toBeTruthy(), { timeout: 5000 });
const mountEn = async () => {
  render(<TransformerCountsEn {...props('en')} />);
  await live();
};

test('the default table is Llama 3.1 8B, its parameters adding up to the released count', async () => {
  await mountEn();
  expect(params().textContent).toBe('8,030,261,248');
  expect(document.querySelector('tr[data-component="mlp"]')!.textContent).toContain('gated (SwiGLU)');
});

test('GPT-2: a plain MLP and a tied head; a longer context raises only the attention scores', async () => {
  await mountEn();
  fireEvent.change(screen.getByLabelText('Model', { exact: true }), { target: { value: 'gpt2' } });
  await waitFor(() => expect(params().textContent).toBe('124,439,808'));
  expect(document.querySelector('tr[data-component="head"]')!.textContent).toContain('tied to the embedding');
  // The row's second output is its FLOPs (the first, its parameters: none for the scores).
  const scores = () => document.querySelectorAll('tr[data-component="attention-scores"] output')[1]!;
  const before = Number(scores().getAttribute('data-value'));
  fireEvent.input(screen.getByLabelText('Context (tokens)'), { target: { value: '8192' } });
  await waitFor(() => expect(scores().getAttribute('data-value')).not.toBe(String(before)));
  expect(Number(scores().getAttribute('data-value')) / before).toBeCloseTo(2, 6);
});

test('training counts three passes and compares with 6·N', async () => {
  await mountEn();
  const decode = Number(flops().getAttribute('data-value'));
  fireEvent.click(screen.getByLabelText('one trained token (sequences of this length)'));
  await waitFor(() => expect(document.getElementById('tc-rule')!.textContent).toContain('6·N'));
  const train = Number(flops().getAttribute('data-value'));
  expect(train / decode).toBeGreaterThan(2.5);
  expect(train / decode).toBeLessThan(3);
});

test('a bad context shows a message next to the field and keeps the last table', async () => {
  await mountEn();
  const field = screen.getByLabelText('Context (tokens)');
  fireEvent.input(field, { target: { value: '-5' } });
  await waitFor(() => expect(document.body.textContent).toContain('Must be at least 1.'));
  expect(field.getAttribute('aria-invalid')).toBe('true');
  expect(params().textContent).toBe('8,030,261,248');
  fireEvent.input(field, { target: { value: '1e400' } });
  await waitFor(() => expect(document.body.textContent).toContain('This number is too large to compute with.'));
  expect(flops().textContent).not.toContain('NaN');
});

test('bad link parameters are ignored with a notice', async () => {
  window.history.replaceState(null, '', '/en/calculators/transformer-counts/?tc.ctx=abc&tc.model=gpt-9&tc.cfg=%7Bbroken');
  await mountEn();
  await waitFor(() => expect(document.body.textContent).toMatch(/Ignored link parameter tc\.cfg/));
  expect(document.body.textContent).toContain('Ignored link parameter tc.ctx="abc"');
  expect(document.body.textContent).toContain('Ignored link parameter tc.model="gpt-9"');
  expect(params().textContent).toBe('8,030,261,248');
});

test('the Chinese island has the same table in Chinese', async () => {
  window.history.replaceState(null, '', '/calculators/transformer-counts/');
  render(<TransformerCountsZh {...props('zh-CN')} />);
  await live();
  expect(document.body.textContent).toContain('注意力投影（Q、K、V、O）');
  expect(params().textContent).toBe('8,030,261,248');
});
