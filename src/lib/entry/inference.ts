/**
 * `llm-notes/inference`: Serving an LLM: weight bytes, KV cache by vLLM's rules, KV capacity, tensor/pipeline parallelism, vLLM start-up memory, decode and prefill speed, rooflines, vLLM logs.
 * Every refusal is an `OptionError` (field, reason code, received value, limit).
 */
export { OptionError, isOptionError, describeValue, type OptionReason } from '../errors';
export { largestFitting } from '../largest-fitting';
export * from '../memory/weight-formats';
export * from '../memory/weight-format-list';
export * from '../memory/kv-cache';
export * from '../memory/kv-capacity';
export * from '../memory/context-window';
export * from '../memory/tensor-parallel';
export * from '../memory/serving-defaults';
export * from '../memory/serving';
export * from '../memory/inference-speed';
export * from '../memory/roofline-basics';
export * from '../memory/vllm-log';
