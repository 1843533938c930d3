import { expect, test } from 'vitest';
import fc from 'fast-check';
import { ggmlBitsPerWeight, ggufTensorType, wantsMoreBits, WEIGHT_FORMATS, weightFormatBytes, weightsPerGpu, weightTensors } from '~/lib/memory/weight-formats';
import { countParams } from '~/lib/model/param-count';
import { weightsBytes } from '~/lib/model/weight-formats';
import { NF4_DOUBLE_QUANT_BITS } from '~/lib/memory/finetune-memory';
import { modelPreset, modelPresets } from '../../helpers/presets';

test('ggml block types give llama.cpp bits per weight (ggml-common.h block structs)', () => {
  expect(ggmlBitsPerWeight('Q8_0')).toBe(8.5);
  expect(ggmlBitsPerWeight('Q4_0')).toBe(4.5);
  expect(ggmlBitsPerWeight('Q6_K')).toBe(6.5625);
  expect(ggmlBitsPerWeight('Q5_K')).toBe(5.5);
  expect(ggmlBitsPerWeight('Q4_K')).toBe(4.5);
  expect(ggmlBitsPerWeight('Q3_K')).toBe(3.4375);
  expect(ggmlBitsPerWeight('Q2_K')).toBe(2.625);
});

test('use_more_bits picks the first and last eighth and every third layer between (llama-quant.cpp)', () => {
  const picked = Array.from({ length: 32 }, (_, i) => i).filter((i) => wantsMoreBits(i, 32));
  expect(picked).toEqual([0, 1, 2, 3, 6, 9, 12, 15, 18, 21, 24, 27, 28, 29, 30, 31]);
});

test('Q4_K_M raises attn_v and ffn_down to Q6_K on those layers, the head to Q6_K, keeps norms F32', () => {
  const spec = modelPreset('llama-3.1-8b').spec;
  const tensors = weightTensors(spec);
  const mixture = { base: 'Q4_K' as const, ftype: 'Q4_K_M' as const };
  const down0 = tensors.find((t) => t.role === 'ffn_down' && t.layer === 0)!;
  const down4 = tensors.find((t) => t.role === 'ffn_down' && t.layer === 4)!;
  expect(ggufTensorType(spec, mixture, down0, 0)).toBe('Q6_K');
  expect(ggufTensorType(spec, mixture, down4, 0)).toBe('Q4_K');
  expect(
    ggufTensorType(
      spec,
      mixture,
      tensors.find((t) => t.role === 'output')!,
      0,
    ),
  ).toBe('Q6_K');
  expect(
    ggufTensorType(
      spec,
      mixture,
      tensors.find((t) => t.role === 'token_embd')!,
      0,
    ),
  ).toBe('Q4_K');
  expect(
    ggufTensorType(
      spec,
      mixture,
      tensors.find((t) => t.role === 'small')!,
      0,
    ),
  ).toBe('F32');
});

test('the tensor inventory accounts for every parameter countParams counts', () => {
  for (const preset of modelPresets()) {
    const total = weightTensors(preset.spec).reduce((s, t) => s + t.dIn * t.dOut * t.count, 0);
    expect(total, preset.id).toBe(countParams(preset.spec));
  }
});

test('GGUF sizes of Llama-3.1-70B match published files within 3% (they are within 0.5%)', () => {
  // bartowski's Llama-3.1-Nemotron-70B-Instruct-HF-GGUF table (a Llama-3.1-70B fine-tune, same shapes), as quoted at
  // https://ozeki.chat/p_8590-understanding-ai-model-files.html: file sizes in GB (10^9 bytes).
  const spec = modelPreset('llama-3.1-70b').spec;
  const published = {
    'gguf-q8_0': 74.98,
    'gguf-q6_k': 57.89,
    'gguf-q5_k_m': 49.95,
    'gguf-q4_k_m': 42.52,
    'gguf-q4_0': 40.12,
    'gguf-q3_k_m': 34.27,
  } as const;
  for (const [format, gb] of Object.entries(published)) {
    const ours = weightsBytes(spec, format as keyof typeof published) / 1e9;
    expect(Math.abs(ours / gb - 1), format).toBeLessThan(0.03);
    expect(Math.abs(ours / gb - 1), format).toBeLessThan(0.005);
  }
});

test('GPTQ/AWQ int4 with group 128 cost 4 + (16 + 4)/128 bits per linear weight; GPTQ adds g_idx', () => {
  const spec = modelPreset('llama-2-7b').spec;
  const linear = weightTensors(spec).filter((t) => !['token_embd', 'output', 'router', 'small'].includes(t.role));
  const linearParams = linear.reduce((s, t) => s + t.dIn * t.dOut * t.count, 0);
  const rest = countParams(spec) - linearParams;
  const awq = weightsBytes(spec, 'awq-int4');
  expect(awq).toBeCloseTo((linearParams * (4 + 20 / 128)) / 8 + rest * 2, 0);
  const gIdx = linear.reduce((s, t) => s + 4 * t.dIn * t.count, 0);
  expect(weightsBytes(spec, 'gptq-int4') - awq).toBe(gIdx);
  expect(weightsBytes(spec, 'nf4')).toBeCloseTo((linearParams * NF4_DOUBLE_QUANT_BITS) / 8 + rest * 2, 0);
});

test('the old call form still works: plain element types count every parameter', () => {
  const spec = modelPreset('llama-3.1-8b').spec;
  expect(weightsBytes(spec, 'fp32')).toBe(countParams(spec) * 4);
  expect(weightsBytes(spec, 'int4')).toBe(countParams(spec) / 2);
  expect(weightsBytes(spec, 'bf16')).toBe(countParams(spec) * 2);
});

test('fp8 keeps embeddings and head in 16 bits and adds a per-channel fp32 scale', () => {
  const spec = modelPreset('llama-3.1-8b').spec;
  const f = weightFormatBytes(spec, 'fp8');
  expect(f.embeddings).toBe(2 * 2 * spec.vocabSize * spec.hiddenSize);
  expect(f.total).toBeGreaterThan(countParams(spec));
  expect(f.total).toBeLessThan(countParams(spec) * 1.2);
});

test('an unknown format names the field', () => {
  const spec = modelPreset('llama-3.1-8b').spec;
  expect(() => weightFormatBytes(spec, 'q9' as never)).toThrow(/weights/);
});

test('property: TP shards add up to the whole plus the replicated copies and vocab padding', () => {
  const presets = modelPresets().filter((p) => p.spec.numHeads % 8 === 0);
  fc.assert(
    fc.property(fc.constantFrom(...presets), fc.constantFrom(1, 2, 4, 8), fc.constantFrom(...WEIGHT_FORMATS), (preset, tp, format) => {
      const whole = weightFormatBytes(preset.spec, format).total;
      const per = weightsPerGpu(preset.spec, format, tp, 1);
      const padded = Math.ceil(preset.spec.vocabSize / (64 * tp)) * 64 * tp;
      const emb = weightFormatBytes(preset.spec, format).embeddings;
      const expected = whole + per.replicated * (tp - 1) + emb * (padded / preset.spec.vocabSize - 1);
      expect(per.perGpu * tp).toBeCloseTo(expected, -2);
      expect(per.perGpu).toBeLessThanOrEqual(whole * 1.001 + 1);
    }),
    { numRuns: 60 },
  );
});
