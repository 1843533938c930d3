import { expect, test } from 'vitest';
import fc from 'fast-check';
import {
  attainableFlopsPerS,
  forwardWork,
  ridgeIntensity,
  rooflineTime,
  RooflineInputError,
  speculativeSpeedup,
  speculativeTokensPerCall,
  type RooflineMachine,
} from '~/lib/memory/roofline-basics';
import { countParams } from '~/lib/model/param-count';
import { weightsBytes } from '~/lib/model/weight-formats';
import { modelPreset } from '../../helpers/presets';

// NVIDIA H100 SXM datasheet (https://www.nvidia.com/en-us/data-center/h100/): 3.35 TB/s HBM3;
// BF16 Tensor Core 1,979 TFLOPS "with sparsity", half of that dense.
const h100: RooflineMachine = { peakFlopsPerS: 1979e12 / 2, bandwidthBytesPerS: 3.35e12 };

const machine = fc.record({
  peakFlopsPerS: fc.double({ min: 1e9, max: 1e18, noNaN: true }),
  bandwidthBytesPerS: fc.double({ min: 1e6, max: 1e15, noNaN: true }),
});
const amount = fc.double({ min: 1, max: 1e18, noNaN: true });

test('the H100 SXM ridge point is about 295 FLOPs per byte in BF16', () => {
  expect(ridgeIntensity(h100)).toBeCloseTo(295.4, 1);
});

test('Llama-2-7B decoding one token in BF16 is memory-bound and takes about 4 ms on an H100 SXM', () => {
  const spec = modelPreset('llama-2-7b').spec;
  const work = forwardWork(countParams(spec), 1, weightsBytes(spec, 'bf16'));
  const time = rooflineTime(work.flops, work.bytes, h100);
  expect(time.bound).toBe('memory');
  expect(time.intensity).toBeCloseTo(1, 10); // 2N FLOPs over 2N bytes
  expect(time.seconds * 1e3).toBeCloseTo(4.02, 2);
});

test('a 2048-token prefill of the same model is compute-bound', () => {
  const spec = modelPreset('llama-2-7b').spec;
  const work = forwardWork(countParams(spec), 2048, weightsBytes(spec, 'bf16'));
  expect(rooflineTime(work.flops, work.bytes, h100).bound).toBe('compute');
});

test('weights-only decode intensity equals the batch size for 16-bit weights', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 4096 }), fc.double({ min: 1e6, max: 1e12, noNaN: true }), (batch, params) => {
      const work = forwardWork(params, batch, 2 * params);
      expect(work.flops / work.bytes).toBeCloseTo(batch, 9);
    }),
  );
});

test('the time is the larger of the two roofs, and the bound names the larger one', () => {
  fc.assert(
    fc.property(amount, amount, machine, (flops, bytes, m) => {
      const t = rooflineTime(flops, bytes, m);
      expect(t.seconds).toBe(Math.max(flops / m.peakFlopsPerS, bytes / m.bandwidthBytesPerS));
      expect(t.bound === 'memory').toBe(t.memorySeconds >= t.computeSeconds);
      expect(Number.isFinite(t.seconds)).toBe(true);
    }),
  );
});

test('attainable FLOP/s never exceeds the peak and is continuous at the ridge', () => {
  fc.assert(
    fc.property(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), machine, (intensity, m) => {
      const rate = attainableFlopsPerS(intensity, m);
      expect(rate).toBeLessThanOrEqual(m.peakFlopsPerS);
      expect(rate).toBeLessThanOrEqual(intensity * m.bandwidthBytesPerS * (1 + 1e-12));
    }),
  );
  expect(attainableFlopsPerS(ridgeIntensity(h100), h100)).toBeCloseTo(h100.peakFlopsPerS, -3);
});

test('a kernel below the ridge is memory-bound, one above it compute-bound', () => {
  fc.assert(
    fc.property(machine, fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.double({ min: 1.01, max: 100, noNaN: true }), (m, below, above) => {
      const ridge = m.peakFlopsPerS / m.bandwidthBytesPerS;
      expect(rooflineTime(ridge * below, 1, m).bound).toBe('memory');
      expect(rooflineTime(ridge * above, 1, m).bound).toBe('compute');
    }),
  );
});

test('bad inputs throw an error naming the field', () => {
  expect(() => rooflineTime(0, 1, h100)).toThrow(RooflineInputError);
  expect(() => rooflineTime(1, Number.NaN, h100)).toThrow(/^bytes:/);
  expect(() => ridgeIntensity({ peakFlopsPerS: 1, bandwidthBytesPerS: -1 })).toThrow(/^bandwidthBytesPerS:/);
  expect(() => forwardWork(1, 1, 1, -1)).toThrow(/^kvBytes:/);
  expect(() => forwardWork(1, Infinity, 1)).toThrow(/^tokens:/);
  expect(() => attainableFlopsPerS(0, h100)).toThrow(/^intensity:/);
});

test('speculative decoding: α = 0.8 with γ = 4 yields 3.3616 tokens per large-model call (Leviathan et al. §3.1)', () => {
  expect(speculativeTokensPerCall(0.8, 4)).toBeCloseTo(3.3616, 10);
  expect(speculativeTokensPerCall(1, 4)).toBe(5);
  expect(speculativeTokensPerCall(0, 4)).toBe(1);
});

test('tokens per call lie between 1 and γ + 1 and grow with α', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0, max: 0.999, noNaN: true }),
      fc.double({ min: 0, max: 0.999, noNaN: true }),
      fc.integer({ min: 1, max: 64 }),
      (a, b, gamma) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const n = speculativeTokensPerCall(lo, gamma);
        expect(n).toBeGreaterThanOrEqual(1 - 1e-12);
        expect(n).toBeLessThanOrEqual(gamma + 1 + 1e-9);
        expect(speculativeTokensPerCall(hi, gamma)).toBeGreaterThanOrEqual(n - 1e-12);
      },
    ),
  );
});

test('the speedup is tokens per call over the cost of γ draft steps plus one large step', () => {
  expect(speculativeSpeedup(0.8, 4, 0.05)).toBeCloseTo(3.3616 / 1.2, 10);
  expect(speculativeSpeedup(0, 3, 0)).toBe(1);
  expect(() => speculativeSpeedup(1.5, 4, 0.1)).toThrow(/^acceptanceRate:/);
  expect(() => speculativeSpeedup(0.5, 0, 0.1)).toThrow(/^draftTokens:/);
  expect(() => speculativeSpeedup(0.5, 2, -1)).toThrow(/^costRatio:/);
});
