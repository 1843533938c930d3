// @vitest-environment happy-dom
import { test, expect, afterEach } from 'vitest';
import { render, fireEvent, screen, cleanup, waitFor } from '@testing-library/preact';
import FineTuneMemoryIsland from '~/components/calculators/finetune-memory/FineTuneMemory.en';
import { modelPresets, gpus as gpuFiles } from '../../helpers/presets';
import { FORMULAS, type FormulaName } from '~/components/calculators/finetune-memory/formulas';
import * as core from '~/lib/memory/finetune-memory';
import { initialResults } from '~/components/calculators/finetune-memory/view';
import { defaultState } from '~/components/calculators/finetune-memory/state';
import { en } from '~/components/calculators/finetune-memory/strings/en';

afterEach(cleanup);

const models = modelPresets().map(({ id, name, configUrl, spec }) => ({ id, name, configUrl, spec }));
const gpus = gpuFiles().map(({ id, name, memoryGiB }) => ({ id, label: name, bytes: memoryGiB * 2 ** 30 }));
const formulas = Object.fromEntries(Object.keys(FORMULAS).map((k) => [k, ''])) as Record<FormulaName, string>;
const h100 = gpus.find((g) => g.id === 'h100-80gb')!;
// What the wrapper computes on the server for the first frame; the island loads the core itself afterwards.
const initial = initialResults(core, models.find((m) => m.id === 'llama-2-7b')!.spec, defaultState('llama-2-7b', h100.id), h100, en, 'en');
const mount = () =>
  render(
    <FineTuneMemoryIsland
      lang="en"
      models={models}
      gpus={gpus}
      formulas={formulas}
      preset="llama-2-7b"
      id="ft"
      initial={initial}
      bands={{ 'hf:qlora': { lo: -0.07, hi: 0.02, n: 6 } }}
    />,
  );

test('renders the default full fine-tuning result with every bucket', () => {
  mount();
  expect(screen.getByTestId('ft-trainable').textContent).toBe('6,738,415,616');
  // The default full fine-tune (checkpointing on) peaks at the optimizer step: weights, optimizer states, gradients,
  // AdamW's step buffer and the CUDA context, the activations already freed.
  for (const bucket of ['weights', 'optimizer', 'gradients', 'cudaContext']) {
    expect(screen.getByTestId(`ft-bucket-${bucket}`).textContent).toMatch(/^\d[\d.,]* (MiB|GiB)$/);
  }
  // The verdict comes first, marked for tools, and names the card.
  const results = screen.getByTestId('ft-results');
  expect(['fits', 'does-not-fit']).toContain(results.getAttribute('data-verdict'));
  expect(screen.getByTestId('ft-verdict').textContent).toMatch(/H100/);
});

test('a QLoRA run that does not fit names the activations, not the model states, and what to change', async () => {
  mount();
  fireEvent.change(screen.getByLabelText('Fine-tuning method'), { target: { value: 'qlora' } });
  fireEvent.input(screen.getByLabelText('Sequence length (tokens)'), { target: { value: '400000' } });
  await waitFor(() => expect(screen.getByTestId('ft-results').getAttribute('data-verdict')).toBe('does-not-fit'));
  await waitFor(() => expect(screen.getByTestId('ft-verdict').textContent).toMatch(/Cut the sequence/));
  const text = screen.getByTestId('ft-verdict').textContent!;
  expect(text).toMatch(/the activations/);
  expect(text).toMatch(/Cut the sequence to [\d,]+ tokens/);
  expect(text).not.toMatch(/model states/);
});

test('freezing more layers than the model has explains it next to the field and keeps the result', async () => {
  mount();
  fireEvent.change(screen.getByLabelText('Fine-tuning method'), { target: { value: 'freeze' } });
  await waitFor(() => expect(screen.getByLabelText('Top layers trained')).toBeTruthy());
  const before = screen.getByTestId('ft-total').textContent;
  fireEvent.input(screen.getByLabelText('Top layers trained'), { target: { value: '40' } });
  await waitFor(() => expect(screen.getByLabelText('Top layers trained').getAttribute('aria-invalid')).toBe('true'));
  expect(screen.getByText('Must be at most 32.')).toBeTruthy();
  expect(screen.getByTestId('ft-total').textContent).toBe(before);
});

