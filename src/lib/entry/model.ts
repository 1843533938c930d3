/**
 * `llm-notes/model`: Model shapes from a Hugging Face config.json: ModelSpec, parameter counts, dtypes, weight formats, MoE, RoPE, NF4.
 * Every refusal is an `OptionError` (field, reason code, received value, limit).
 */
export { OptionError, isOptionError, describeValue, type OptionReason } from '../errors';
export * from '../model/component-counts';
export * from '../model/config-error';
export * from '../model/dtype';
export * from '../model/embedding';
export * from '../model/hf-config';
export * from '../model/linear-shapes';
export * from '../model/lora-targets';
export * from '../model/model-spec';
export * from '../model/moe';
export * from '../model/nf4';
export * from '../model/param-count';
export * from '../model/published-count';
export * from '../model/quant-formats';
export * from '../model/recurrent';
export * from '../model/rope';
export * from '../model/weight-formats';
