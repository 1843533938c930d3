import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import fc from 'fast-check';
import { parseVllmLog } from '~/lib/memory/vllm-log';
import { GiB } from '~/lib/model/dtype';

const fixture = (name: string) => readFileSync(join(process.cwd(), 'tests/fixtures/vllm-logs', name), 'utf8');

test('a V1 log: weights, free KV memory and the token count (vLLM-5090 issue 8)', () => {
  const r = parseVllmLog(fixture('rtx5090-fp8-kv.log'));
  expect(r.weightsBytes).toBeCloseTo(16.9335 * GiB, 0);
  expect(r.kvBytes).toBeCloseTo(11.7 * GiB, 0);
  expect(r.kvTokens).toBe(255_488);
  expect(r.found).toBe(3);
});

test('the concurrency line is read with its context length (vLLM issue 25350)', () => {
  const r = parseVllmLog(fixture('fp8-kv-max-model-len-100000.log'));
  expect(r.concurrency).toEqual({ contextTokens: 100_000, factor: 2.31 });
  expect(r.kvTokens).toBe(230_528);
});

test('a V0 tensor-parallel log: every rank is read and the smallest free memory kept (vLLM issue 16570)', () => {
  const r = parseVllmLog(fixture('qwen2.5-vl-72b-tp4-a100.log'));
  expect(r.kvBytesPerRank.map((b) => Math.round((b / GiB) * 100) / 100)).toEqual([0.13, 0.04, 0.09]);
  expect(r.kvBytes).toBeCloseTo(0.04 * GiB, 0);
  expect(r.weightsBytes).toBeCloseTo(34.43 * GiB, 0);
  expect(r.totalGpuBytes).toBeCloseTo(39.38 * GiB, 0);
  expect(r.gpuMemoryUtilization).toBe(0.95);
  expect(r.nonTorchBytes).toBeCloseTo(0.34 * GiB, 0);
  expect(r.activationPeakBytes).toBeCloseTo(2.51 * GiB, 0);
});

test('older wordings: "# GPU blocks" and "Loading model weights took … GB" (GiB in vLLM)', () => {
  const r = parseVllmLog(
    'INFO model_runner.py:848] Loading model weights took 67.7229 GB\nINFO kv_cache_utils.py:395] # GPU blocks: 1381\ntensor_parallel_size=2',
  );
  expect(r.weightsBytes).toBeCloseTo(67.7229 * GiB, 0);
  expect(r.gpuBlocks).toBe(1381);
  expect(r.tensorParallel).toBe(2);
});

test('property: any text parses without throwing, and finds nothing in text without the phrases', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), (s) => {
      const r = parseVllmLog(s);
      expect(r.found).toBeGreaterThanOrEqual(0);
      if (!/took|KV|blocks|concurrency|parallel|gpu_memory|non_torch|activation|-tp/i.test(s)) expect(r.found).toBe(0);
    }),
  );
});

test('several "GPU KV cache size" lines (one per worker in vLLM 0.10): all kept, the smallest is the size', () => {
  const r = parseVllmLog(
    "non-default args: {'model': 'x', 'tensor_parallel_size': 4}\nGPU KV cache size: 180,928 tokens\nGPU KV cache size: 178,880 tokens\nGPU KV cache size: 180,928 tokens",
  );
  expect(r.kvTokensPerWorker).toEqual([180_928, 178_880, 180_928]);
  expect(r.kvTokens).toBe(178_880);
  expect(r.tensorParallel).toBe(4);
});

test('a real TP 2 log (dennislee22/vLLM-benchmarking, vLLM 0.10.1.1): both ranks and both size lines', () => {
  const r = parseVllmLog(fixture('qwen2-7b-tp2-a100-0.5.log'));
  expect(r.kvBytesPerRank).toEqual([31.83 * GiB, 31.83 * GiB]);
  expect(r.kvTokensPerWorker).toEqual([1_192_160, 1_192_160]);
  expect(r.weightsBytes).toBeCloseTo(7.1217 * GiB, 0);
  expect(r.concurrency).toEqual({ contextTokens: 16_384, factor: 72.76 });
  expect(r.tensorParallel).toBe(2);
});

test('the setup a log states: architecture, model, dtype, KV type, context, batch limits, version, sampler', () => {
  const r = parseVllmLog(fixture('qwen2-7b-tp1-a100-0.25.log'));
  expect(r.setup).toMatchObject({ model: 'Qwen2-7B-Instruct', dtype: 'bfloat16', kvCacheDtype: 'auto', maxModelLen: 16384, version: '0.10.1.1' });
  expect(r.gpuMemoryUtilization).toBe(0.25);
  const banner = parseVllmLog(
    [
      'INFO [__init__.py:711] Resolved architecture: Qwen2ForCausalLM',
      'INFO [scheduler.py:222] Chunked prefill is enabled with max_num_batched_tokens=2048.',
      "non-default args: {'max_num_seqs': 8, 'kv_cache_dtype': 'fp8', 'quantization': 'awq'}",
      'INFO [topk_topp_sampler.py:50] Using FlashInfer for top-p & top-k sampling.',
      'INFO Free memory on device (78.57/79.18 GiB) on startup.',
      'INFO [gpu_model_runner.py:6142] Estimated CUDA graph memory: 0.52 GiB total',
    ].join('\n'),
  );
  expect(banner.setup).toMatchObject({
    architecture: 'Qwen2ForCausalLM',
    maxNumBatchedTokens: 2048,
    maxNumSeqs: 8,
    kvCacheDtype: 'fp8',
    quantization: 'awq',
    sampler: 'flashinfer',
  });
  expect(banner.totalGpuBytes).toBeCloseTo(79.18 * GiB, 0);
  expect(banner.cudaGraphBytes).toBeCloseTo(0.52 * GiB, 0);
});

test('V0’s one-line profile: the activation is the PyTorch peak less the weights (vLLM issue 10517)', () => {
  const r = parseVllmLog(fixture('llama-3.1-8b-tp1-rtx3090-29k.log'));
  // peak_torch_memory 17.98 GiB − weights 14.9888 GiB
  expect(r.activationPeakBytes! / GiB).toBeCloseTo(17.98 - 14.9888, 3);
  expect(r.totalGpuBytes).toBeCloseTo(23.58 * GiB, 0);
});
