// @vitest-environment happy-dom
/**
 * Fine-tune memory arithmetic and error paths moved from tests/e2e/finetune-memory.spec.ts (issue 34): each test
 * here was an e2e test that only chose, typed and read a figure or a message. The e2e file keeps the no-JS HTML,
 * the compact variant on its page, link round trips through a real navigation and the published table's links.
 * Figures: Llama 2 7B has 6,738,415,616 parameters (its safetensors index); mixed-precision AdamW keeps 2 + 2 + 12
 * bytes per parameter (ZeRO paper, §3.1).
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import FineTuneMemoryEn from '~/components/calculators/finetune-memory/FineTuneMemory.en';
import FineTuneMemoryZh from '~/components/calculators/finetune-memory/FineTuneMemory.zh';
import { FORMULAS, type FormulaName } from '~/components/calculators/finetune-memory/formulas';
import * as core from '~/lib/memory/finetune-memory';
import { initialResults } from '~/components/calculators/finetune-memory/view';
import { defaultState } from '~/components/calculators/finetune-memory/state';
import { en } from '~/components/calculators/finetune-memory/strings/en';
import { zh } from '~/components/calculators/finetune-memory/strings/zh';
import { gpus as gpuFiles, modelPresets } from '../../helpers/presets';

const models = modelPresets().map(({ id, name, configUrl, spec }) => ({ id, name, configUrl, spec }));
const gpus = gpuFiles().map(({ id, name, memoryGiB }) => ({ id, label: name, bytes: memoryGiB * 2 ** 30 }));
const formulas = Object.fromEntries(Object.keys(FORMULAS).map((k) => [k, ''])) as Record<FormulaName, string>;
const h100 = gpus.find((g) => g.id === 'h100-80gb')!;
const llama = models.find((m) => m.id === 'llama-2-7b')!.spec;
const common = { models, gpus, formulas, preset: 'llama-2-7b', id: 'ft-calculator', bands: {} };

beforeEach(() => window.history.replaceState(null, '', '/en/calculators/finetune-memory/'));
afterEach(cleanup);

const mountEn = () =>
  render(<FineTuneMemoryEn lang="en" {...common} initial={initialResults(core, llama, defaultState('llama-2-7b', h100.id), h100, en, 'en')} />);
const byLabel = (label: string) => screen.getByLabelText(label, { exact: true });
const choose = (label: string, value: string) => fireEvent.change(byLabel(label), { target: { value } });
const type = (label: string, value: string) => fireEvent.input(byLabel(label), { target: { value } });
const text = (testId: string) => screen.getByTestId(testId).textContent;
const totalBytes = () => Number(screen.getByTestId('ft-total').getAttribute('data-bytes'));
const live = () => waitFor(() => expect(document.querySelector('[data-live]')).toBeTruthy(), { timeout: 5000 });

test('full fine-tuning of Llama-2-7B in mixed precision shows 16 bytes per parameter of model states', async () => {
  mountEn();
  await live();
  expect(text('ft-trainable')).toBe('6,738,415,616');
  // 2 + 2 bytes per parameter: 13,476,831,232 B = 12.55 GiB each; optimizer 12 bytes = 75.31 GiB.
  expect(text('ft-bucket-weights')).toBe('12.55 GiB');
  expect(text('ft-bucket-gradients')).toBe('12.55 GiB');
  expect(text('ft-bucket-optimizer')).toBe('75.31 GiB');
});

test('LoRA r = 8 on q and v trains 4,194,304 parameters and the comparison strip follows the method', async () => {
  const { container } = mountEn();
  await live();
  const full = totalBytes();
  choose('Fine-tuning method', 'lora');
  // 32 layers × 2 matrices × r(4096 + 4096) = 32 × 2 × 8 × 8192.
  await waitFor(() => expect(text('ft-trainable')).toBe('4,194,304'));
  expect(container.querySelector('[data-method="lora"] button')!.getAttribute('aria-pressed')).toBe('true');
  expect(totalBytes()).toBeLessThan(full);
  type('LoRA rank r', '16');
  await waitFor(() => expect(text('ft-trainable')).toBe('8,388,608'));
  fireEvent.click(container.querySelector('[data-method="qlora"] button')!);
  await waitFor(() => expect((byLabel('Fine-tuning method') as HTMLSelectElement).value).toBe('qlora'));
});

test('bad batch sizes show a message next to the field and keep the last result', async () => {
  const { container } = mountEn();
  await live();
  const before = text('ft-total');
  for (const bad of ['', '-3', 'abc', '1e400', '2.5']) {
    type('Batch size per GPU', bad);
    await waitFor(() => expect(byLabel('Batch size per GPU').getAttribute('aria-invalid')).toBe('true'));
    expect(container.querySelector('.calc-field-error')).toBeTruthy();
    expect(text('ft-total')).toBe(before);
  }
  expect(container.textContent).not.toContain('NaN');
  type('Batch size per GPU', '4');
  await waitFor(() => expect(byLabel('Batch size per GPU').getAttribute('aria-invalid')).toBe('false'));
  await waitFor(() => expect(text('ft-total')).not.toBe(before));
});

test('no LoRA target and offload without ZeRO are explained, with the last result kept', async () => {
  const { container } = mountEn();
  await live();
  choose('Fine-tuning method', 'lora');
  await waitFor(() => expect(text('ft-trainable')).toBe('4,194,304'));
  fireEvent.click(byLabel('q'));
  await waitFor(() => expect(text('ft-trainable')).toBe('2,097,152'));
  const before = text('ft-total');
  fireEvent.click(byLabel('v'));
  await waitFor(() => expect(container.textContent).toContain('Choose at least one target matrix'));
  expect(byLabel('k').getAttribute('aria-invalid')).toBe('true');
  expect(text('ft-total')).toBe(before);
  fireEvent.click(byLabel('k'));
  await waitFor(() => expect(container.textContent).not.toContain('Choose at least one target matrix'));

  choose('Offload to CPU', 'optimizer');
  await waitFor(() => expect(byLabel('Offload to CPU').getAttribute('aria-invalid')).toBe('true'));
  choose('ZeRO stage', '2');
  await waitFor(() => expect(byLabel('Offload to CPU').getAttribute('aria-invalid')).toBe('false'));
  await waitFor(() => expect(text('ft-cpu')).toMatch(/^\d[\d.,]* MiB$/));
});

test('ZeRO-3 over 8 GPUs divides the model states and the fit table changes', async () => {
  const { container } = mountEn();
  await live();
  // The SXM H100 (id h100-80gb); the PCIe card has its own row.
  const row = () => container.querySelector('tr[data-gpu="h100-80gb"]')!;
  await waitFor(() => expect(row().getAttribute('data-fits')).toBe('false'));
  type('Data-parallel GPUs', '8');
  choose('ZeRO stage', '3');
  await waitFor(() => expect(row().getAttribute('data-fits')).toBe('true'));
  expect(text('ft-max-batch')).toMatch(/^\d[\d,]*$/);
  expect(text('ft-max-seq')).toMatch(/^\d[\d,]*$/);
});

test('a bad link parameter is ignored with a notice', async () => {
  window.history.replaceState(null, '', '/en/calculators/finetune-memory/?ft.batch=-5&ft.method=magic&ft.rank=16');
  const { container } = mountEn();
  await live();
  await waitFor(() => expect(container.querySelector('.calc-url-notices')!.textContent).toContain('ft.batch'));
  expect(container.querySelector('.calc-url-notices')!.textContent).toContain('ft.method');
  expect((byLabel('Batch size per GPU') as HTMLInputElement).value).toBe('1');
  expect((byLabel('Fine-tuning method') as HTMLSelectElement).value).toBe('full');
});

test('the Chinese calculator has Chinese labels', async () => {
  window.history.replaceState(null, '', '/calculators/finetune-memory/');
  const { container } = render(
    <FineTuneMemoryZh lang="zh-CN" {...common} initial={initialResults(core, llama, defaultState('llama-2-7b', h100.id), h100, zh, 'zh-CN')} />,
  );
  await live();
  expect((byLabel('微调方法') as HTMLSelectElement).value).toBe('full');
  choose('微调方法', 'qlora');
  await waitFor(() => expect(container.textContent).toContain('可训练参数'));
  expect(text('ft-total')).toMatch(/GiB/);
});

test('a pasted config.json is used, and a broken one is explained while the last model stays', async () => {
  mountEn();
  await live();
  const paste = await screen.findByLabelText('config.json contents', undefined, { timeout: 3000 });
  fireEvent.input(paste, {
    target: {
      value: JSON.stringify({ model_type: 'llama', num_hidden_layers: 2, hidden_size: 512, num_attention_heads: 8, intermediate_size: 1024, vocab_size: 1000 }),
    },
  });
  // 2 layers × (4·512² + 3·512·1024 + 2·512) + 2·1000·512 + 512 = 6,269,440
  await waitFor(() => expect(text('ft-trainable')).toBe('6,269,440'));
  fireEvent.input(paste, { target: { value: '{"model_type": "llama", "hidden_size": 0}' } });
  await waitFor(() => expect(paste.getAttribute('aria-invalid')).toBe('true'));
  expect(text('ft-trainable')).toBe('6,269,440');
});

test('a tensor-parallel degree that does not divide the heads is explained next to the field', async () => {
  // GPT-2 has 12 heads: t = 8 cannot split them.
  window.history.replaceState(null, '', '/en/calculators/finetune-memory/?ft.model=gpt2&ft.tp=8');
  const { container } = mountEn();
  await live();
  await waitFor(() => expect(byLabel('Tensor-parallel degree t').getAttribute('aria-invalid')).toBe('true'));
  expect(container.textContent).toContain('t must divide the model’s 12 attention heads');
  expect(container.textContent).not.toContain('NaN');
  choose('Tensor-parallel degree t', '4');
  await waitFor(() => expect(byLabel('Tensor-parallel degree t').getAttribute('aria-invalid')).toBe('false'));
});
