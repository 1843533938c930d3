// @vitest-environment happy-dom
/**
 * The sparse-vector island's formats, text encoding and error paths, moved here from
 * tests/e2e/sparse-vector.spec.ts (issue 34). The corpus index is a small one built with the site's own
 * buildCorpusIndex and served by a stubbed fetch, so the figures here depend only on the code. The e2e file keeps
 * what needs the real index and pages (result links resolve, Chinese search), the no-JS HTML, keyboard, axe and
 * the copy-link round trip.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import SparseVectorEn from '~/components/calculators/sparse-vector/SparseVector.en';
import { FORMULAS, type FormulaName } from '~/components/calculators/sparse-vector/formulas';
import { buildCorpusIndex } from '~/lib/sparse/corpus-index';

const index = buildCorpusIndex(
  [
    { url: '/en/a/', title: 'Sparse vectors', page: 'A', text: 'A sparse vector stores only its non-zero entries.' },
    { url: '/en/b/#kv', title: 'KV cache', page: 'B', text: 'The KV cache grows with the context; attention mask and memory.' },
  ],
  'en',
);

beforeAll(() => {
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify(index), { headers: { 'content-type': 'application/json' } }));
});
afterAll(() => vi.unstubAllGlobals());
beforeEach(() => window.history.replaceState(null, '', '/en/calculators/sparse-vector/'));
afterEach(cleanup);

const formulas = Object.fromEntries(Object.keys(FORMULAS).map((k) => [k, ''])) as Record<FormulaName, string>;
const mount = () => render(<SparseVectorEn id="sv" formulas={formulas} indexUrl="/sparse-index/en.json" />);
const at = (selector: string) => document.querySelector(selector)!;
const vectorField = () => screen.getByLabelText('Vector (a dense list or any sparse format)');
const type = (field: HTMLElement, value: string) => fireEvent.input(field, { target: { value } });

test('a pasted LIBSVM vector is shown in every format with its byte counts', async () => {
  mount();
  type(vectorField(), '2:0.5 1000:1e-5');
  await waitFor(() => expect(at('[data-format="spark"]').textContent).toBe('(1000,[1,999],[0.5,1.0E-5])'));
  expect(at('[data-format="dict"]').textContent).toBe('{"1": 0.5, "999": 0.00001}');
  expect(at('[data-value="nnz"]').textContent).toBe('2');
  expect(at('[data-value="verdict"]').textContent).toContain('Sparse is smaller');
  expect(at('[data-value="spark"]').textContent).toContain('would pick sparse');
});

test('bad vector input shows a specific message next to the field and keeps the last result', async () => {
  mount();
  const field = vectorField();
  for (const [bad, message] of [
    ['(4,[0,2],[1.0])', 'differ in length'],
    ['(4,[3,1],[1.0,2.0])', 'strictly increasing'],
    ['(4,[0,9],[1.0,2.0])', 'outside 0…3'],
    ['1, , 3', 'entry #2 is empty'],
    ['[1, 2, abc]', 'not a number'],
  ] as const) {
    type(field, bad);
    await waitFor(() => expect(at('#sv-vector-message').textContent).toContain(message));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(at('[data-format="spark"]').textContent).toBe('(4,[0,2,3],[1.0,1.0,3.0])');
  }
  type(field, '[0, 7]');
  await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('false'));
  expect(at('[data-format="spark"]').textContent).toBe('(2,[1],[7.0])');
});

test('Spark HashingTF indices: "a b c" with 10 features gives (10,[5,7,8],[1.0,1.0,1.0])', async () => {
  // Spark 3.x HashingTF (MurmurHash3_x86_32 of the UTF-8 term, seed 42, non-negative mod numFeatures).
  window.history.replaceState(null, '', '/en/calculators/sparse-vector/?sv.tab=text&sv.m=bow&sv.ix=hash&sv.nf=10&sv.q=a%20b%20c');
  mount();
  await waitFor(() => expect(at('[data-value="spark-form"]').textContent).toBe('(10,[5,7,8],[1.0,1.0,1.0])'), { timeout: 3000 });
});

test('two sentences are compared by cosine similarity and shared terms', async () => {
  window.history.replaceState(null, '', '/en/calculators/sparse-vector/?sv.tab=text&sv.m=bow');
  mount();
  type(await screen.findByLabelText('Sentence', { exact: true }), 'sparse vector');
  type(screen.getByLabelText('A second sentence to compare (optional)'), 'dense vector');
  // Counts (1,1,0)·(0,1,1) / (√2·√2) = 0.5.
  await waitFor(() => expect(at('[data-value="cosine"]').textContent).toContain('Cosine similarity: 0.5'), { timeout: 3000 });
  expect(at('[data-value="cosine"]').textContent).toContain('vector');
});

test('empty and over-long text show a message and keep the last result', async () => {
  window.history.replaceState(null, '', '/en/calculators/sparse-vector/?sv.tab=text');
  mount();
  const field = await screen.findByLabelText('Sentence', { exact: true });
  type(field, 'attention mask');
  await waitFor(() => expect(at('[data-value="tokens"]').textContent).toContain('mask'), { timeout: 3000 });
  type(field, '');
  await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
  expect(at('#sv-q-message').textContent).toContain('Type a sentence');
  expect(at('[data-value="tokens"]').textContent).toContain('mask');
  type(field, 'x '.repeat(6000));
  await waitFor(() => expect(at('#sv-q-message').textContent).toContain('over the cap of 10,000'));
});

test('bad link parameters are ignored with a notice', async () => {
  window.history.replaceState(null, '', '/en/calculators/sparse-vector/?sv.m=magic&sv.k1=-1');
  mount();
  await waitFor(() => expect(at('.calc-url-notices').textContent).toContain('sv.m'));
  expect(at('.calc-url-notices').textContent).toContain('sv.k1');
});
