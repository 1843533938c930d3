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
