import { expect, test } from 'vitest';
import fc from 'fast-check';
import {
  ggmlBitsPerWeight,
  ggufTensorType,
  gptqAwqBitsPerWeight,
  wantsMoreBits,
  WEIGHT_FORMATS,
  weightFormatBytes,
  weightsPerGpu,
  weightTensors,
} from '~/lib/memory/weight-formats';
import { countParams } from '~/lib/model/param-count';
import { weightsBytes } from '~/lib/model/weight-formats';
import { NF4_DOUBLE_QUANT_BITS } from '~/lib/memory/finetune-memory';
import { modelPreset, modelPresets } from '../../helpers/presets';
import { readFileSync } from 'node:fs';
import { parseHfConfig } from '~/lib/model/hf-config';
import { MXFP4_BLOCK, NVFP4_BLOCK } from '~/lib/model/quant-formats';

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
  expect(gptqAwqBitsPerWeight()).toBe(4 + 20 / 128);
  expect(awq).toBeCloseTo((linearParams * gptqAwqBitsPerWeight()) / 8 + rest * 2, 0);
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

const fixture = (name: string) => parseHfConfig(JSON.parse(readFileSync(new URL(`../../../fixtures/configs/${name}.json`, import.meta.url), 'utf8')));

test('MXFP4 is 17 bytes per 32 weights (OCP MX: 32 E2M1 values and one E8M0 scale), NVFP4 9 per 16 (E4M3 scale per 16)', () => {
  expect(ggmlBitsPerWeight('MXFP4')).toBe(4.25);
  expect((8 * NVFP4_BLOCK.bytes) / NVFP4_BLOCK.weights).toBe(4.5);
  expect((8 * MXFP4_BLOCK.bytes) / MXFP4_BLOCK.weights).toBe(4.25);
});

test('gpt-oss-20b as released: experts in MXFP4, everything else bf16, 13.76 GB (the checkpoint the Hub serves)', () => {
  const spec = fixture('gpt-oss-20b');
  expect(spec.expertFormat).toBe('mxfp4');
  const experts = 24 * 32 * 3 * 2880 * 2880;
  // Experts' blocks and scales, plus two bytes for every other parameter (the expert biases included).
  expect(weightsBytes(spec, 'mxfp4')).toBe((experts * 17) / 32 + 2 * (countParams(spec) - experts));
  expect(weightsBytes(spec, 'mxfp4')).toBe(13_761_264_768);
});

test("GGUF mixtures keep gpt-oss's MXFP4 experts: Q4_K_M of gpt-oss-20b within 1% of the real 11.67 GB file", () => {
  // unsloth/gpt-oss-20b-GGUF gpt-oss-20b-Q4_K_M.gguf: 11.67 GB (issue 29). llama-quantize refuses to requantize an
  // MXFP4 tensor without --allow-requantize, so the experts stay MXFP4 and the rest follows the mixture.
  const q4km = weightsBytes(fixture('gpt-oss-20b'), 'gguf-q4_k_m');
  expect(Math.abs(q4km / 11.67e9 - 1)).toBeLessThan(0.01);
  const tensors = weightTensors(fixture('gpt-oss-20b'));
  const expert = tensors.find((t) => t.routedExpert)!;
  expect(ggufTensorType(fixture('gpt-oss-20b'), { base: 'Q4_K', ftype: 'Q4_K_M' }, expert, 0)).toBe('MXFP4');
  // A bf16 copy that no longer says its experts are MXFP4 is requantized: the 15.79 GB issue 29 measured.
  expect(weightsBytes(fixture('gpt-oss-20b-bf16-transformers-v5'), 'gguf-q4_k_m') / 1e9).toBeCloseTo(15.79, 2);
});

test('NVFP4 (ModelOpt): every linear at 9/16 byte plus two fp32 scales per matrix; embeddings and head stay bf16', () => {
  const spec = modelPreset('llama-3.1-8b').spec;
  const tensors = weightTensors(spec);
  const linear = tensors.filter((t) => t.role !== 'token_embd' && t.role !== 'output' && t.role !== 'router' && t.role !== 'small');
  const linearParams = linear.reduce((sum, t) => sum + t.dIn * t.dOut * t.count, 0);
  const matrices = linear.reduce((sum, t) => sum + t.count, 0);
  expect(weightsBytes(spec, 'nvfp4')).toBe((linearParams * 9) / 16 + 8 * matrices + 2 * (countParams(spec) - linearParams));
  // MXFP4 on a model not shipped in it: every linear in MXFP4.
  expect(weightsBytes(spec, 'mxfp4')).toBe((linearParams * 17) / 32 + 2 * (countParams(spec) - linearParams));
});

test("a hybrid's recurrent projections are quantized like any linear; its convolutions and vectors stay full width", () => {
  const spec = fixture('qwen3-next-80b-a3b-instruct');
  const tensors = weightTensors(spec);
  expect(tensors.reduce((sum, t) => sum + t.dIn * t.dOut * t.count, 0)).toBe(countParams(spec));
  const recurrent = tensors.filter((t) => t.role === 'other_linear' && t.layer === 0);
  expect(recurrent.map((t) => [t.dIn, t.dOut, t.split])).toEqual([
    [2048, 12288, 'column'],
    [2048, 64, 'column'],
    [4096, 2048, 'row'],
  ]);
  expect(tensors.some((t) => t.role === 'attn_q' && t.layer === 0)).toBe(false);
  expect(tensors.find((t) => t.role === 'attn_q' && t.layer === 3)?.dOut).toBe(2 * 16 * 256);
});
