// @vitest-environment happy-dom
/**
 * Serving planner arithmetic and error paths moved from tests/e2e/serving-planner.spec.ts (issue 34): each test here
 * was an e2e test that only chose, typed or pasted and read a figure or a message. The e2e file keeps the no-JS plan,
 * the KV page → planner link, the link round trips through a real navigation, and the build-time formulas' slots.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ServingPlannerEn from '~/components/calculators/serving-planner/ServingPlanner.en';
import ServingPlannerZh from '~/components/calculators/serving-planner/ServingPlanner.zh';
import { servingGpu, type GpuFile } from '~/components/calculators/serving-planner/view';
import { computeServing } from '~/components/calculators/serving-planner/compute';
import { inputsOf, presetModel, servingDefaults } from '~/components/calculators/serving-planner/state';
import type { FormulaName } from '~/components/calculators/serving-planner/formulas';
import { vllmContextLimit } from '~/lib/memory/context-window';
import { gpuSchema } from '../../../../src/schemas/gpu';
import { modelPresets } from '../../helpers/presets';

const gpuDir = join(process.cwd(), 'src/content/gpus');
const gpus = readdirSync(gpuDir)
  .map((f) => ({ id: f.replace(/\.json$/, ''), data: gpuSchema.parse(JSON.parse(readFileSync(join(gpuDir, f), 'utf8'))) as GpuFile }))
  .map(({ id, data }) => servingGpu(id, data)!)
  .filter(Boolean);
const presets = modelPresets().map(({ id, name, configUrl, spec, config }) => ({ id, name, configUrl, spec, contextLimit: vllmContextLimit(config) }));
const formulas = Object.fromEntries(['kvPerToken', 'kvPerTokenMla', 'kvMemory', 'tokens', 'concurrency', 'decode', 'ttft'].map((k) => [k, ''])) as Record<
  FormulaName,
  string
>;
const defaults = servingDefaults(
  'llama-3.1-70b',
  gpus.map((g) => g.id),
);
const first = computeServing(inputsOf(defaults, presetModel(presets, 'llama-3.1-70b'), gpus));
if (!first.ok) throw new Error('the default must compute');
const props = { id: 'serving-planner', presets, gpus, defaultPreset: 'llama-3.1-70b', formulas, initial: first.value };

beforeEach(() => window.history.replaceState(null, '', '/en/calculators/serving/'));
afterEach(cleanup);

const el = (suffix: string) => document.getElementById(`serving-planner-${suffix}`);
const text = (suffix: string) => el(suffix)!.textContent;
const verdict = () => el('verdict')!.getAttribute('data-verdict');
const live = () => waitFor(() => expect(document.querySelector('[data-live]')).toBeTruthy(), { timeout: 5000 });
const byLabel = (label: string) => screen.getByLabelText(label, { exact: true });
const choose = (label: string, value: string) => fireEvent.change(byLabel(label), { target: { value } });
const type = (field: HTMLElement, value: string) => fireEvent.input(field, { target: { value } });
const fixtureConfig = (name: string) => readFileSync(join(process.cwd(), `tests/fixtures/configs/${name}.json`), 'utf8');
const TP = 'Tensor parallel (GPUs per stage)';
const LEN = 'Tokens per request (max_model_len)';

test('the UX review’s case: Qwen3-32B AWQ on RTX 4090s at 32k — TP 1 won’t start, TP 2 fits, 131,072 is beyond the window', async () => {
  render(<ServingPlannerEn {...props} />);
  await live();
  choose('Model', 'qwen3-32b');
  choose('GPU', 'rtx-4090');
  choose('Weight format', 'awq-int4');
  type(byLabel(LEN), '32768');
  type(byLabel(TP), '1');

  // TP 1: the KV cache holds fewer tokens than one request: vLLM refuses to start, so no speeds are shown.
  await waitFor(() => expect(verdict()).toBe('wont-start'));
  expect(text('verdict-sentence')).toMatch(/Won’t start: [\d,]+ KV tokens < max_model_len 32,768/);
  expect(document.querySelector('#serving-planner-remedies [data-remedy="tp"]')!.textContent).toContain('tensor parallel 2');
  expect(el('per-seq')).toBeNull();
  expect(el('no-speeds')).toBeTruthy();

  // TP 2: it starts; every speed label names its batch, and the aggregate is at the requests that fit.
  type(byLabel(TP), '2');
  await waitFor(() => expect(verdict()).toBe('fits'));
  const fit = Number(/holds (\d+) requests/.exec(text('verdict-sentence')!)![1]);
  expect(fit).toBeGreaterThanOrEqual(2);
  expect(text('per-seq-label')).toBe('Per sequence at batch 1');
  expect(text('aggregate-label')).toBe(`In all at batch ${fit}`);
  expect(el('aggregate')!.getAttribute('data-batch')).toBe(String(fit));
  // The chart loads after start-up (Deferred).
  await waitFor(
    () => expect(document.querySelector(`#serving-planner-chart [data-fit-limit="${fit}"]`)!.textContent).toContain(`KV cache full at ${fit} requests`),
    {
      timeout: 3000,
    },
  );

  // 131,072 tokens: beyond Qwen3-32B's 40,960 (max_position_embeddings, no rope_scaling in its config.json).
  type(byLabel(LEN), '131072');
  await waitFor(() => expect(text('window')).toContain('40,960'));
  expect(el('verdict')!.getAttribute('data-window')).toBe('beyond');
});

test('a tensor-parallel degree the heads cannot split: message by the field, last good result kept', async () => {
  render(<ServingPlannerEn {...props} />);
  await live();
  const before = text('tokens');
  type(byLabel(TP), '3');
  await waitFor(() => expect(text('problem')).toContain('attention heads'));
  expect(text('tp-message')).toContain('3 does not divide 64');
  expect(text('tokens')).toBe(before);
  type(byLabel(TP), 'abc');
  await waitFor(() => expect(byLabel(TP).getAttribute('aria-invalid')).toBe('true'));
  expect(text('tokens')).toBe(before);
});

test('bad link parameters are ignored with a notice, a bad config included', async () => {
  window.history.replaceState(null, '', '/en/calculators/serving/?srv.tp=-3&srv.gpu=h900&srv.cfg=%7Bbad');
  render(<ServingPlannerEn {...props} />);
  await live();
  await waitFor(() => expect(document.body.textContent).toMatch(/Ignored link parameter srv\.cfg/));
  expect(document.body.textContent).toContain('Ignored link parameter srv.tp="-3"');
  expect(document.body.textContent).toContain('Ignored link parameter srv.gpu="h900"');
  expect(verdict()).toBe('fits');
});

test('a pasted vLLM log is read, its setup compared, and its terms put next to the planner’s', async () => {
  render(<ServingPlannerEn {...props} />);
  await live();
  // Llama-3.1-70B on TP 4, bf16 cache: 80 layers · 2 · 2 heads · 128 · 2 B = 81,920 B per token per GPU;
  // 10 GiB / (16 · 1,024 B · 80) = 8,192 blocks = 131,072 tokens by vLLM's rule.
  const logText = [
    "INFO [utils.py:1] non-default args: {'model': 'meta-llama/Llama-3.1-70B-Instruct', 'tensor_parallel_size': 4}",
    'INFO [gpu_model_runner.py:1] Model loading took 32.88 GiB memory and 20.1 seconds',
    'INFO [gpu_worker.py:2] Available KV cache memory: 10.00 GiB',
    'INFO [kv_cache_utils.py:3] GPU KV cache size: 131,072 tokens',
    'INFO [kv_cache_utils.py:4] Maximum concurrency for 8,192 tokens per request: 16.00x',
  ].join('\n');
  const area = await screen.findByLabelText(/Paste the log/, undefined, { timeout: 3000 });
  type(area, logText);
  const cell = (row: string, which: string) => document.querySelector(`#serving-planner-log-table tr[data-row="${row}"] [data-cell="${which}"]`);
  await waitFor(() => expect(cell('kvTokens', 'logged')!.textContent).toBe('131,072'));
  expect(cell('kvTokens', 'planner')!.textContent).toBe('131,072');
  expect(el('log-match')).toBeTruthy();
  expect(document.querySelector('#serving-planner-log-table tr[data-row="weights"]')).toBeTruthy();
  // Another model's log (Qwen2-7B on one GPU): the mismatch is said in words, and the log's settings can be applied.
  type(
    area,
    [
      'INFO Resolved architecture: Qwen2ForCausalLM',
      "INFO non-default args: {'model': 'Qwen2-7B-Instruct', 'max_model_len': 16384, 'gpu_memory_utilization': 0.25}",
      'INFO Available KV cache memory: 5.01 GiB',
      'INFO GPU KV cache size: 93,872 tokens',
    ].join('\n'),
  );
  await waitFor(() => expect(text('log-mismatch')).toContain('Qwen2ForCausalLM'));
  expect(text('log-mismatch')).toContain('tensor parallel 1');
  fireEvent.click(el('log-apply')!);
  await waitFor(() => expect((byLabel(TP) as HTMLInputElement).value).toBe('1'));
  expect((byLabel('GPU memory utilization') as HTMLInputElement).value).toBe('0.25');
  type(area, 'nothing useful here');
  await waitFor(() => expect(text('log-message')).toContain('No vLLM sizing lines'));
});

test('the Chinese planner carries the same plan, verdict included', async () => {
  window.history.replaceState(null, '', '/calculators/serving/');
  render(<ServingPlannerZh {...props} />);
  await live();
  expect(Number(text('tokens')!.replace(/[^\d]/g, ''))).toBeGreaterThan(0);
  expect((byLabel('张量并行（每级 GPU 数）') as HTMLInputElement).value).toBe('4');
  expect(text('verdict-sentence')).toContain('能启动');
});

test('a pasted Qwen3-Next config: the recurrent state per request and the verdict (issue 29)', async () => {
  render(<ServingPlannerEn {...props} />);
  await live();
  type(await screen.findByLabelText('config.json contents', undefined, { timeout: 3000 }), fixtureConfig('qwen3-next-80b-a3b-instruct'));
  await waitFor(() => expect((byLabel('Model') as HTMLSelectElement).value).toBe('__custom'));
  type(byLabel(TP), '4');
  type(byLabel(LEN), '32768');
  // TP 4: 36 Gated DeltaNet layers in 3 groups of 12, one page of 272 tokens × 1,024 B each: 10,027,008 B per request.
  await waitFor(() => expect(el('state')!.getAttribute('data-bytes')).toBe('10027008'));
  expect(text('state')).toBe('9.56 MiB');
  expect(document.body.textContent).toContain('KV cache tokens (whole blocks of 272)');
  expect(verdict()).toBe('fits');
  // Too little memory for one 262,144-token request with its state: vLLM would not start.
  type(byLabel(LEN), '262144');
  type(byLabel('GPU memory utilization'), '0.52');
  await waitFor(() => expect(verdict()).toBe('wont-start'));
});

test('a pasted gpt-oss-20b config is served in MXFP4 by itself: 13.76 GB of weights, no state, and it fits (issue 29)', async () => {
  window.history.replaceState(null, '', '/calculators/serving/');
  render(<ServingPlannerZh {...props} />);
  await live();
  type(await screen.findByLabelText('config.json 内容', undefined, { timeout: 3000 }), fixtureConfig('gpt-oss-20b'));
  await waitFor(() => expect((byLabel('权重格式') as HTMLSelectElement).value).toBe('mxfp4'));
  type(byLabel('张量并行（每级 GPU 数）'), '1');
  await waitFor(() => expect(el('weights')!.getAttribute('data-bytes')).toBe('13761264768'));
  expect(el('state')).toBeNull();
  await waitFor(() => expect(verdict()).toBe('fits'));
});