test('a pasted config.json replaces the preset; a broken one is explained and the last model kept', async () => {
  mount();
  // The picker's paste panel loads after start-up (Deferred), when the browser is idle.
  const paste = await screen.findByLabelText('config.json contents', undefined, { timeout: 3000 });
  const gpt2 = { model_type: 'gpt2', n_layer: 12, n_embd: 768, n_head: 12, vocab_size: 50257, n_positions: 1024 };
  fireEvent.input(paste, { target: { value: JSON.stringify(gpt2) } });
  await waitFor(() => expect(screen.getByTestId('ft-trainable').textContent).not.toBe('6,738,415,616'));
  const trainable = screen.getByTestId('ft-trainable').textContent;
  fireEvent.input(paste, { target: { value: '{"model_type": "llama", "hidden_size": -1' } });
  await waitFor(() => expect(paste.getAttribute('aria-invalid')).toBe('true'));
  expect(screen.getByTestId('ft-trainable').textContent).toBe(trainable);
});

test('the comparison strip lists four methods, none of them NaN', () => {
  const { container } = mount();
  const items = container.querySelectorAll('.ft-compare li');
  expect(items.length).toBe(4);
  expect(container.textContent).not.toMatch(/NaN|Infinity/);
});

// Arithmetic the e2e spec used to check in a browser (code review: it needs no browser), against the figures' sources.

test('LoRA r = 8 on k only, optimizer offloaded under ZeRO-2: PEFT’s fp32 adapters put 12 bytes each on the CPU, times 1.5', async () => {
  mount();
  fireEvent.change(screen.getByLabelText('Fine-tuning method'), { target: { value: 'lora' } });
  await waitFor(() => expect(screen.getByLabelText('q')).toBeTruthy());
  fireEvent.click(screen.getByLabelText('q'));
  fireEvent.click(screen.getByLabelText('v'));
  fireEvent.click(screen.getByLabelText('k'));
  await waitFor(() => expect(screen.getByTestId('ft-trainable').textContent).toBe('2,097,152'));
  fireEvent.change(screen.getByLabelText('ZeRO stage'), { target: { value: '2' } });
  fireEvent.change(screen.getByLabelText('Offload to CPU'), { target: { value: 'optimizer' } });
  // PEFT keeps adapters in fp32 (profiles.ts, hf): a 4-byte gradient and two 4-byte AdamW moments, no master copy
  // (issue 27; it was 2 + 12 bytes when adapters were taken as 16-bit with an fp32 master, 42 MiB).
  // 2,097,152 × 12 B = 24 MiB, times DeepSpeed's CPU buffer factor 1.5 = 36 MiB.
  await waitFor(() => expect(screen.getByTestId('ft-cpu').textContent).toBe('36 MiB'));
});

