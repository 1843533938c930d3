// @vitest-environment happy-dom
import { test, expect, afterEach } from 'vitest';
import { render, fireEvent, screen, cleanup, waitFor } from '@testing-library/preact';
import SparseVectorEn from '~/components/calculators/sparse-vector/SparseVector.en';
import { FORMULAS, type FormulaName } from '~/components/calculators/sparse-vector/formulas';

afterEach(cleanup);

const formulas = Object.fromEntries(Object.keys(FORMULAS).map((k) => [k, ''])) as Record<FormulaName, string>;
const mount = () => render(<SparseVectorEn id="sv" formulas={formulas} indexUrl="/sparse-index/en.json" />);
const spark = (container: Element) => container.querySelector('[data-format="spark"]')!.textContent;

test("renders the notes' example in Spark's form with Spark's dense choice", () => {
  const { container } = mount();
  expect(spark(container)).toBe('(4,[0,2,3],[1.0,1.0,3.0])');
  expect(container.querySelector('[data-value="spark"]')!.textContent).toContain('40 bytes');
  expect(container.querySelector('[data-value="spark"]')!.textContent).toContain('would pick dense');
});

test('a broken vector marks the field invalid, says why, and keeps the last result', async () => {
  const { container } = mount();
  const field = screen.getByLabelText('Vector (a dense list or any sparse format)');
  fireEvent.input(field, { target: { value: '(4,[0,2],[1.0])' } });
  await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
  expect(container.querySelector('#sv-vector-message')!.textContent).toContain('indices and values differ in length (2 vs 1)');
  expect(spark(container)).toBe('(4,[0,2,3],[1.0,1.0,3.0])');
});

test('value width changes the byte counts and the break-even density', async () => {
  const { container } = mount();
  fireEvent.change(screen.getByLabelText('Value width'), { target: { value: '4' } });
  await waitFor(() => expect(container.querySelector('[data-value="dense-bytes"]')!.textContent).toBe('16 bytes'));
  expect(container.querySelector('[data-value="sparse-bytes"]')!.textContent).toBe('24 bytes');
});

test('a vector too large to expand still shows its sparse forms and says why the dense one is missing', async () => {
  const { container } = mount();
  fireEvent.input(screen.getByLabelText('Vector (a dense list or any sparse format)'), { target: { value: '(10000000,[9999999],[1.0])' } });
  await waitFor(() => expect(spark(container)).toBe('(10000000,[9999999],[1.0])'));
  expect(container.textContent).toContain('More than 100,000 dimensions: not expanded to dense.');
});
