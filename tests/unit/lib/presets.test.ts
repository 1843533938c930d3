import { expect, test } from 'vitest';
import { gpus, modelPresets } from '../helpers/presets';

const required = [
  'llama-2-7b',
  'llama-2-70b',
  'llama-3.1-8b',
  'llama-3.1-70b',
  'mistral-7b',
  'mixtral-8x7b',
  'qwen2.5-7b',
  'gemma-2-9b',
  'falcon-7b',
  'deepseek-v2',
  'deepseek-v3',
  'gpt2',
];

test('at least 12 presets, including every model the KV-cache issue names', () => {
  const ids = modelPresets().map((p) => p.id);
  expect(ids.length).toBeGreaterThanOrEqual(12);
  for (const id of required) expect(ids).toContain(id);
});

test('each preset cites its own config.json on the Hub', () => {
  for (const preset of modelPresets()) expect(preset.configUrl).toBe(`https://huggingface.co/${preset.repo}/blob/main/config.json`);
});

test('presets and GPUs have unique order values', () => {
  const orders = modelPresets().map((p) => p.order);
  expect(new Set(orders).size).toBe(orders.length);
  const gpuOrders = gpus().map((g) => g.order);
  expect(new Set(gpuOrders).size).toBe(gpuOrders.length);
});

test('the GPU list covers a 24 GB card, A100 40/80 GB, H100 80 GB and H200 141 GB', () => {
  const sizes = gpus().map((g) => g.memoryGiB);
  for (const size of [24, 40, 80, 141]) expect(sizes).toContain(size);
});

test('the preset schema fails on an unusable config and names the config field', async () => {
  const { modelPresetSchema } = await import('../../../src/schemas/model-preset');
  const preset = modelPresets()[0]!;
  const { id: _id, spec: _spec, ...data } = preset;
  const result = modelPresetSchema.safeParse({ ...data, config: { ...preset.config, num_hidden_layers: 0 } });
  expect(result.success).toBe(false);
  expect(result.error?.issues[0]?.path).toEqual(['config', 'num_hidden_layers']);
});
