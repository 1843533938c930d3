/** Moved to model/quant-formats.ts (a storage format is a property of the model); kept so existing imports work. */
export { WEIGHT_FORMATS, isWeightFormat, type WeightFormat } from '../model/quant-formats';
