import { expect, test } from 'vitest';
import fc from 'fast-check';
import { inferenceSpeed, ridgeBatch, touchedExpertShare } from '~/lib/memory/inference-speed';
import type { GpuSpec } from '~/lib/memory/serving';
import { modelPreset } from '../../helpers/presets';

const h100: GpuSpec = {
  memoryBytes: 81559 * 2 ** 20,
  bandwidthBytesPerSecond: 3.35e12,
  flopsPerSecond: { bf16: 989.4e12, fp8: 1978.9e12 },
  interconnectBytesPerSecond: 450e9,
};

test('Llama-3.1-8B bf16, batch 1, 1,000 cached tokens on one H100: a hand-calculated roofline', () => {
  const spec = modelPreset('llama-3.1-8b').spec;
  const r = inferenceSpeed(spec, { gpu: h100, batch: 1, promptTokens: 1000, contextTokens: 1000, weights: 'bf16', kvDtype: 'bf16' });
  // Bytes read: 16,060,522,496 B of weights − 1,050,673,152 B of input-embedding table (rows gathered, not read)
  // + 1,000 tokens · 131,072 B of KV = 15,140,921,344 B; at 3.35 TB/s that is 4.5197 ms.
  expect(r.decode.bytesPerGpu).toBe(15_140_921_344);
  expect(r.decodeSecondsPerToken).toBeCloseTo(15_140_921_344 / 3.35e12, 12);
  // FLOPs: 2 · 8,030,261,248 + 4 · 32 heads · 128 · 32 layers · 1,000 = 16,584,810,496 → 16.8 µs: memory-bound.
  expect(r.decode.flopsPerGpu).toBe(16_584_810_496);
  expect(r.bound.decode).toBe('memory');
  expect(r.tokensPerSecond).toBeCloseTo(221.26, 1);
  // Prefill of 1,000 tokens: 2 · P · 1,000 + 16,384 · 32 · 1,000 · 1,001 / 2 FLOPs at 989.4 TFLOPS = 16.50 ms.
  expect(r.prefill.flopsPerGpu).toBe(2 * 8_030_261_248 * 1000 + 16384 * 32 * 500_500);
  expect(r.bound.prefill).toBe('compute');
  expect(r.prefillSeconds).toBeCloseTo(r.prefill.flopsPerGpu / 989.4e12, 12);
});

test('efficiencies are explicit: halving the bandwidth share doubles a memory-bound step', () => {
  const spec = modelPreset('llama-3.1-8b').spec;
  const base = { gpu: h100, batch: 1, promptTokens: 100, contextTokens: 100, weights: 'bf16' as const, kvDtype: 'bf16' as const };
  const full = inferenceSpeed(spec, base);
  const half = inferenceSpeed(spec, { ...base, efficiency: { bandwidth: 0.5 } });
  expect(half.decodeSecondsPerToken / full.decodeSecondsPerToken).toBeCloseTo(2, 9);
  expect(() => inferenceSpeed(spec, { ...base, efficiency: { compute: 0 } })).toThrow(/efficiency.compute/);
});

test('tensor parallelism adds two all-reduces of the hidden state per layer over the link', () => {
  const spec = modelPreset('llama-3.1-70b').spec;
  const r = inferenceSpeed(spec, { gpu: h100, tensorParallel: 4, batch: 8, promptTokens: 100, contextTokens: 100, weights: 'bf16', kvDtype: 'bf16' });
  // 80 layers · 2 · 2·(4−1)/4 · 8 tokens · 8,192 · 2 B
  expect(r.decode.commBytesPerGpu).toBe(80 * 2 * 1.5 * 8 * 8192 * 2);
  // Each of the 160 all-reduces also pays the link's latency: 6 µs at 2 ranks + 2 µs for the doubling to 4 (h100 has no
  // link tier here, so PCIe: 12 + 4 µs).
  expect(r.decode.commSeconds).toBeCloseTo(r.decode.commBytesPerGpu / 450e9 + 160 * 16e-6, 12);
  const nv = inferenceSpeed(spec, {
    gpu: { ...h100, linkTier: 'nvlink' },
    tensorParallel: 4,
    batch: 8,
    promptTokens: 100,
    contextTokens: 100,
    weights: 'bf16',
    kvDtype: 'bf16',
  });
  expect(nv.decode.commSeconds).toBeCloseTo(nv.decode.commBytesPerGpu / 450e9 + 160 * 8e-6, 12);
  // Without latency, the bandwidth-only figure of before.
  const bare = inferenceSpeed(spec, {
    gpu: h100,
    tensorParallel: 4,
    batch: 8,
    promptTokens: 100,
    contextTokens: 100,
    weights: 'bf16',
    kvDtype: 'bf16',
    efficiency: { collectiveLatency: false },
  });
  expect(bare.decode.commSeconds).toBeCloseTo(bare.decode.commBytesPerGpu / 450e9, 12);
});

test('a mixture of experts reads only the experts its batch touches: E·(1 − (1 − k/E)^B)', () => {
  const spec = modelPreset('mixtral-8x7b').spec;
  expect(touchedExpertShare(spec, 1)).toBeCloseTo(2 / 8, 12);
  expect(touchedExpertShare(spec, 2)).toBeCloseTo(1 - (6 / 8) ** 2, 12);
  const one = inferenceSpeed(spec, { gpu: h100, tensorParallel: 2, batch: 1, promptTokens: 10, contextTokens: 10, weights: 'bf16', kvDtype: 'bf16' });
  const many = inferenceSpeed(spec, { gpu: h100, tensorParallel: 2, batch: 64, promptTokens: 10, contextTokens: 10, weights: 'bf16', kvDtype: 'bf16' });
  expect(many.decode.bytesPerGpu).toBeGreaterThan(one.decode.bytesPerGpu * 2.5);
});

test('decoding turns compute-bound past the ridge batch, and never before it', () => {
  const spec = modelPreset('llama-3.1-8b').spec;
  const opts = { gpu: h100, promptTokens: 128, contextTokens: 128, weights: 'bf16' as const, kvDtype: 'bf16' as const };
  const ridge = ridgeBatch(spec, opts)!;
  expect(ridge).toBeGreaterThan(100);
  expect(inferenceSpeed(spec, { ...opts, batch: ridge }).bound.decode).toBe('compute');
  expect(inferenceSpeed(spec, { ...opts, batch: ridge - 1 }).bound.decode).toBe('memory');
});

test('property: aggregate tokens/s never falls as the batch grows; per-sequence never rises', () => {
  const spec = modelPreset('qwen2.5-7b').spec;
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 512 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 32768 }), (b, db, ctx) => {
      const opts = { gpu: h100, promptTokens: 512, contextTokens: ctx, weights: 'bf16' as const, kvDtype: 'bf16' as const };
      const a = inferenceSpeed(spec, { ...opts, batch: b });
      const c = inferenceSpeed(spec, { ...opts, batch: b + db });
      expect(c.tokensPerSecond).toBeGreaterThanOrEqual(a.tokensPerSecond * (1 - 1e-12));
      expect(c.tokensPerSecondPerSequence).toBeLessThanOrEqual(a.tokensPerSecondPerSequence * (1 + 1e-12));
    }),
    { numRuns: 80 },
  );
});
