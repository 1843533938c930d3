// @vitest-environment happy-dom
/**
 * The KV-cache island's arithmetic and error paths, moved here from tests/e2e/kv-cache.spec.ts (issue 34): what a
 * reader sees after choosing and typing. The e2e file keeps what needs a browser (no-JS render, hydration, the
 * copy-link round trip through a real navigation). Figures: Llama 2 7B is 32 layers × 32 KV heads × 128 × 2 (K, V)
 * × 2 bytes = 512 KiB per token (its config.json, src/content/models/llama-2-7b.json).
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import KvCacheEn from '~/components/calculators/kv-cache/KvCache.en';
import KvCacheZh from '~/components/calculators/kv-cache/KvCache.zh';
import { computeKv } from '~/components/calculators/kv-cache/compute';
import { kvDefaults } from '~/components/calculators/kv-cache/state';
import type { AttentionChoice, WeightsChoice } from '~/components/calculators/kv-cache/view';
import type { KvFormulas } from '~/components/calculators/kv-cache/KvCacheIsland';
import type { Dtype } from '~/lib/model/dtype';
import { gpus as gpuFiles, modelPresets } from '../../helpers/presets';

const presets = modelPresets().map(({ id, name, configUrl, spec }) => ({ id, name, configUrl, spec }));
// As src/data/presets.ts loadGpus(): ordered by `order`.
const gpus = gpuFiles()
  .sort((a, b) => a.order - b.order)
  .map(({ id, name, label, memoryGiB }) => ({ id, name, label, memoryBytes: memoryGiB * 2 ** 30 }));
const formulas = Object.fromEntries(
  ['elements', 'elementsMla', 'total', 'totalWindow', 'paged', 'weights', 'free', 'solver', 'solverState', 'state'].map((k) => [k, '']),
) as unknown as KvFormulas;
const defaults = kvDefaults(
  'llama-2-7b',
  gpus.map((g) => g.id),
);
// What KvCache.astro computes for the first frame.
const initial = computeKv({
  model: presets.find((p) => p.id === 'llama-2-7b')!.spec,
  attention: defaults.attn as AttentionChoice,
  groups: defaults.groups,
  seqLen: defaults.seq,
  batch: defaults.batch,
  kvDtype: defaults.kvdt as Dtype,
  weightsDtype: defaults.wdt as WeightsChoice,
  gpus,
  gpuId: defaults.gpu,
  gpuCount: defaults.ngpu,
  utilization: defaults.util,
  blockSize: defaults.block,
});
const props = { id: 'kv', presets, gpus, defaultPreset: 'llama-2-7b', formulas, initial };

beforeEach(() => window.history.replaceState(null, '', '/en/calculators/kv-cache/'));
afterEach(cleanup);

const el = (suffix: string) => document.getElementById(`kv-${suffix}`)!;
const text = (suffix: string) => el(suffix).textContent;
const live = () => waitFor(() => expect(document.querySelector('[data-live]')).toBeTruthy(), { timeout: 5000 });
const mountEn = async () => {
  render(<KvCacheEn {...props} />);
  await live();
};
const select = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label, { exact: true }), { target: { value } });
const type = (field: HTMLElement, value: string) => fireEvent.input(field, { target: { value } });
const seqField = () => screen.getAllByLabelText('Context length (tokens)', { exact: true })[0]!;
const fixtureConfig = (name: string) => readFileSync(join(process.cwd(), `tests/fixtures/configs/${name}.json`), 'utf8');
const pasteArea = async () => {
  fireEvent.click(await screen.findByText('Paste or drop a config.json', undefined, { timeout: 3000 }));
  return screen.findByLabelText('config.json contents', undefined, { timeout: 3000 });
};
const tiny = (kvHeads: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    _name_or_path: 'me/tiny',
    model_type: 'llama',
    num_hidden_layers: 4,
    hidden_size: 512,
    num_attention_heads: 8,
    num_key_value_heads: kvHeads,
    intermediate_size: 1024,
    vocab_size: 1000,
    ...extra,
  });

test('the default result: Llama 2 7B, 512 KiB per token, 2 GiB, 12.55 GiB of weights', async () => {
  await mountEn();
  expect(text('per-token')).toBe('512 KiB');
  expect(text('total')).toBe('2 GiB');
  expect(text('weights')).toBe('12.55 GiB');
});

test('choosing Llama 2 70B and changing context and batch updates the outputs; MHA stores 8× more', async () => {
  await mountEn();
  select('Model', 'llama-2-70b');
  await waitFor(() => expect(text('per-token')).toBe('320 KiB'));
  type(seqField(), '8192');
  await waitFor(() => expect(text('total')).toBe('2.5 GiB'));
  type(screen.getByLabelText('Batch (sequences at once)'), '4');
  await waitFor(() => expect(text('total')).toBe('10 GiB'));
  select('Attention kind', 'mha');
  await waitFor(() => expect(text('per-token')).toBe('2.5 MiB'));
});

test('the decimal toggle shows GB instead of GiB', async () => {
  await mountEn();
  fireEvent.click(screen.getByLabelText('Decimal (GB = 10⁹ bytes)'));
  await waitFor(() => expect(text('per-token')).toBe('524.29 kB'));
  expect(text('total')).toBe('2.15 GB');
});

test('Mistral 7B at 32k holds only its 4096-token window per layer', async () => {
  await mountEn();
  select('Model', 'mistral-7b');
  await waitFor(() => expect(screen.getByLabelText('Model', { exact: true })).toHaveProperty('value', 'mistral-7b'));
  type(seqField(), '32768');
  await waitFor(() => expect(text('total')).toBe('512 MiB'));
  expect(document.body.textContent).toContain('32 layers use a 4,096-token sliding window');
});

test('the reverse solver finds the longest context on the chosen GPU', async () => {
  await mountEn();
  // The solver panel loads after the first frame.
  await screen.findByLabelText('GPU', { exact: true }, { timeout: 3000 });
  select('GPU', 'rtx-4090');
  type(screen.getByLabelText('Memory utilization cap'), '1');
  // 24 GiB − 12.55 GiB of weights leaves 11.45 GiB; at 0.5 MiB per token in blocks of 16: 23,440 tokens.
  await waitFor(() => expect(text('max-context')).toBe('23,440 tokens'));
  const row = () => document.querySelector('tr[data-gpu="rtx-4090"]')!;
  await waitFor(() => expect(row().getAttribute('data-fits')).toBe('true'));
  select(/^Weights precision/, 'fp32');
  await waitFor(() => expect(row().getAttribute('data-fits')).toBe('false'));
});

test('a pasted config.json is used; a broken one names the problem and keeps the last good result', async () => {
  await mountEn();
  const area = await pasteArea();
  type(area, tiny(2));
  // 2 · 4 layers · 2 KV heads · 64 · 2 bytes = 2 KiB per token.
  await waitFor(() => expect(text('per-token')).toBe('2 KiB'));
  expect((screen.getByLabelText('Model', { exact: true }) as HTMLSelectElement).value).toBe('__custom');
  type(area, '{ "model_type": "llama", ');
  await waitFor(() => expect(area.getAttribute('aria-invalid')).toBe('true'));
  await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Not valid JSON'));
  expect(text('per-token')).toBe('2 KiB');
  type(area, tiny(3));
  await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('num_key_value_heads'));
  expect(text('per-token')).toBe('2 KiB');
});

test('bad numbers show a message next to the field and never reach the outputs', async () => {
  await mountEn();
  const seq = seqField();
  for (const [value, message] of [
    ['', 'Enter a number.'],
    ['-5', 'Must be at least 1.'],
    ['1e400', 'This number is too large to compute with.'],
    ['abc', 'This is not a number.'],
    ['10.5', 'Enter a whole number.'],
  ] as const) {
    type(seq, value);
    await waitFor(() => expect(text('seq-message')).toBe(message));
    expect(seq.getAttribute('aria-invalid')).toBe('true');
    expect(text('total')).toBe('2 GiB');
  }
  expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  const batch = screen.getByLabelText('Batch (sequences at once)');
  type(batch, '0');
  await waitFor(() => expect(batch.getAttribute('aria-invalid')).toBe('true'));
  expect(text('total')).toBe('2 GiB');
});

test('bad link parameters are ignored with a notice', async () => {
  window.history.replaceState(null, '', '/en/calculators/kv-cache/?kv.seq=-3&kv.model=gpt-9&kv.cfg=%7Bbad');
  await mountEn();
  await waitFor(() => expect(document.body.textContent).toMatch(/Ignored link parameter kv\.cfg/));
  expect(document.body.textContent).toContain('Ignored link parameter kv.seq="-3"');
  expect(document.body.textContent).toContain('Ignored link parameter kv.model="gpt-9"');
  expect(text('total')).toBe('2 GiB');
});

test('the Chinese calculator: same default in Chinese; DeepSeek-V2 (MLA) stores 67.5 KiB per token', async () => {
  window.history.replaceState(null, '', '/calculators/kv-cache/');
  render(<KvCacheZh {...props} />);
  await live();
  expect(document.body.textContent).toContain('每个词元（token）的 KV 缓存');
  expect(text('per-token')).toBe('512 KiB');
  select('模型', 'deepseek-v2');
  // MLA: 60 layers · 576 numbers · 2 bytes = 67.5 KiB per token.
  await waitFor(() => expect(text('per-token')).toBe('67.5 KiB'));
});

test("a pasted Qwen3-Next config shows its recurrent state beside the attention layers' KV cache", async () => {
  await mountEn();
  type(await pasteArea(), fixtureConfig('qwen3-next-80b-a3b-instruct'));
  // 12 attention layers × 2 KV heads × 256 × 2 × 2 bytes = 24 KiB per token; 36 Gated DeltaNet layers hold
  // 36 × (3 × 8192 + 32 × 128 × 128) × 2 bytes of state per sequence (vLLM's MambaSpec).
  await waitFor(() => expect(text('per-token')).toBe('24 KiB'));
  expect(el('state').getAttribute('data-bytes')).toBe('39518208');
  expect(document.body.textContent).toContain('Recurrent state per sequence (36 Gated DeltaNet layers)');
  expect(document.body.textContent).toContain('48 layers (36 recurrent), GQA-2');
});

test('a pasted gpt-oss-20b config offers its MXFP4 experts, and MXFP4 weighs the released 13.76 GB', async () => {
  await mountEn();
  type(await pasteArea(), fixtureConfig('gpt-oss-20b'));
  await waitFor(() => expect(document.body.textContent).toContain('This checkpoint ships its experts in MXFP4'));
  select(/^Weights precision/, 'mxfp4');
  await waitFor(() => expect(el('weights').getAttribute('data-bytes')).toBe('13761264768'));
  fireEvent.click(screen.getByLabelText('Decimal (GB = 10⁹ bytes)'));
  await waitFor(() => expect(text('weights')).toBe('13.76 GB'));
  expect(document.body.textContent).toContain('3,608,307,264 without the token embedding');
  expect(document.getElementById('kv-state')).toBeNull();
});
