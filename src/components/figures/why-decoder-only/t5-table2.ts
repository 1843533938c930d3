/**
 * T5's architecture comparison, Table 2 of Raffel et al. (2020), every cell of every row: five layouts × two
 * pretraining objectives, fine-tuned and scored on seven tasks (validation sets; GLUE and SuperGLUE are averages,
 * CNN/DM is ROUGE-2-F, SQuAD exact match, translations BLEU).
 * Source: https://arxiv.org/abs/1910.10683 (v4, §3.2.4, Table 2), read from the paper's HTML rendering.
 */
export type T5Layout = 'encoder-decoder' | 'enc-dec-shared' | 'enc-dec-6-layers' | 'language-model' | 'prefix-lm';
export type T5Objective = 'denoising' | 'lm';
export type T5Task = 'GLUE' | 'CNNDM' | 'SQuAD' | 'SGLUE' | 'EnDe' | 'EnFr' | 'EnRo';

export const T5_TASKS: readonly T5Task[] = ['GLUE', 'CNNDM', 'SQuAD', 'SGLUE', 'EnDe', 'EnFr', 'EnRo'];
export const T5_LAYOUTS: readonly T5Layout[] = ['encoder-decoder', 'enc-dec-shared', 'enc-dec-6-layers', 'language-model', 'prefix-lm'];

export interface T5Row {
  layout: T5Layout;
  objective: T5Objective;
  /** Parameters, in units of P (an L-layer stack). */
  params: '2P' | 'P';
  /** Compute per example, in units of M. */
  cost: 'M' | 'M/2';
  scores: Record<T5Task, number>;
}

const row = (layout: T5Layout, objective: T5Objective, params: '2P' | 'P', cost: 'M' | 'M/2', values: number[]): T5Row => ({
  layout,
  objective,
  params,
  cost,
  scores: Object.fromEntries(T5_TASKS.map((task, i) => [task, values[i]!])) as Record<T5Task, number>,
});

export const T5_TABLE2: readonly T5Row[] = [
  row('encoder-decoder', 'denoising', '2P', 'M', [83.28, 19.24, 80.88, 71.36, 26.98, 39.82, 27.65]),
  row('enc-dec-shared', 'denoising', 'P', 'M', [82.81, 18.78, 80.63, 70.73, 26.72, 39.03, 27.46]),
  row('enc-dec-6-layers', 'denoising', 'P', 'M/2', [80.88, 18.97, 77.59, 68.42, 26.38, 38.4, 26.95]),
  row('language-model', 'denoising', 'P', 'M', [74.7, 17.93, 61.14, 55.02, 25.09, 35.28, 25.86]),
  row('prefix-lm', 'denoising', 'P', 'M', [81.82, 18.61, 78.94, 68.11, 26.43, 37.98, 27.39]),
  row('encoder-decoder', 'lm', '2P', 'M', [79.56, 18.59, 76.02, 64.29, 26.27, 39.17, 26.86]),
  row('enc-dec-shared', 'lm', 'P', 'M', [79.6, 18.13, 76.35, 63.5, 26.62, 39.17, 27.05]),
  row('enc-dec-6-layers', 'lm', 'P', 'M/2', [78.67, 18.26, 75.32, 64.06, 26.13, 38.42, 26.89]),
  row('language-model', 'lm', 'P', 'M', [73.78, 17.54, 53.81, 56.51, 25.23, 34.31, 25.38]),
  row('prefix-lm', 'lm', 'P', 'M', [79.68, 17.84, 76.87, 64.86, 26.28, 37.51, 26.76]),
];

/** One cell of Table 2. */
export function t5Score(layout: T5Layout, objective: T5Objective, task: T5Task): number {
  const found = T5_TABLE2.find((r) => r.layout === layout && r.objective === objective);
  if (!found) throw new Error(`T5 Table 2 has no row ${layout}/${objective}`);
  return found.scores[task];
}
