/**
 * English strings of the planner's secondary panels (speed chart, formulas, log check): apart from `en.ts` so they
 * load with those panels, after start-up, not with the island. `panels-zh.ts` satisfies this shape.
 */
export const servingPanelsEn = {
  chartTitle: 'Decode tokens/s across batch sizes',
  chartX: 'Batch (sequences decoded together)',
  chartY: 'tokens/s',
  chartAggregate: 'aggregate',
  chartPerSeq: 'per sequence',
  chartRidge: (b: string) => `compute-bound from batch ${b}`,
  chartNoRidge: 'memory-bound at every batch shown',
  chartFitLimit: (b: string) => `KV cache holds ${b} requests`,
  chartDesc: (ridge: string) => `Aggregate decode throughput rises with the batch while reading the weights dominates; ${ridge}.`,
  formulaTitle: 'Formulas with your numbers',
  logLabel: 'Paste the log (only the lines below are read; nothing leaves this page)',
  logEmpty: 'No vLLM sizing lines found: paste the lines with "Available KV cache memory", "GPU KV cache size", "Model loading took" or "Maximum concurrency".',
  logCols: { line: 'Log line', logged: 'vLLM logged', planner: 'Planner', diff: 'Difference', why: 'Why' },
  logRows: {
    weights: 'Weights per GPU',
    kvMemory: 'Available KV cache memory',
    kvTokens: 'GPU KV cache size (tokens)',
    concurrency: 'Maximum concurrency',
  } as Record<string, string>,
  why: {
    estimate: 'The planner estimates what vLLM measured (the profile pass); use the log’s figure to plan.',
    rule: 'vLLM’s block rule applied to the log’s own free memory; a difference here means the model or settings differ from the log’s.',
    rounding: 'Same rule; the log prints GiB with two decimals (±0.005 GiB), which is all that differs.',
    ranks: 'The log shows fewer ranks than the tensor-parallel degree; vLLM sizes the cache by the rank with the least free memory.',
    same: 'Identical.',
  } as Record<string, string>,
};
export type ServingPanelStrings = typeof servingPanelsEn;
