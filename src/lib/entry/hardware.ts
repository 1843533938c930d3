/**
 * `llm-notes/hardware`: The core's GPU data (datasheet figures with sources) as GpuSpec.
 * Every refusal is an `OptionError` (field, reason code, received value, limit).
 */
export { OptionError, isOptionError, describeValue, type OptionReason } from '../errors';
export * from '../hardware/gpus';
