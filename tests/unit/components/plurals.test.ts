import { expect, test } from 'vitest';
import { kvEn } from '~/components/calculators/kv-cache/strings/en';
import { servingEn } from '~/components/calculators/serving-planner/strings/en';
import { en as sparseEn } from '~/components/calculators/sparse-vector/strings/en';

/** English counts agree with their nouns: ux-review "Other findings" saw "1 GPUs", "× 1 sequences" and "1 bytes". */

test('serving planner: 1 GPU, 2 GPUs', () => {
  expect(servingEn.gpuCount(1, '1')).toBe('1 GPU in all');
  expect(servingEn.gpuCount(2, '2')).toBe('2 GPUs in all');
});

test('KV cache: 1 token × 1 sequence, 4,096 tokens × 2 sequences', () => {
  expect(kvEn.total('1', '1', 1, 1)).toBe('KV cache for this request (1 token × 1 sequence)');
  expect(kvEn.total('4,096', '2', 4096, 2)).toBe('KV cache for this request (4,096 tokens × 2 sequences)');
});

test('sparse vectors: 1 byte, 2 bytes', () => {
  expect(sparseEn.bytesOption(1)).toBe('1 byte (8-bit)');
  expect(sparseEn.bytesOption(2)).toBe('2 bytes (16-bit)');
  expect(sparseEn.bytes('1')).toBe('1 byte');
  expect(sparseEn.bytes('1,024')).toBe('1,024 bytes');
});
