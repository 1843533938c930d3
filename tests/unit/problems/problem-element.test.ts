// @vitest-environment happy-dom
/**
 * The <llm-problem> element on the markup the build writes (problemHtml), in both languages: a reader types an
 * answer, checks it, and reads the verdict; nothing is written to the URL or to storage.
 */
import { afterEach, beforeAll, expect, test, vi } from 'vitest';
import '~/components/content/problem-element';
import { problemHtml } from '~/problems/markup';
import { servingProblems } from '~/problems/serving';
import { solveChecked } from '~/problems/validate';
import type { LlmProblem } from '~/components/content/problem-element';

const numeric = servingProblems.problems.find((p) => solveChecked(p).answer.kind === 'number')!;
const multiple = servingProblems.problems.find((p) => solveChecked(p).answer.kind === 'choice')!;

async function mount(html: string, lang: 'zh-CN' | 'en'): Promise<LlmProblem> {
  document.documentElement.lang = lang;
  document.body.innerHTML = html;
  await Promise.resolve();
  return document.body.querySelector('llm-problem') as LlmProblem;
}

/** The message the feedback line shows once it has been written (the check loads its code on first use). */
async function feedback(el: LlmProblem): Promise<string> {
  const line = el.querySelector('.problem-feedback')!;
  await vi.waitFor(() => expect(line.textContent).not.toBe(''));
  return line.textContent!;
}

/** Types an answer and clicks Check, as a reader does. */
async function answer(el: LlmProblem, text: string): Promise<string> {
  const input = el.querySelector<HTMLInputElement>('.problem-input')!;
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  el.querySelector<HTMLButtonElement>('.problem-check')!.click();
  return feedback(el);
}

beforeAll(() => {
  expect(customElements.get('llm-problem')).toBeDefined();
});

afterEach(() => {
  document.body.innerHTML = '';
  localStorage.clear();
  sessionStorage.clear();
});

test('the check button is hidden in the markup and shown once the element runs', async () => {
  expect(problemHtml(numeric, 'en')).toContain('class="problem-check" hidden');
  const el = await mount(problemHtml(numeric, 'en'), 'en');
  expect(el.querySelector<HTMLButtonElement>('.problem-check')!.hidden).toBe(false);
});

test('an answer within the tolerance is accepted, a wrong one is not, in English', async () => {
  const el = await mount(problemHtml(numeric, 'en'), 'en');
  const expected = Number(el.dataset.answer);
  const tol = Number(el.dataset.tolerance);
  expect(await answer(el, String(expected * (1 + tol / 2)))).toMatch(/^Correct/);
  expect(el.dataset.verdict).toBe('correct');
  expect(el.querySelector('.problem-input')!.getAttribute('aria-invalid')).toBe('false');
  expect(await answer(el, String(expected * 3))).toMatch(/too high/);
  expect(el.dataset.verdict).toBe('wrong');
  expect(el.querySelector('.problem-input')!.getAttribute('aria-invalid')).toBe('true');
  expect(await answer(el, String(expected / 3))).toMatch(/too low/);
  expect(await answer(el, 'abc')).toMatch(/not a number/);
});

test('the verdict is in Chinese on a Chinese page, and states the tolerance', async () => {
  const el = await mount(problemHtml(numeric, 'zh'), 'zh-CN');
  const message = await answer(el, el.dataset.answer!);
  expect(message).toMatch(/^正确/);
  expect(message).toContain(el.dataset.toleranceText!);
});

test('Enter in the field checks; a new answer clears the old verdict', async () => {
  const el = await mount(problemHtml(numeric, 'en'), 'en');
  const input = el.querySelector<HTMLInputElement>('.problem-input')!;
  input.value = el.dataset.answer!;
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  await feedback(el);
  expect(el.dataset.verdict).toBe('correct');
  input.value = '1';
  input.dispatchEvent(new Event('input', { bubbles: true }));
  expect(el.dataset.verdict).toBeUndefined();
  expect(el.querySelector('.problem-feedback')!.textContent).toBe('');
});

test('a multiple-choice problem accepts only the right option', async () => {
  const el = await mount(problemHtml(multiple, 'en'), 'en');
  const radios = [...el.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
  const button = el.querySelector<HTMLButtonElement>('.problem-check')!;
  button.click();
  expect(await feedback(el)).toMatch(/first/);
  const right = Number(el.dataset.answer);
  radios[(right + 1) % radios.length]!.checked = true;
  expect(await el.check()).toBe('wrong');
  expect(el.dataset.verdict).toBe('wrong');
  radios[right]!.checked = true;
  expect(await el.check()).toBe('correct');
  expect(el.dataset.verdict).toBe('correct');
});

test('checking leaves the URL and storage as they were', async () => {
  const before = location.href;
  const el = await mount(problemHtml(numeric, 'en'), 'en');
  await answer(el, el.dataset.answer!);
  expect(location.href).toBe(before);
  expect(localStorage.length + sessionStorage.length).toBe(0);
});

test('the solution and hint are <details>, readable without the element', () => {
  const html = problemHtml(numeric, 'en');
  expect(html).toMatch(/<details class="problem-hint"><summary>Hint<\/summary>/);
  expect(html).toMatch(/<details class="problem-solution"><summary>Solution<\/summary><ol><li>/);
  expect(html).toContain(`id="problem-${numeric.id}"`);
  expect(html).not.toMatch(/<form/);
});
