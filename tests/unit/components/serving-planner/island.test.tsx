// @vitest-environment happy-dom
/**
 * The serving planner island with bad input (issue 28): a config.json or a startup log that cannot be read gives a
 * specific message in the reader's language and the last good result stays; a log of another setup is named in
 * words. The arithmetic behind it is tested in compute/verdict tests; here, the island's handling.
 */
import { afterEach, expect, test } from 'vitest';
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

afterEach(cleanup);

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
const props = { id: 'srv', presets, gpus, defaultPreset: 'llama-3.1-70b', formulas, initial: first.value };

const tokens = () => document.getElementById('srv-tokens')!.textContent;
const live = () => waitFor(() => expect(document.querySelector('[data-live]')).toBeTruthy(), { timeout: 5000 });

test('the verdict leads the results, and only its sentence is live', async () => {
  render(<ServingPlannerEn {...props} />);
  await live();
  const verdict = document.getElementById('srv-verdict')!;
  expect(verdict.getAttribute('data-verdict')).toBe('fits');
  // The results block itself is not live (it would read every figure on each keystroke); the verdict sentence is.
  expect(document.querySelector('.calc-results')!.hasAttribute('aria-live')).toBe(false);
  expect(document.getElementById('srv-verdict-sentence')!.getAttribute('aria-live')).toBe('polite');
  expect(document.getElementById('srv-verdict-sentence')!.textContent).toMatch(/Starts: holds [\d,]+ requests of 8,192 tokens/);
  expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
});

test('a broken config.json is named in English and the last good plan stays', async () => {
  render(<ServingPlannerEn {...props} />);
  await live();
  const before = tokens();
  const paste = await screen.findByLabelText('config.json contents', undefined, { timeout: 3000 });
  fireEvent.input(paste, { target: { value: '{"model_type": "llama", "num_hidden_layers": -4, "hidden_size": 512' } });
  await waitFor(() => expect(paste.getAttribute('aria-invalid')).toBe('true'));
  fireEvent.input(paste, {
    target: {
      value: JSON.stringify({
        model_type: 'llama',
        num_hidden_layers: -4,
        hidden_size: 512,
        num_attention_heads: 8,
        intermediate_size: 1024,
        vocab_size: 1000,
      }),
    },
  });
  await waitFor(() => expect(document.getElementById('srv-model-config-message')!.textContent).toContain('num_hidden_layers'));
  expect(tokens()).toBe(before);
});

test('the same broken config in Chinese: the message has no English words but the config key', async () => {
  render(<ServingPlannerZh {...props} />);
  await live();
  const before = tokens();
  const paste = await screen.findByLabelText('config.json 内容', undefined, { timeout: 3000 });
  fireEvent.input(paste, { target: { value: '{"model_type": "llama", ' } });
  await waitFor(() => expect(paste.getAttribute('aria-invalid')).toBe('true'));
  const text = document.getElementById('srv-model-config-message')!.textContent!;
  expect(text).toContain('不是有效的 JSON');
  expect(text.replace(/JSON/g, '')).not.toMatch(/[A-Za-z]{3,}/);
  expect(tokens()).toBe(before);
});

test('a pasted log of another model says so in words; an unreadable one says what to paste', async () => {
  render(<ServingPlannerEn {...props} />);
  await live();
  const area = await screen.findByLabelText(/Paste the log/, undefined, { timeout: 3000 });
  const before = tokens();
  fireEvent.input(area, { target: { value: readFileSync(join(process.cwd(), 'tests/fixtures/vllm-logs/qwen2-7b-tp1-a100-0.25.log'), 'utf8') } });
  await waitFor(() => expect(document.getElementById('srv-log-mismatch')).toBeTruthy());
  const words = document.getElementById('srv-log-mismatch')!.textContent!;
  expect(document.getElementById('srv-log-setup')!.textContent).toContain('Qwen2-7B-Instruct');
  expect(words).toContain('tensor parallel 1');
  expect(words).toContain('gpu_memory_utilization is 0.25');
  // The token row uses the planner's model on the log's own memory: a different per-token size, said as such.
  expect(document.getElementById('srv-log-mismatch')!.getAttribute('data-mismatch')).toContain('perToken');
  expect(tokens()).toBe(before);
  fireEvent.input(area, { target: { value: 'INFO nothing to see' } });
  await waitFor(() => expect(document.getElementById('srv-log-message')!.textContent).toContain('No vLLM sizing lines'));
  expect(tokens()).toBe(before);
});

test('“Use the log’s settings” puts the log’s TP, utilization and context into the planner', async () => {
  render(<ServingPlannerEn {...props} />);
  await live();
  const area = await screen.findByLabelText(/Paste the log/, undefined, { timeout: 3000 });
  fireEvent.input(area, { target: { value: readFileSync(join(process.cwd(), 'tests/fixtures/vllm-logs/qwen2-7b-tp2-a100-0.5.log'), 'utf8') } });
  const apply = await waitFor(() => document.getElementById('srv-log-apply')!);
  fireEvent.click(apply);
  await waitFor(() => expect((screen.getByLabelText('Tensor parallel (GPUs per stage)') as HTMLInputElement).value).toBe('2'));
  expect((screen.getByLabelText('GPU memory utilization') as HTMLInputElement).value).toBe('0.5');
  expect((screen.getByLabelText('Tokens per request (max_model_len)') as HTMLInputElement).value).toBe('16384');
});
