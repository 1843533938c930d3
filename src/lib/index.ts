/**
 * The public API of the calculators' core. Everything here is pure: no DOM, no Preact, no Astro.
 * Names and shapes marked as public API in the issues are a contract with code outside this repository.
 */
export { parseNumberField, checkNumber } from './number-field';
export type { NumberFieldRule, NumberFieldError, NumberFieldResult } from './number-field';
export { embeddingParams } from './embedding';
export { formatNumber } from './format-number';
export { readUrlState, writeUrlState } from './url-state';
export type { FieldSpec, StateSchema, StateValues, UrlNotice, UrlNoticeReason } from './url-state';
// Fine-tune memory (issue 4): model states, ZeRO, LoRA/QLoRA/P-tuning v2/freeze, activations, reverse solver.
export {
  fineTuneMemoryWithParams,
  largestFitWithParams,
  layerActivationBytes,
  layerLinearShapes,
  linearLayerParams,
  loraParams,
  prefixTuningParams,
  zeroShard,
  FineTuneOptionError,
  NF4_DOUBLE_QUANT_BITS,
  LORA_TARGETS,
} from './finetune-memory';
export type {
  FineTuneMethod,
  TrainingPrecision,
  OptimizerKind,
  LoraTarget,
  OffloadKind,
  FineTuneOptions,
  FineTuneBytes,
  FineTuneMemory,
  ActivationBreakdown,
  LargestFit,
  LinearShape,
} from './finetune-memory';