test('PPO and GRPO show the rollout KV cache on the bar and in the summary; G multiplies it', async () => {
  mount();
  fireEvent.change(screen.getByLabelText('Fine-tuning method'), { target: { value: 'lora' } });
  fireEvent.change(screen.getByLabelText('Training objective'), { target: { value: 'ppo' } });
  // Llama-2-7B, 2,048 tokens: 32 layers × 2 (K, V) × 4,096 × 2 B = 0.5 MiB per token of 16-bit KV cache = 1 GiB.
  // LoRA's peak is at the loss, where the rollout cache is counted alive (the bar sums to peak.device).
  await waitFor(() => expect(screen.getByTestId('ft-bucket-rolloutKvCache').textContent).toBe('1 GiB'));
  expect(screen.getByTestId('ft-rollout-kv').textContent).toBe('1 GiB');
  expect(screen.getByTestId('ft-bucket-critic')).toBeTruthy();
  expect(screen.getByTestId('ft-bucket-criticActivations')).toBeTruthy();
  // The reward model: Llama-2-7B in 16 bit, 6,738,415,616 × 2 B = 12.55 GiB.
  expect(screen.getByTestId('ft-bucket-reward').textContent).toBe('12.55 GiB');
  fireEvent.change(screen.getByLabelText('Training objective'), { target: { value: 'grpo' } });
  await waitFor(() => expect(screen.getByLabelText('Completions per prompt G (num_generations)')).toBeTruthy());
  fireEvent.input(screen.getByLabelText('Completions per prompt G (num_generations)'), { target: { value: '4' } });
  await waitFor(() => expect(screen.getByTestId('ft-bucket-rolloutKvCache').textContent).toBe('4 GiB'));
  expect(screen.getByTestId('ft-rollout-kv').textContent).toBe('4 GiB');
});

test('a full fine-tune that peaks at the optimizer step still names its rollout cache, off the bar', async () => {
  mount();
  fireEvent.change(screen.getByLabelText('Training objective'), { target: { value: 'grpo' } });
  // Full fine-tuning: gradients and AdamW's step buffer outweigh the activations, so the peak is at the step and the
  // rollout cache (freed by then) is not on the bar; the summary keeps it, as part of the theoretical total.
  await waitFor(() => expect(screen.getByTestId('ft-rollout-kv').textContent).toBe('8 GiB'));
  expect(screen.queryByTestId('ft-bucket-rolloutKvCache')).toBeNull();
  expect(screen.getByTestId('ft-rollout-kv').parentElement!.textContent).toMatch(/freed before the optimizer step/);
});

test('the CUDA-context field moves the peak, never the theoretical total', async () => {
  mount();
  await waitFor(() => expect(screen.getByTestId('ft-bucket-cudaContext').textContent).toBe('1.25 GiB'));
  const total = screen.getByTestId('ft-total').getAttribute('data-bytes');
  const peak = Number(screen.getByTestId('ft-peak-device').getAttribute('data-bytes'));
  fireEvent.input(screen.getByLabelText('CUDA context and kernels per GPU (GiB; measured 1.25)'), { target: { value: '1.5' } });
  await waitFor(() => expect(screen.getByTestId('ft-bucket-cudaContext').textContent).toBe('1.5 GiB'));
  expect(screen.getByTestId('ft-total').getAttribute('data-bytes')).toBe(total);
  expect(Number(screen.getByTestId('ft-peak-device').getAttribute('data-bytes')) - peak).toBe(0.25 * 2 ** 30);
});

test('the first frame, drawn before the core loads, is the server’s whole verdict with its suggestions', () => {
  // A QLoRA run that does not fit because of its activations: the server's verdict carries what to change.
  const spec = models.find((m) => m.id === 'llama-2-7b')!.spec;
  const long = initialResults(core, spec, { ...defaultState('llama-2-7b', h100.id), method: 'qlora', ckpt: false, seq: 65536 }, h100, en, 'en');
  const judged = long.verdict!.verdict;
  expect(judged.kind).toBe('does-not-fit');
  expect(judged.advice.length).toBeGreaterThan(1);
  expect(judged.advice[0]).toMatch(/Turn on gradient checkpointing/);
  render(<FineTuneMemoryIsland lang="en" models={models} gpus={gpus} formulas={formulas} preset="llama-2-7b" id="ft" initial={long} bands={{}} />);
  // Synchronously after the first render: the core's dynamic import has not resolved yet.
  const verdict = screen.getByTestId('ft-verdict');
  expect(screen.getByTestId('ft-results').getAttribute('data-verdict')).toBe('does-not-fit');
  expect([...verdict.querySelectorAll('li')].map((li) => li.textContent)).toEqual(judged.advice);
});
