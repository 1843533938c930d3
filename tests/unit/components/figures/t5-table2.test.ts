import { expect, test } from 'vitest';
import { T5_TABLE2, T5_TASKS, T5_LAYOUTS, t5Score } from '~/components/figures/why-decoder-only/t5-table2';

// Values: Raffel et al. 2020, https://arxiv.org/abs/1910.10683, Table 2. The statements below are the ones the
// why-decoder-only page and the chart's caption make; each must follow from the table itself.

test('the table has every layout under both objectives, each with seven scores', () => {
  expect(T5_TABLE2).toHaveLength(10);
  for (const layout of T5_LAYOUTS) {
    expect(
      T5_TABLE2.filter((r) => r.layout === layout)
        .map((r) => r.objective)
        .sort(),
    ).toEqual(['denoising', 'lm']);
  }
  for (const r of T5_TABLE2) expect(Object.keys(r.scores)).toEqual([...T5_TASKS]);
});

test('the encoder–decoder with denoising is best on every task (T5: "for all tasks")', () => {
  for (const task of T5_TASKS) {
    const best = Math.max(...T5_TABLE2.map((r) => r.scores[task]));
    expect(t5Score('encoder-decoder', 'denoising', task), task).toBe(best);
  }
});

test('within each objective the causal LM scores lowest on every task', () => {
  for (const objective of ['denoising', 'lm'] as const) {
    for (const task of T5_TASKS) {
      const rows = T5_TABLE2.filter((r) => r.objective === objective);
      expect(t5Score('language-model', objective, task), `${objective} ${task}`).toBe(Math.min(...rows.map((r) => r.scores[task])));
    }
  }
});

test('at equal P and M: shared encoder–decoder > prefix LM > causal LM on GLUE and CNN/DM (denoising)', () => {
  for (const task of ['GLUE', 'CNNDM'] as const) {
    expect(t5Score('enc-dec-shared', 'denoising', task)).toBeGreaterThan(t5Score('prefix-lm', 'denoising', task));
    expect(t5Score('prefix-lm', 'denoising', task)).toBeGreaterThan(t5Score('language-model', 'denoising', task));
  }
});

test('the prefix LM beats the causal LM on CNN/DM under both objectives (box B4)', () => {
  expect(t5Score('prefix-lm', 'denoising', 'CNNDM')).toBeGreaterThan(t5Score('language-model', 'denoising', 'CNNDM'));
  expect(t5Score('prefix-lm', 'lm', 'CNNDM')).toBeGreaterThan(t5Score('language-model', 'lm', 'CNNDM'));
});
