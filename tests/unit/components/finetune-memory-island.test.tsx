// @vitest-environment happy-dom
import { test, expect, afterEach } from 'vitest';
import { render, fireEvent, screen, cleanup, waitFor } from '@testing-library/preact';
import FineTuneMemoryIsland from '../../../src/components/finetune-memory/FineTuneMemoryIsland';
import { INTERIM_MODELS, INTERIM_GPUS } from '../../../src/components/finetune-memory/interim-data';
import { FORMULAS, type FormulaName } from '../../../src/components/finetune-memory/formulas';

afterEach(cleanup);

const formulas = Object.fromEntries(Object.keys(FORMULAS).map((k) => [k, ''])) as Record<FormulaName, string>;
const mount = () =>
  render(<FineTuneMemoryIsland lang="en" models={INTERIM_MODELS} gpus={INTERIM_GPUS} formulas={formulas} preset="llama-2-7b" anchor="ft" />);

test('renders the default full fine-tuning result with every bucket', () => {
  mount();
  expect(screen.getByTestId('ft-trainable').textContent).toBe('6,738,415,616');
  for (const bucket of ['weights', 'gradients', 'optimizer', 'activations']) {
    expect(screen.getByTestId(`ft-bucket-${bucket}`).textContent).toMatch(/^\d[\d.,]* (MiB|GiB)$/);
  }
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

test('the comparison strip lists four methods, none of them NaN', () => {
  const { container } = mount();
  const items = container.querySelectorAll('.ft-compare li');
  expect(items.length).toBe(4);
  expect(container.textContent).not.toMatch(/NaN|Infinity/);
});
