// @vitest-environment happy-dom
/**
 * The attention-mask visualizer's counts, rows in words, decoding steps and error paths, moved from
 * tests/e2e/attention-mask.spec.ts (issue 34). The e2e file keeps what needs a browser: the no-JS render, canvas,
 * keyboard navigation, the slider drag, held-back lazy chunks, play, axe and the copy-link round trip.
 * Pair counts: a causal mask over n tokens allows n(n+1)/2 (query, key) pairs; a prefix LM with prefix p allows
 * p² + (n−p)(n+p+1)/2.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import AttentionMaskEn from '~/components/calculators/attention-mask/AttentionMask.en';
import { maskDefaults, type ViewKind } from '~/components/calculators/attention-mask/state';
import { renderSlottedFormula } from '~/components/calculators/shared/formula';

const defaults = maskDefaults('mask', 'en');
// As AttentionMask.astro renders them (the slots are what the island fills in).
const formulas: Record<ViewKind, string> = {
  causal: renderSlottedFormula(String.raw`M_{ij} = 0 \iff j \le i`),
  prefix: renderSlottedFormula(String.raw`M_{ij} = 0 \iff j < \slot{p}{${defaults.p}} \;\lor\; j \le i`),
  glm: renderSlottedFormula(String.raw`M_{ij} = 0 \iff j < |A| = \slot{p}{${defaults.p}} \;\lor\; j \le i`),
  'encoder-decoder': renderSlottedFormula(String.raw`M^{\text{dec}}_{ij} = 0 \iff j \le i, \quad E = \slot{p}{${defaults.p}}`),
  bidirectional: renderSlottedFormula(String.raw`M_{ij} = 0 \quad \forall\, i, j`),
  'sliding-window': renderSlottedFormula(String.raw`M_{ij} = 0 \iff i - \slot{W}{${defaults.w}} < j \le i`),
  chunked: renderSlottedFormula(String.raw`M_{ij} = 0 \iff \lfloor i / \slot{W}{${defaults.w}} \rfloor = \lfloor j / W \rfloor \;\land\; j \le i`),
  packed: renderSlottedFormula(String.raw`M_{ij} = 0 \iff \operatorname{doc}(i) = \operatorname{doc}(j) \;\land\; j \le i`),
};
const paddingFormula = renderSlottedFormula(String.raw`M_{ij} = -\infty \;\text{ if }\; \min(i, j) < \slot{P}{1}`);

beforeEach(() => window.history.replaceState(null, '', '/en/calculators/attention-mask/'));
afterEach(cleanup);

const live = () => waitFor(() => expect(document.querySelector('[data-live]')).toBeTruthy(), { timeout: 5000 });
const mount = async () => {
  const view = render(<AttentionMaskEn id="mask-calculator" panel="mask" defaults={defaults} formulas={formulas} paddingFormula={paddingFormula} />);
  await live();
  return view.container;
};
const q = (selector: string) => document.querySelector(selector)!;
const pairs = (side: 'a' | 'b') => q(`output[data-stat="pairs-${side}"]`).textContent;
const byLabel = (label: string) => screen.getAllByLabelText(label, { exact: true })[0]!;
const choose = (label: string, value: string) => fireEvent.change(byLabel(label), { target: { value } });
const type = (label: string, value: string) => fireEvent.input(byLabel(label), { target: { value } });
const WINDOW = 'Window W (keys, itself included) / chunk size';
const rowText = (side: 'a' | 'b') => q(`[data-mask="${side}"] .mask-row-text`).textContent;
const focusRow = (side: 'a' | 'b', n: number) => fireEvent.focus(document.querySelectorAll(`[data-mask="${side}"] tbody tr`)[n]!);
const openExport = async () => {
  // The export is a Deferred panel: its code loads after start-up.
  const summary = await waitFor(
    () => {
      const found = document.querySelector('.mask-export summary');
      if (!found) throw new Error('no export yet');
      return found;
    },
    { timeout: 3000 },
  );
  fireEvent.click(summary);
};

test('switching kinds and the prefix changes the mask', async () => {
  await mount();
  expect(pairs('a')).toBe('Allowed (query, key) pairs: 28 of 49');
  choose('Right mask', 'bidirectional');
  await waitFor(() => expect(pairs('b')).toBe('Allowed (query, key) pairs: 49 of 49'));
  choose('Right mask', 'prefix');
  type('Prefix length p', '5');
  // p=5 of 7: 25 + (2·13)/2 = 38.
  await waitFor(() => expect(pairs('b')).toBe('Allowed (query, key) pairs: 38 of 49'));
  choose('Left mask', 'sliding-window');
  type(WINDOW, '2');
  await waitFor(() => expect(pairs('a')).toBe('Allowed (query, key) pairs: 13 of 49'));
});

test('focusing a row says in words what that token sees', async () => {
  await mount();
  focusRow('a', 4);
  await waitFor(() => expect(rowText('a')).toBe('Token 4 “the” sees tokens 0–4'));
  focusRow('b', 1);
  await waitFor(() => expect(rowText('b')).toBe('Token 1 “cat” sees tokens 0–2'));
});

test('step-through decoding: one prefill, then one row per generated token', async () => {
  await mount();
  fireEvent.click(screen.getByRole('button', { name: /Prefill/ }));
  await waitFor(() => expect(q('.mask-step').textContent).toBe('Prefill: one forward pass computes all 3 prompt rows.'));
  expect(document.querySelectorAll('[data-mask="a"] tr.mask-row-step')).toHaveLength(3);
  fireEvent.click(screen.getByRole('button', { name: 'Generate the next token' }));
  await waitFor(() => expect(q('.mask-step').textContent).toContain('Decode step 1: only row 3'));
  expect(document.querySelectorAll('[data-mask="b"] tr.mask-row-step')).toHaveLength(1);
});

test('loss positions: causal after the first token, prefix only after the prefix', async () => {
  await mount();
  fireEvent.click(byLabel('Show the positions that carry the training loss'));
  const ticks = (side: 'a' | 'b') => [...document.querySelectorAll(`[data-mask="${side}"] .mask-loss td`)].filter((td) => td.textContent!.includes('✓')).length;
  await waitFor(() => expect(ticks('a')).toBe(6));
  expect(ticks('b')).toBe(4);
});

test('bad window sizes are marked invalid and keep the last masks', async () => {
  const container = await mount();
  const before = pairs('a');
  for (const bad of ['0', '-3', 'abc', '1e400', '']) {
    type(WINDOW, bad);
    await waitFor(() => expect(byLabel(WINDOW).getAttribute('aria-invalid')).toBe('true'));
  }
  expect(pairs('a')).toBe(before);
  expect(container.textContent).not.toContain('NaN');
});

test('chunked attention, packed documents, left padding and the W+1 window convention', async () => {
  await mount();
  choose('Left mask', 'chunked');
  type(WINDOW, '3');
  // 7 tokens in chunks of 3, 3, 1: 6 + 6 + 1 = 13 pairs.
  await waitFor(() => expect(pairs('a')).toBe('Allowed (query, key) pairs: 13 of 49'));
  type('Text (split into word tokens)', 'One two. Three four five.');
  choose('Left mask', 'packed');
  // Documents "One two ." (3 tokens) and "Three four five ." (4 tokens): 6 + 10 = 16.
  await waitFor(() => expect(pairs('a')).toBe('Allowed (query, key) pairs: 16 of 49'));
  choose('Left mask', 'sliding-window');
  type(WINDOW, '2');
  await waitFor(() => expect(pairs('a')).toBe('Allowed (query, key) pairs: 13 of 49'));
  fireEvent.click(screen.getByLabelText(/^Count the window as W\+1 keys/));
  await waitFor(() => expect(pairs('a')).toBe('Allowed (query, key) pairs: 18 of 49'));
  type('Left padding tokens', '2');
  await waitFor(() => expect(pairs('a')).toBe('Allowed (query, key) pairs: 12 of 49'));
  // The padding term joins the formula with the reader's P, and the export pads too.
  expect(q('[data-mask="a"] [data-slot="P"]').textContent).toBe('2');
  await openExport();
  await waitFor(() => expect(q('.mask-export code').textContent).toContain('mask &= (q >= 2) & (k >= 2)'), { timeout: 3000 });
});

test('the stacked receptive field reproduces Mistral 7B: 32 layers × 4096 ≈ 131K tokens', async () => {
  await mount();
  type(WINDOW, '4096');
  await waitFor(() => expect(q('output[data-stat="reach"]').textContent).toContain('= 131,041 tokens'), { timeout: 3000 });
});

test('the stacked-layer view grows the last token’s field by W−1 tokens per layer', async () => {
  await mount();
  type(WINDOW, '3');
  const rows = () => [...document.querySelectorAll('.mask-field-rows li')].map((li) => li.textContent);
  // 7 tokens, W = 3: layer 1 reaches 4–6, layer 2 reaches 2–6, layer 3 the whole sequence; then the list stops.
  await waitFor(() => expect(rows()).toEqual(['Layer 1: tokens 4–6', 'Layer 2: tokens 2–6', 'Layer 3: tokens 0–6']), { timeout: 3000 });
  fireEvent.click(screen.getByLabelText(/^Count the window as W\+1 keys/));
  await waitFor(() => expect(rows()).toEqual(['Layer 1: tokens 3–6', 'Layer 2: tokens 0–6']));
});

test('encoder–decoder and GLM: same visibility as a prefix LM, rows named by their part, exported as three matrices', async () => {
  await mount();
  choose('Left mask', 'encoder-decoder');
  // p = 3 encoder tokens, 4 decoder tokens: the prefix LM's 31 pairs.
  await waitFor(() => expect(pairs('a')).toBe('Allowed (query, key) pairs: 31 of 49'));
  focusRow('a', 4);
  await waitFor(() => expect(rowText('a')).toBe('Decoder token 4 “the” sees encoder tokens 0–2 and decoder tokens 3–4'));
  await openExport();
  await waitFor(() => expect(q('.mask-export summary').textContent).toContain('Encoder–decoder'), { timeout: 3000 });
  await waitFor(() => expect(q('.mask-export code').textContent).toContain('cross = torch.ones(4, 3, dtype=torch.bool)'));
  choose('Right mask', 'glm');
  focusRow('b', 1);
  await waitFor(() => expect(rowText('b')).toBe('Part A token 1 “cat” sees Part A tokens 0–2 and Part B tokens (none)'));
  // An encoder needs at least one token: the message sits next to the prefix field and the last mask stays.
  type('Prefix length p', '0');
  const alerts = () => [...document.querySelectorAll('[data-mask="a"] [role="alert"]')].map((el) => el.textContent).join(' | ');
  // The e2e test read the core's English 'at least 1 token each'; since the errors carry (field, reason, limit) the
  // island says it from its own strings (strings/en.ts, 'below-min').
  await waitFor(() => expect(alerts()).toContain('the prefix length p must be at least 1'));
  expect(q('#mask-p-message').textContent).toContain('must be at least 1');
});
