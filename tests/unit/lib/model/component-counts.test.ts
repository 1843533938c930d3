import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  attentionParityContext,
  causalMeanKeys,
  componentCounts,
  ComponentCountError,
  mlpWeights,
  type Component,
  type ComponentCount,
  sixND,
  trainingFlops,
} from '~/lib/model/component-counts';
import { countActiveParams, countParams } from '~/lib/model/param-count';
import { modelPreset, modelPresets } from '../../helpers/presets';

const llama = modelPreset('llama-3.1-8b').spec;
const gpt2 = modelPreset('gpt2').spec;
const byName = (spec = llama, context = 1) =>
  Object.fromEntries(componentCounts(spec, { contextTokens: context }).components.map((c) => [c.component, c])) as Record<Component, ComponentCount>;

test.each(modelPresets().map((p) => [p.id, p.spec] as const))('%s: the components add up to countParams and countActiveParams', (_id, spec) => {
  const counts = componentCounts(spec, { contextTokens: 4096 });
  expect(counts.params).toBe(countParams(spec));
  expect(counts.activeParams).toBe(countActiveParams(spec));
  for (const c of counts.components) {
    expect(c.params).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(c.flopsPerToken)).toBe(true);
  }
});

describe('Llama 3.1 8B, by hand from its config (h 4096, 32 layers, 32 heads, 8 KV heads, d_h 128, MLP 14336, vocab 128256)', () => {
  test('attention projections: Q and O are h×h, K and V h×1024', () => {
    expect(byName()['attention-projections'].params).toBe(32 * (2 * 4096 * 4096 + 2 * 4096 * 1024));
  });
  test('the gated MLP has three h×14336 matrices per layer', () => {
    expect(byName().mlp.params).toBe(32 * 3 * 4096 * 14336);
  });
  test('norms: two RMSNorms per layer plus the final one, h weights each', () => {
    expect(byName().norms.params).toBe((2 * 32 + 1) * 4096);
  });
  test('embedding and head: untied, vocab × h each', () => {
    expect(byName().embedding.params).toBe(128256 * 4096);
    expect(byName().head.params).toBe(128256 * 4096);
  });
  test('score FLOPs: 2·n_h·(d_k + d_v) per key per layer, growing linearly with the context', () => {
    expect(byName(llama, 1)['attention-scores'].flopsPerToken).toBe(32 * 2 * 32 * 256);
    expect(byName(llama, 8192)['attention-scores'].flopsPerToken).toBe(8192 * 32 * 2 * 32 * 256);
  });
  test('every weight product costs 2 FLOPs per weight; the embedding lookup none', () => {
    const c = byName();
    expect(c['attention-projections'].flopsPerToken).toBe(2 * c['attention-projections'].params);
    expect(c.mlp.flopsPerToken).toBe(2 * c.mlp.params);
    expect(c.embedding.flopsPerToken).toBe(0);
    expect(c.head.flopsPerToken).toBe(2 * 128256 * 4096);
  });
});

test('GPT-2 ties its head to the embedding: no head parameters, but the logits still cost 2·V·h', () => {
  const c = byName(gpt2);
  expect(c.head.params).toBe(0);
  expect(c.head.flopsPerToken).toBe(2 * 50257 * 768);
  // Learned positions live with the embedding: 1024 × 768.
  expect(c.embedding.params).toBe(50257 * 768 + 1024 * 768);
  // LayerNorm has a weight and a bias per unit.
  expect(c.norms.params).toBe((2 * 12 + 1) * 2 * 768);
});

test('a mixture of experts multiplies by its routed experts only: active < stored, FLOPs follow the active', () => {
  const spec = modelPreset('mixtral-8x7b').spec;
  const c = byName(spec);
  expect(c.mlp.activeParams).toBeLessThan(c.mlp.params);
  // 2 of 8 experts plus the router: 2 · (2 · 3 · 4096 · 14336 + 4096 · 8) per layer.
  expect(c.mlp.flopsPerToken).toBe(32 * 2 * (2 * 3 * 4096 * 14336 + 4096 * 8));
});

test('sliding-window layers stop growing at their window', () => {
  const spec = modelPreset('gemma-2-9b').spec;
  const local = spec.slidingWindow!.layers.filter(Boolean).length;
  const at = (context: number) => byName(spec, context)['attention-scores'].flopsPerToken;
  const perKeyPerLayer = at(1) / spec.numLayers;
  expect(at(16384)).toBe(perKeyPerLayer * ((spec.numLayers - local) * 16384 + local * spec.slidingWindow!.window));
});

test('mlpWeights: the gated MLP has 1.5× the weights of a plain one of the same width', () => {
  expect(mlpWeights(4096, 11008, true) / mlpWeights(4096, 11008, false)).toBe(1.5);
});

test('6·N·D undercounts training once attention matters, and the gap grows with the sequence', () => {
  const N = countParams(llama);
  const short = trainingFlops(llama, { seqLen: 2048, tokens: 1e9 }) / sixND(N, 1e9);
  const long = trainingFlops(llama, { seqLen: 131072, tokens: 1e9 }) / sixND(N, 1e9);
  expect(short).toBeGreaterThan(0.9);
  expect(short).toBeLessThan(1.1);
  expect(long).toBeGreaterThan(2);
});

test('attentionParityContext: at that context the scores cost as much as all weight products', () => {
  const T = attentionParityContext(llama);
  const c = componentCounts(llama, { contextTokens: T });
  const scores = c.components.find((x) => x.component === 'attention-scores')!.flopsPerToken;
  expect(scores / (c.flopsPerToken - scores)).toBeCloseTo(1, 9);
});

test('causalMeanKeys: a query at position i sees i + 1 keys, (T + 1)/2 on average', () => {
  expect(causalMeanKeys(4)).toBe(2.5);
});

test('bad options are typed errors naming the field', () => {
  expect(() => componentCounts(llama, { contextTokens: -1 })).toThrow(ComponentCountError);
  expect(() => componentCounts(llama, { contextTokens: Number.NaN })).toThrow(/contextTokens/);
  expect(() => componentCounts(llama, null as never)).toThrow(ComponentCountError);
  expect(() => causalMeanKeys(0)).toThrow(/seqLen/);
});

test('property: FLOPs per token grow with every key added to the context', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 1000 }), (context, extra) => {
      const a = componentCounts(llama, { contextTokens: context }).flopsPerToken;
      const b = componentCounts(llama, { contextTokens: context + extra }).flopsPerToken;
      expect(b).toBeGreaterThan(a);
    }),
  );
});
