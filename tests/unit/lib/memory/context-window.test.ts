import { expect, test } from 'vitest';
import fc from 'fast-check';
import { vllmContextLimit } from '~/lib/memory/context-window';
import { modelPresets } from '../../helpers/presets';

test('Qwen3-32B as shipped: 40,960 from max_position_embeddings, no rope_scaling', () => {
  expect(vllmContextLimit({ max_position_embeddings: 40960, rope_scaling: null })).toEqual({ limit: 40960, trained: 40960, key: 'max_position_embeddings' });
});

test('YaRN multiplies original_max_position_embeddings by its factor (the Qwen recipe for 131,072)', () => {
  const r = vllmContextLimit({ max_position_embeddings: 40960, rope_scaling: { rope_type: 'yarn', factor: 4, original_max_position_embeddings: 32768 } })!;
  expect(r.limit).toBe(131072);
  expect(r.scaling).toEqual({ type: 'yarn', factor: 4 });
  // The older key spelling ("type") and the dynamic type multiply max_position_embeddings itself.
  expect(vllmContextLimit({ max_position_embeddings: 4096, rope_scaling: { type: 'dynamic', factor: 2 } })!.limit).toBe(8192);
});

test('llama3, longrope and su configs already state the extended length: no multiplication', () => {
  for (const type of ['llama3', 'longrope', 'su']) {
    expect(vllmContextLimit({ max_position_embeddings: 131072, rope_scaling: { rope_type: type, factor: 8 } })!.limit).toBe(131072);
  }
});

test('the smallest length key wins, text_config is read, and no length key gives null', () => {
  expect(vllmContextLimit({ max_position_embeddings: 8192, seq_length: 4096 })).toMatchObject({ limit: 4096, key: 'seq_length' });
  expect(vllmContextLimit({ text_config: { max_position_embeddings: 131072 } })!.limit).toBe(131072);
  expect(vllmContextLimit({ hidden_size: 8 })).toBeNull();
  expect(vllmContextLimit('nonsense')).toBeNull();
});

test('every preset that states a length has a limit, and Llama 3.1 keeps 131,072 (its llama3 scaling is not applied twice)', () => {
  // Falcon-7B's config.json states none: vLLM assumes 2,048 and warns, and the planner says nothing.
  for (const p of modelPresets()) expect(vllmContextLimit(p.config) === null, p.id).toBe(p.id === 'falcon-7b');
  const llama = modelPresets().find((p) => p.id === 'llama-3.1-8b')!;
  expect(vllmContextLimit(llama.config)!.limit).toBe(131072);
});

test('property: any JSON value gives null or a finite positive limit, never a throw', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (v) => {
      const r = vllmContextLimit(v);
      if (r) expect(Number.isFinite(r.limit) && r.limit > 0).toBe(true);
    }),
  );
});
