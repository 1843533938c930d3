import { expect, test } from 'vitest';
import { MEASUREMENTS, batchOneBound, requestFlops, throughputBound } from '~/data/transformer-measured';
import { componentCounts } from '~/lib/model/component-counts';
import { modelPreset } from '../helpers/presets';

test.each(Object.entries(MEASUREMENTS))('%s: the measurement falls short of the roofline, never past it', (_name, m) => {
  const spec = modelPreset(m.model).spec;
  const c = m.kind === 'batch-1' ? batchOneBound(spec, m) : throughputBound(spec, m);
  expect(c.ratio).toBeGreaterThan(0.2);
  expect(c.ratio).toBeLessThanOrEqual(1);
  expect(m.source).toMatch(/^https:\/\/github\.com\/.+\/blob\/[0-9a-f]{40}\//);
});

test('batch 1 on an RTX 4090: Llama 3 8B in 16 bits reads about 15 GB a token, so at most about 67 tokens/s at 1,008 GB/s', () => {
  const c = batchOneBound(modelPreset('llama-3.1-8b').spec, MEASUREMENTS.rtx4090);
  expect(c.bound).toBeGreaterThan(60);
  expect(c.bound).toBeLessThan(70);
});

test('a request of 128 + 128 tokens costs about 256 forward tokens of FLOPs (attention adds little at this length)', () => {
  const spec = modelPreset('llama-3.1-8b').spec;
  const perToken = componentCounts(spec, { contextTokens: 0 }).flopsPerToken;
  const flops = requestFlops(spec, 128, 128);
  expect(flops / (256 * perToken)).toBeGreaterThan(1);
  expect(flops / (256 * perToken)).toBeLessThan(1.05);
});
