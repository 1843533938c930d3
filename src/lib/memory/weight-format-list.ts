/**
 * The weight formats the serving planner offers (their bytes are `weight-formats.ts`): 16-bit, 8-bit, 4-bit
 * GPTQ/AWQ, bitsandbytes NF4 and seven llama.cpp GGUF mixtures.
 */
export const WEIGHT_FORMATS = [
  'bf16',
  'fp16',
  'fp8',
  'int8',
  'gptq-int4',
  'awq-int4',
  'nf4',
  'gguf-q8_0',
  'gguf-q6_k',
  'gguf-q5_k_m',
  'gguf-q4_k_m',
  'gguf-q4_0',
  'gguf-q3_k_m',
  'gguf-q2_k',
] as const;
export type WeightFormat = (typeof WEIGHT_FORMATS)[number];

export function isWeightFormat(value: unknown): value is WeightFormat {
  return typeof value === 'string' && (WEIGHT_FORMATS as readonly string[]).includes(value);
}
