import { describe, expect, test } from 'vitest';
import { countActiveParams, countParams } from '~/lib/model/param-count';
import { weightsBytes } from '~/lib/model/weight-formats';
import { matchesPublishedCount, parsePublishedCount } from '~/lib/model/published-count';
import { parseHfConfig } from '~/lib/model/hf-config';
import { modelPreset, modelPresets } from '../../helpers/presets';

test('Llama-2-7B has exactly 6,738,415,616 parameters', () => {
  expect(countParams(modelPreset('llama-2-7b').spec)).toBe(6_738_415_616);
});

test('PEFT printouts: Llama-2-7B + LoRA r=8 on q,v and Llama-3-8B + LoRA r=16 on all 7 projections', () => {
  // `print_trainable_parameters` prints all params = base + LoRA; LoRA adds Σ r·(d_in + d_out).
  const llama2 = modelPreset('llama-2-7b').spec;
  const lora2 = 32 * 2 * 8 * (4096 + 4096);
  expect(countParams(llama2) + lora2).toBe(6_742_609_920);
  const llama3 = modelPreset('llama-3.1-8b').spec;
  const kv = 8 * 128;
  const perLayer = 16 * ((4096 + 4096) * 2 + (4096 + kv) * 2 + (4096 + 14336) * 2 + (14336 + 4096));
  expect(countParams(llama3) + 32 * perLayer).toBe(8_072_204_288);
});

test('Gemma 2 9B matches its report exactly: 917,504,000 embedding + 8,324,201,984 other parameters', () => {
  const spec = modelPreset('gemma-2-9b').spec;
  expect(countParams(spec) - spec.vocabSize * spec.hiddenSize).toBe(8_324_201_984);
});

describe('every preset matches its official total (within 0.2%, or the rounding of the published figure)', () => {
  for (const preset of modelPresets()) {
    test(`${preset.name}: ${preset.params.total}`, () => {
      expect(matchesPublishedCount(countParams(preset.spec), preset.params.total)).toBe(true);
    });
  }
});

test('presets whose official total is printed to 3+ significant figures match within 0.2%', () => {
  const precise = modelPresets().filter((p) => parsePublishedCount(p.params.total).halfUnit / parsePublishedCount(p.params.total).value < 0.002);
  expect(precise.length).toBeGreaterThanOrEqual(9);
  for (const preset of precise) {
    const official = parsePublishedCount(preset.params.total).value;
    expect(Math.abs(countParams(preset.spec) - official) / official).toBeLessThan(0.002);
  }
});

test('Mixtral 8x7B: 46.7B in total, 12.9B active per token (two of eight experts)', () => {
  const spec = modelPreset('mixtral-8x7b').spec;
  expect(countParams(spec)).toBe(46_702_792_704);
  expect(countActiveParams(spec)).toBe(12_879_925_248);
});

test('DeepSeek-V2 active parameters round to the published 21B', () => {
  const preset = modelPreset('deepseek-v2');
  expect(matchesPublishedCount(countActiveParams(preset.spec), preset.params.active!)).toBe(true);
});

test('DeepSeek-V3: 671.03B total; active 37.55B against a published "37B" (within 2%)', () => {
  // The paper's "37B activated" is 37.55B counted with embeddings and output head; the paper rounds down.
  const spec = modelPreset('deepseek-v3').spec;
  expect(countParams(spec)).toBe(671_026_419_200);
  expect(Math.abs(countActiveParams(spec) / 37e9 - 1)).toBeLessThan(0.02);
});

test('a dense model has as many active parameters as parameters', () => {
  const spec = modelPreset('llama-2-70b').spec;
  expect(countActiveParams(spec)).toBe(countParams(spec));
});

test('GQA shrinks only W_K and W_V: 64→8 KV heads saves 2·h·56·128 per layer', () => {
  const gqa = modelPreset('llama-2-70b').spec;
  const mha = { ...gqa, numKvHeads: 64 };
  expect(countParams(mha) - countParams(gqa)).toBe(80 * 2 * 8192 * 56 * 128);
});

test('tying the embeddings removes exactly one vocab × hidden matrix', () => {
  const untied = modelPreset('llama-2-7b').spec;
  expect(countParams(untied) - countParams({ ...untied, tiedEmbeddings: true })).toBe(32000 * 4096);
});

test('GPT-2 (124M) follows V·h + P·h + L·(12h² + 13h) + 2h', () => {
  const h = 768;
  expect(countParams(modelPreset('gpt2').spec)).toBe(50257 * h + 1024 * h + 12 * (12 * h * h + 13 * h) + 2 * h);
});

test('BERT-base counts 109,482,240 parameters including the pooler', () => {
  const spec = parseHfConfig({
    model_type: 'bert',
    hidden_size: 768,
    num_hidden_layers: 12,
    num_attention_heads: 12,
    intermediate_size: 3072,
    max_position_embeddings: 512,
    type_vocab_size: 2,
    vocab_size: 30522,
  });
  expect(countParams(spec)).toBe(109_482_240);
});

test('weights in bf16 take two bytes per parameter, int4 half a byte', () => {
  const spec = modelPreset('llama-2-7b').spec;
  expect(weightsBytes(spec, 'bf16')).toBe(2 * 6_738_415_616);
  expect(weightsBytes(spec, 'int4')).toBe(6_738_415_616 / 2);
});

test('every preset that publishes an "active" count says its convention, and matches in it', () => {
  const moe = modelPresets().filter((p) => p.params.active);
  expect(moe.length).toBeGreaterThanOrEqual(8);
  for (const preset of moe) {
    const embeddings = preset.params.activeConvention !== 'without-embeddings';
    expect(preset.params.activeConvention, preset.id).toBeDefined();
    // Within 2% of a rounded figure ("37B" for DeepSeek-V3's 37.55B), the config corpus's rule.
    const published = parsePublishedCount(preset.params.active!).value;
    expect(Math.abs(countActiveParams(preset.spec, { embeddings }) / published - 1), preset.id).toBeLessThanOrEqual(0.02);
  }
  // gpt-oss-20b is the one counted without the token embedding: with it, 4.19B would not match OpenAI's 3.61B.
  const oss = modelPreset('gpt-oss-20b');
  expect(matchesPublishedCount(countActiveParams(oss.spec), oss.params.active!)).toBe(false);
});
