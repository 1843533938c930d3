// @vitest-environment happy-dom
/**
 * The training planner island: the verdict leads, a refused setting is named beside its field in the reader's language
 * while the last good result stays, a preset link restores its run, and "find a layout" lists layouts that apply.
 */
import { afterEach, expect, test } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import TrainingPlannerEn from '~/components/calculators/training-planner/TrainingPlanner.en';
import TrainingPlannerZh from '~/components/calculators/training-planner/TrainingPlanner.zh';
import { islandProps } from './setup';

afterEach(() => {
  cleanup();
  history.replaceState(null, '', '/');
});

const live = () => waitFor(() => expect(document.querySelector('[data-live]')).toBeTruthy(), { timeout: 5000 });
const total = () => document.getElementById('trn-total')!.getAttribute('data-bytes');
const verdict = () => document.getElementById('trn-verdict')!;

test('the verdict comes first in the results and says it fits, with MFU and days', async () => {
  render(<TrainingPlannerEn {...islandProps()} />);
  await live();
  const results = document.querySelector('.calc-results')!;
  expect(results.firstElementChild).toBe(verdict());
  expect(verdict().getAttribute('data-verdict')).toBe('fits');
  expect(document.getElementById('trn-verdict-sentence')!.textContent).toMatch(
    /^✓ Fits: [\d.]+ GiB of [\d.]+ GiB per GPU .* MFU [\d.]+%, [\d,.]+ days to train\.$/,
  );
  expect(document.body.textContent).not.toMatch(/NaN|Infinity|undefined/);
});

test('a tensor-parallel degree that does not divide the heads: English message by the field, last result kept', async () => {
  render(<TrainingPlannerEn {...islandProps()} />);
  await live();
  const before = total();
  const tp = document.getElementById('trn-tp') as HTMLInputElement;
  fireEvent.input(tp, { target: { value: '3' } });
  await waitFor(() => expect(document.getElementById('trn-problem')).toBeTruthy());
  expect(document.getElementById('trn-problem')!.getAttribute('data-field')).toBe('tp');
  expect(document.getElementById('trn-tp-message')!.textContent).toContain('64 attention heads');
  expect(total()).toBe(before);
  // Back to a good value: the message goes, the numbers follow.
  fireEvent.input(tp, { target: { value: '4' } });
  await waitFor(() => expect(document.getElementById('trn-problem')).toBeNull());
  expect(total()).not.toBe(before);
});

test('the same refusal in Chinese', async () => {
  render(<TrainingPlannerZh {...islandProps()} />);
  await live();
  const before = total();
  fireEvent.input(document.getElementById('trn-gpus')!, { target: { value: '1000' } });
  await waitFor(() => expect(document.getElementById('trn-problem')).toBeTruthy());
  expect(document.getElementById('trn-gpus-message')!.textContent).toMatch(/1000 块 GPU 不是.*= 32 的整数倍/);
  expect(document.getElementById('trn-problem')!.textContent).toContain('下方仍显示上一个能计算的设置');
  expect(total()).toBe(before);
});

test('a preset link restores its run; DeepSeek-V3 is named as not fitting, by activations', async () => {
  render(<TrainingPlannerEn {...islandProps()} />);
  await live();
  const link = document.querySelector('a[data-preset="deepseek-v3"]') as HTMLAnchorElement;
  expect(link.getAttribute('href')).toMatch(/trn\.model=deepseek-v3.*trn\.gpus=2048.*#trn$/);
  fireEvent.click(link);
  await waitFor(() => expect(verdict().getAttribute('data-verdict')).toBe('over'));
  expect(verdict().getAttribute('data-largest')).toBe('activations');
  expect(document.getElementById('trn-verdict-sentence')!.textContent).toMatch(
    /Does not fit: [\d.]+ GiB per GPU exceeds [\d.]+ GiB by [\d.]+ GiB; activations take the most\./,
  );
  expect((document.getElementById('trn-ep') as HTMLInputElement).value).toBe('64');
});

test('find a layout lists layouts, and "Use" applies one', async () => {
  render(<TrainingPlannerEn {...islandProps()} />);
  await live();
  const button = await waitFor(
    () => {
      const b = document.getElementById('trn-solve') as HTMLButtonElement | null;
      expect(b && !b.disabled).toBe(true);
      return b!;
    },
    { timeout: 5000 },
  );
  fireEvent.click(button);
  const rows = await waitFor(() => {
    const r = document.querySelectorAll('#trn-layouts tbody tr');
    expect(r.length).toBeGreaterThan(0);
    return r;
  });
  const [tp, cp, pp] = rows[0]!.getAttribute('data-layout')!.split('-');
  fireEvent.click(rows[0]!.querySelector('button')!);
  await waitFor(() => expect((document.getElementById('trn-tp') as HTMLInputElement).value).toBe(tp));
  expect((document.getElementById('trn-pp') as HTMLInputElement).value).toBe(pp);
  expect((document.getElementById('trn-cp') as HTMLInputElement).value).toBe(cp);
  expect(verdict().getAttribute('data-verdict')).toBe('fits');
});
