/**
 * Apple-silicon and CPU decode (issue 29): src/lib/hardware/gpus/apple-*.json and cpu-ddr5-desktop.json. Each figure
 * is the vendor's tech-specs page (bandwidth, memory); the devices decode alone (no link, tensor parallel 1).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { gpuSchema } from '~/schemas/gpu';
import { GPU_IDS, gpuById } from '~/lib/hardware/gpus';
import { inferenceSpeed } from '~/lib/memory/inference-speed';
import { modelPreset } from '../../helpers/presets';

const SINGLE = ['apple-m2-ultra', 'apple-m3-max', 'apple-m4-max', 'cpu-ddr5-desktop'];
const file = (id: string) => JSON.parse(readFileSync(join(process.cwd(), 'src/lib/hardware/gpus', `${id}.json`), 'utf8')) as unknown;

test('the vendor figures: Apple’s tech specs (800, 400, 546 GB/s) and Intel’s 89.6 GB/s dual-channel DDR5-5600', () => {
  expect(gpuById('apple-m2-ultra').bandwidthBytesPerSecond).toBe(800e9);
  expect(gpuById('apple-m3-max').bandwidthBytesPerSecond).toBe(400e9);
  expect(gpuById('apple-m4-max').bandwidthBytesPerSecond).toBe(546e9);
  // 2 channels × 8 bytes × 5600 MT/s.
  expect(gpuById('cpu-ddr5-desktop').bandwidthBytesPerSecond).toBeCloseTo(2 * 8 * 5600e6, 0);
  expect(gpuById('apple-m2-ultra').datasheet).toBe('https://support.apple.com/en-us/111835');
  expect(gpuById('apple-m3-max').datasheet).toBe('https://support.apple.com/en-us/117736');
  expect(gpuById('apple-m4-max').datasheet).toBe('https://support.apple.com/en-us/121554');
});

test('each is a valid data file, a single device with no FP8, and offered by id', () => {
  for (const id of SINGLE) {
    expect(gpuSchema.safeParse(file(id)).success, id).toBe(true);
    const g = gpuById(id);
    expect(GPU_IDS).toContain(id);
    expect(g.device).toBe(id.startsWith('apple') ? 'unified-memory' : 'cpu');
    expect(g.maxTensorParallel).toBe(1);
    expect(g.flopsPerSecond.fp8).toBeNull();
    expect(g.interconnectBytesPerSecond).toBe(0);
  }
  // The GPUs keep no cap.
  expect(gpuById('h100-80gb').device).toBe('gpu');
  expect(gpuById('h100-80gb').maxTensorParallel).toBeUndefined();
});

test('tensor parallelism is refused on a single device, by field, and GGUF decode is bandwidth-bound', () => {
  const spec = modelPreset('llama-2-7b').spec;
  const o = { batch: 1, promptTokens: 5, contextTokens: 128, weights: 'gguf-q4_0' as const, kvDtype: 'bf16' as const };
  for (const gpu of SINGLE) {
    expect(() => inferenceSpeed(spec, { ...o, gpu, tensorParallel: 2 }), gpu).toThrow(/tensorParallel/);
    const s = inferenceSpeed(spec, { ...o, gpu });
    expect(s.bound.decode).toBe('memory');
  }
  // Bandwidth-bound: the Q4_0 bound on an M2 Ultra is (800 / 546) × the M4 Max's, to within the compute term.
  const ratio = inferenceSpeed(spec, { ...o, gpu: 'apple-m2-ultra' }).tokensPerSecond / inferenceSpeed(spec, { ...o, gpu: 'apple-m4-max' }).tokensPerSecond;
  expect(ratio).toBeCloseTo(800 / 546, 2);
});
