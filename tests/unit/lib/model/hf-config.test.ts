import { expect, test } from 'vitest';
import fc from 'fast-check';
import { parseHfConfig } from '~/lib/model/hf-config';
import { ConfigError } from '~/lib/model/config-error';
import { modelPreset } from '../../helpers/presets';

const llamaLike = {
  model_type: 'llama',
  num_hidden_layers: 32,
  hidden_size: 4096,
  num_attention_heads: 32,
  num_key_value_heads: 8,
  intermediate_size: 14336,
  vocab_size: 128256,
};

function configError(config: unknown): ConfigError {
  try {
    parseHfConfig(config);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

test('reads a Llama config into a GQA spec with head_dim derived from hidden/heads', () => {
  expect(parseHfConfig(llamaLike)).toEqual({
    family: 'llama',
    numLayers: 32,
    hiddenSize: 4096,
    numHeads: 32,
    numKvHeads: 8,
    headDim: 128,
    intermediateSize: 14336,
    vocabSize: 128256,
    tiedEmbeddings: false,
    attention: 'gqa',
    mlp: 'gated',
    norm: 'rmsnorm',
    bias: { qkv: false, o: false, mlp: false },
    normsPerLayer: 2,
    extraNorms: 1,
  });
});

test('missing num_key_value_heads means multi-head attention', () => {
  const { num_key_value_heads: _, ...mha } = llamaLike;
  const spec = parseHfConfig(mha);
  expect([spec.numKvHeads, spec.attention]).toEqual([32, 'mha']);
});

test('Gemma 2 keeps its explicit head_dim of 256 (not 3584/16) and alternates local and global layers', () => {
  const spec = modelPreset('gemma-2-9b').spec;
  expect(spec.headDim).toBe(256);
  expect(spec.tiedEmbeddings).toBe(true);
  expect(spec.normsPerLayer).toBe(4);
  expect(spec.slidingWindow?.window).toBe(4096);
  expect(spec.slidingWindow?.layers.slice(0, 4)).toEqual([true, false, true, false]);
  expect(spec.slidingWindow?.layers.filter(Boolean)).toHaveLength(21);
});

test('Mistral 7B v0.1 has a 4096-token window on every layer; Mixtral has none', () => {
  const mistral = modelPreset('mistral-7b').spec;
  expect(mistral.slidingWindow?.window).toBe(4096);
  expect(mistral.slidingWindow?.layers.every(Boolean)).toBe(true);
  expect(modelPreset('mixtral-8x7b').spec.slidingWindow).toBeUndefined();
});

test('Qwen2.5 with use_sliding_window false has no window despite sliding_window 131072', () => {
  expect(modelPreset('qwen2.5-7b').spec.slidingWindow).toBeUndefined();
  expect(modelPreset('qwen2.5-7b').spec.bias).toEqual({ qkv: true, o: false, mlp: false });
});

test('layer_types marks exactly the sliding layers', () => {
  const spec = parseHfConfig({
    ...llamaLike,
    num_hidden_layers: 4,
    sliding_window: 512,
    layer_types: ['sliding_attention', 'full_attention', 'sliding_attention', 'full_attention'],
  });
  expect(spec.slidingWindow).toEqual({ window: 512, layers: [true, false, true, false] });
});

test('linear-attention layers of a family whose recurrent layers are unknown are refused at layer_types', () => {
  let error: unknown;
  try {
    parseHfConfig({ ...llamaLike, num_hidden_layers: 4, layer_types: ['linear_attention', 'linear_attention', 'linear_attention', 'full_attention'] });
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).field).toBe('layer_types');
  expect((error as ConfigError).feature).toBe('linear-attention');
});

test('a Qwen3-Next layout marks its linear-attention layers as keeping no KV cache but a recurrent state', () => {
  const spec = parseHfConfig({
    ...llamaLike,
    model_type: 'qwen3_next',
    num_hidden_layers: 4,
    linear_num_key_heads: 16,
    linear_num_value_heads: 32,
    linear_key_head_dim: 128,
    linear_value_head_dim: 128,
  });
  expect(spec.kvLayers).toEqual([false, false, false, true]);
  expect(spec.recurrent?.layers).toEqual([true, true, true, false]);
});

test('Falcon-7B reads multi_query as one KV head and ignores a stale num_kv_heads', () => {
  const falcon = modelPreset('falcon-7b');
  expect(falcon.spec.attention).toBe('mqa');
  expect(falcon.spec.numKvHeads).toBe(1);
  expect(falcon.spec.headDim).toBe(64);
  expect(parseHfConfig({ ...falcon.config, num_kv_heads: 71 }).numKvHeads).toBe(1);
});

test('old Falcon configs with n_layer / n_head / n_head_kv names parse the same', () => {
  const spec = parseHfConfig({ model_type: 'RefinedWebModel', n_layer: 32, n_head: 71, hidden_size: 4544, multi_query: true, vocab_size: 65024 });
  expect([spec.family, spec.numLayers, spec.numHeads, spec.numKvHeads, spec.intermediateSize]).toEqual(['falcon', 32, 71, 1, 18176]);
});

test('GPT-2 uses n_embd / n_head / n_layer and n_inner null means 4 × hidden', () => {
  const spec = modelPreset('gpt2').spec;
  expect([spec.hiddenSize, spec.numHeads, spec.numLayers, spec.intermediateSize, spec.learnedPositions]).toEqual([768, 12, 12, 3072, 1024]);
  expect([spec.mlp, spec.norm, spec.tiedEmbeddings]).toEqual(['plain', 'layernorm', true]);
});

test('OPT reads ffn_dim and keeps two extra learned position rows', () => {
  const spec = modelPreset('opt-13b').spec;
  expect([spec.intermediateSize, spec.learnedPositions, spec.bias.mlp]).toEqual([20480, 2050, true]);
});

test('BERT reads token types and a pooler', () => {
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
  expect([spec.tokenTypes, spec.pooler, spec.learnedPositions, spec.attention]).toEqual([2, true, 512, 'mha']);
});

test('DeepSeek-V2 is MLA: its num_key_value_heads of 128 is ignored, the latent ranks are read', () => {
  const spec = modelPreset('deepseek-v2').spec;
  expect(spec.attention).toBe('mla');
  expect(spec.mla).toEqual({ kvLoraRank: 512, qLoraRank: 1536, qkRopeHeadDim: 64, qkNopeHeadDim: 128, vHeadDim: 128 });
  expect(spec.moe).toEqual({ numExperts: 160, expertsPerToken: 6, sharedExperts: 2, expertIntermediateSize: 1536, denseLayers: 1 });
});

test('DeepSeek-V3 has a router bias (noaux_tc) and three dense layers', () => {
  const moe = modelPreset('deepseek-v3').spec.moe;
  expect([moe?.routerBias, moe?.denseLayers, moe?.numExperts, moe?.sharedExperts]).toEqual([true, 3, 256, 1]);
});

test('a multimodal wrapper is read through its text_config and errors name the nested field', () => {
  const spec = parseHfConfig({ model_type: 'llava', text_config: llamaLike, vision_config: { hidden_size: 1024 } });
  expect([spec.family, spec.numLayers]).toEqual(['llama', 32]);
  const { hidden_size: _, ...noHidden } = llamaLike;
  expect(configError({ model_type: 'llava', text_config: noHidden }).field).toBe('text_config.hidden_size');
});

test('a config that is not an object is a ConfigError on "config"', () => {
  for (const bad of [null, 42, 'llama', [1, 2]]) expect(configError(bad).field).toBe('config');
});

test('a missing field is named in the message', () => {
  const { num_hidden_layers: _, ...config } = llamaLike;
  expect(configError(config).message).toBe('num_hidden_layers: expected a value (the field is missing), got nothing');
});

test('zero, negative and fractional sizes are rejected with the field name', () => {
  expect(configError({ ...llamaLike, num_hidden_layers: 0 }).message).toBe('num_hidden_layers: expected a positive whole number, got 0');
  expect(configError({ ...llamaLike, hidden_size: -4096 }).field).toBe('hidden_size');
  expect(configError({ ...llamaLike, vocab_size: 3.5 }).field).toBe('vocab_size');
  expect(configError({ ...llamaLike, intermediate_size: '14336' }).reason).toBe('not-positive-integer');
});

test('absurd sizes are rejected as too large', () => {
  const error = configError({ ...llamaLike, num_hidden_layers: 1e9 });
  expect([error.field, error.reason, error.limit]).toEqual(['num_hidden_layers', 'too-large', 10000]);
});

test('KV heads that do not divide the query heads are rejected', () => {
  const error = configError({ ...llamaLike, num_key_value_heads: 5 });
  expect([error.field, error.reason]).toEqual(['num_key_value_heads', 'not-divisible']);
});

test('hidden size not divisible by heads without head_dim is rejected', () => {
  expect(configError({ ...llamaLike, hidden_size: 4000, num_attention_heads: 48, num_key_value_heads: 8 }).field).toBe('num_attention_heads');
});

test('layer_types of the wrong length is rejected', () => {
  expect(configError({ ...llamaLike, layer_types: ['full_attention'] }).reason).toBe('wrong-length');
});

test('encoder-decoder configs are refused with a clear reason', () => {
  expect(configError({ ...llamaLike, is_encoder_decoder: true }).field).toBe('is_encoder_decoder');
});

test('any JSON value either parses or throws a ConfigError, never another error', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      try {
        parseHfConfig(value);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
      }
    }),
  );
});

test('replacing any required size with an unusable value throws a ConfigError naming that field', () => {
  const fields = ['num_hidden_layers', 'hidden_size', 'num_attention_heads', 'intermediate_size', 'vocab_size'] as const;
  const bad = fc.oneof(fc.constant(0), fc.integer({ max: -1 }), fc.double({ noInteger: true }), fc.string(), fc.constant(1e12), fc.boolean());
  fc.assert(
    fc.property(fc.constantFrom(...fields), bad, (field, value) => {
      expect(configError({ ...llamaLike, [field]: value }).field).toBe(field);
    }),
  );
});

test('a compacted config parses to the same spec, for every preset and for a text_config wrapper', async () => {
  const { compactHfConfig } = await import('~/lib/model/hf-config');
  const { modelPresets } = await import('../../helpers/presets');
  for (const preset of modelPresets()) expect(parseHfConfig(compactHfConfig(preset.config))).toEqual(preset.spec);
  const wrapped = { model_type: 'llava', text_config: llamaLike, vision_config: { hidden_size: 1024 } };
  expect(parseHfConfig(compactHfConfig(wrapped))).toEqual(parseHfConfig(wrapped));
});
