/**
 * Pretraining data of open models, in trillions of tokens, as each technical report states it (the reference key and
 * section are on each row, and the page cites them). Models trained from scratch with Chinese as a main language are
 * marked; Llama 2 is there as the English-first baseline the Chinese reports compare against.
 */
export interface PretrainingRun {
  /** Model or family, as the report names it. */
  model: string;
  /** Year of the report. */
  year: number;
  /** Pretraining tokens, in trillions. */
  tokensT: number;
  /** Reference key (src/content/references) and where in it the number is. */
  ref: string;
  at: string;
  /** Chinese is one of its main pretraining languages. */
  chinese: boolean;
}

export const PRETRAINING_RUNS: readonly PretrainingRun[] = [
  { model: 'Llama 2', year: 2023, tokensT: 2, ref: 'touvron2023llama', at: '§2.1', chinese: false },
  { model: 'DeepSeek LLM', year: 2024, tokensT: 2, ref: 'deepseekai2024deepseek', at: 'Abstract', chinese: true },
  { model: 'Baichuan 2', year: 2023, tokensT: 2.6, ref: 'yang2023baichuan', at: 'Abstract', chinese: true },
  { model: 'GLM-4', year: 2024, tokensT: 10, ref: 'glm2024chatglm', at: 'Abstract', chinese: true },
  { model: 'DeepSeek-V3', year: 2024, tokensT: 14.8, ref: 'deepseekai2024deepseekv3', at: 'Abstract', chinese: true },
  { model: 'Kimi K2', year: 2025, tokensT: 15.5, ref: 'kimi2025k2', at: 'Abstract', chinese: true },
  { model: 'Qwen2.5', year: 2024, tokensT: 18, ref: 'qwen2024qwen25report', at: 'Abstract', chinese: true },
  { model: 'GLM-4.5', year: 2025, tokensT: 23, ref: 'glm2025glm45', at: 'Abstract', chinese: true },
  { model: 'Qwen3', year: 2025, tokensT: 36, ref: 'qwen2025qwen3', at: '§3', chinese: true },
];

/** The report's row for a model; throws on a typo so a page cannot cite a row that is not there. */
export function pretrainingRun(model: string): PretrainingRun {
  const run = PRETRAINING_RUNS.find((r) => r.model === model);
  if (!run) throw new Error(`pretraining-scale: no row for ${model}`);
  return run;
}

/** Tokens seen per parameter (D/N); for a mixture of experts pass the activated parameters. */
export function tokensPerParameter(tokens: number, params: number): number {
  if (!(tokens > 0 && params > 0)) throw new RangeError(`tokensPerParameter: need positive numbers, got ${tokens}, ${params}`);
  return tokens / params;
}
