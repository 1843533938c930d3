/** Moved to model/lora-targets.ts (the projections are a property of the model); kept so existing imports work. */
export { LORA_TARGETS, type LoraTarget } from '../model/lora-targets';
