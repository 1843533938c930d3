/**
 * `llm-notes/training`: Training memory: full/LoRA/QLoRA/P-tuning v2/freeze fine-tuning with ZeRO and offload, preference training, DeepSpeed's estimators, schedules, preference losses.
 * Every refusal is an `OptionError` (field, reason code, received value, limit).
 */
export { OptionError, isOptionError, describeValue, type OptionReason } from '../errors';
export { largestFitting } from '../largest-fitting';
export * from '../training/finetune';
export * from '../training/preference';
export * from '../training/preference-loss';
export * from '../training/schedules';
export * from '../memory/deepspeed';
