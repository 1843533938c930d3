/**
 * Serving hybrid models as vLLM's hybrid KV cache manager does (kv-capacity.ts): recurrent layers take one padded
 * state page per request beside the attention layers' blocks, sliding-window layers only their window, and the
 * attention block grows so one page holds a recurrent state. Checked against two real vLLM logs and the released
 * configs of Qwen3-Next, Qwen3.5 and gpt-oss (tests/fixtures/configs/index.json names each config's URL).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseHfConfig } from '~/lib/model/hf-config';
import { GiB } from '~/lib/model/dtype';
import type { ModelSpec } from '~/lib/model/model-spec';
import { kvCacheGroups, kvCacheLayout, kvTokenCapacity, requestBlocks } from '~/lib/memory/kv-capacity';
import { recurrentStateBytes } from '~/lib/memory/kv-cache';
import { servingMemory } from '~/lib/memory/serving';
import { weightsBytes } from '~/lib/model/weight-formats';
import { parseVllmLog } from '~/lib/memory/vllm-log';

const root = process.cwd();
const config = (file: string): ModelSpec => {
  const raw = JSON.parse(readFileSync(join(root, 'tests/fixtures/configs', file), 'utf8')) as Record<string, unknown>;
  return parseHfConfig(raw);
};
const log = (file: string) => parseVllmLog(readFileSync(join(root, 'tests/fixtures/vllm-logs', file), 'utf8'));
const PRINT_HALF_STEP = 0.005 * GiB;

const qwen3Next = config('qwen3-next-80b-a3b-instruct.json');
const qwen35 = config('qwen3.5-35b-a3b.json');
const gptOss20b = config('gpt-oss-20b.json');
const gptOss120b = JSON.parse(readFileSync(join(root, 'tests/fixtures/vllm-logs/configs.json'), 'utf8'))['gpt-oss-120b'].config;

describe('the layout vLLM gives a hybrid cache', () => {
  test('Qwen3-Next, TP 1, bf16: 12 full + 36 Gated DeltaNet layers, block raised to 544 tokens', () => {
    const layout = kvCacheLayout(qwen3Next, { dtype: 'bf16' });
    // Attention: 2 KV heads × (256 + 256) × 2 B = 2,048 B per token and layer.
    expect(layout.attentionBytesPerToken).toBe(2048);
    // State: conv 3 × (2·16·128 + 32·128) = 24,576 and SSM 32 × 128 × 128 = 524,288 numbers, bf16: 1,097,728 B.
    expect(layout.stateBytesPerLayer).toBe(1_097_728);
    // 16 · ⌈1,097,728 / (16 · 2,048)⌉ = 16 · 34 = 544; the state page is padded to 544 · 2,048 = 1,114,112 B.
    expect(layout.blockSize).toBe(544);
    expect(layout.pageBytes).toBe(1_114_112);
    // 36 ≥ 1.5 × 12, so groups of 12: one full group, three recurrent ones.
    expect(layout.kindGroups).toEqual({ full: 1, windowed: 0, recurrent: 3 });
    expect(kvCacheGroups(qwen3Next)).toEqual({ groups: 4, layersPerGroup: 12 });
  });

  test('gpt-oss keeps 16-token blocks (no recurrent layers) and two groups of 18', () => {
    const layout = kvCacheLayout(parseHfConfig(gptOss120b), { dtype: 'bf16', tensorParallel: 4 });
    expect(layout.blockSize).toBe(16);
    expect(layout.kindGroups).toEqual({ full: 1, windowed: 1, recurrent: 0 });
    expect(layout.window).toBe(128);
  });
});

describe('real vLLM logs: the size, the block and the concurrency they print', () => {
  test('gpt-oss-120b, TP 4, A100, vLLM 0.10.1.1: 284.25x for 16,384 tokens, the window counted as vLLM counts it', () => {
    const l = log('gpt-oss-120b-tp4-a100.log');
    expect(l.concurrency).toEqual({ contextTokens: 16384, factor: 284.25 });
    const spec = parseHfConfig(gptOss120b);
    const layout = kvCacheLayout(spec, { dtype: 'bf16', tensorParallel: 4 });
    // A100: max_num_batched_tokens 2,048 by default. Full group ⌈16,384/16⌉ = 1,024; sliding ⌈(127 + 2,048)/16⌉ + 1 = 137.
    const perRequest = requestBlocks(layout, 16384, 2048);
    expect(perRequest).toBe(1161);
    const pool = (free: number) => kvTokenCapacity(spec, { freeBytesPerGpu: free, dtype: 'bf16', tensorParallel: 4 }).poolBlocks;
    const lo = pool(l.kvBytes! - PRINT_HALF_STEP) / perRequest;
    const hi = pool(l.kvBytes! + PRINT_HALF_STEP) / perRequest;
    expect(lo).toBeLessThanOrEqual(284.255);
    expect(hi).toBeGreaterThanOrEqual(284.245);
    // Counting the window as full attention (tokens / s) would give 161x, 43% short of what vLLM printed.
    expect(l.kvTokens! / 16384).toBeLessThan(162);
  });

  test('Qwen3.6-35B-A3B (Qwen3.5 layout), fp8 KV, prefix caching: block 2,096, 6,288 tokens, 1.50x', () => {
    const l = log('qwen3.6-35b-a3b-nvfp4-tp1-align.log');
    // Qwen3.5-35B-A3B's config: 10 full + 30 Gated DeltaNet layers, SSM state in float32.
    const layout = kvCacheLayout(qwen35, { dtype: 'fp8' });
    // fp8 attention: 2 × 512 × 1 B = 1,024 B per token; state 49,152 (bf16 conv) + 2,097,152 (fp32 SSM) = 2,146,304 B.
    expect(layout.stateBytesPerLayer).toBe(2_146_304);
    // The log: "Setting attention block size to 2096 tokens" — 16 · ⌈2,146,304 / 16,384⌉ = 16 · 131.
    expect(layout.blockSize).toBe(2096);
    const at = (free: number) => kvTokenCapacity(qwen35, { freeBytesPerGpu: free, dtype: 'fp8' });
    const low = at(l.kvBytes! - PRINT_HALF_STEP);
    const high = at(l.kvBytes! + PRINT_HALF_STEP);
    expect(low.tokens).toBeLessThanOrEqual(l.kvTokens!);
    expect(high.tokens).toBeGreaterThanOrEqual(l.kvTokens!);
    // 6,288 = ⌊pool / 4 groups⌋ · 2,096 ⇒ pool 12–15 blocks; within the print's band only 15 (16 gives 8,384).
    expect(low.poolBlocks).toBe(15);
    expect(l.kvTokens).toBe(Math.floor(low.poolBlocks / 4) * 2096);
    // Prefix caching puts the mamba cache in 'align': 4 full blocks (⌈8,192 / 2,096⌉) + 3 groups × 2 state pages.
    expect(requestBlocks(layout, 8192, 8192, 0, 'align')).toBe(10);
    expect(low.poolBlocks / requestBlocks(layout, 8192, 8192, 0, 'align')).toBeCloseTo(l.concurrency!.factor, 2);
    // With one page per group ('none') it would be 2.14x: the log tells the modes apart.
    expect(low.poolBlocks / requestBlocks(layout, 8192, 8192)).toBeGreaterThan(2.1);
  });
});

describe('servingMemory for hybrids: the state per request sets the verdict and the concurrency', () => {
  test('Qwen3-Next-80B bf16 on 4 × H100: the state per request, whole blocks per request, concurrency from the pool', () => {
    const m = servingMemory(qwen3Next, { gpu: 'h100-80gb', tensorParallel: 4, weights: 'bf16', kvDtype: 'bf16', contextTokens: 32768 });
    // TP 4: 1 KV head per rank (2 heads, replicated) → 1,024 B per token; state per rank 274,432 B
    // (conv 6,144 + SSM 131,072 numbers, bf16) → block 16 · ⌈274,432 / 16,384⌉ = 272, page 278,528 B.
    expect(m.layout.blockSize).toBe(272);
    expect(m.layout.pageBytes).toBe(278_528);
    // 3 recurrent groups × 12 layers × one padded page: 10,027,008 B, a little above the unpadded 36 × 274,432.
    expect(m.stateBytesPerRequest).toBe(10_027_008);
    expect(recurrentStateBytes(qwen3Next, { tensorParallel: 4 })).toBe(36 * 274_432);
    // ⌈32,768 / 272⌉ = 121 attention blocks + 3 state pages.
    expect(m.blocksPerRequest).toBe(124);
    expect(m.verdict).toBe('fits');
    expect(m.maxConcurrency).toBeCloseTo(m.poolBlocks / 124, 10);
    expect(m.concurrentRequests).toBe(Math.min(Math.floor(m.poolBlocks / 124), m.maxNumSeqs));
    // Without the state the same pool would seem to hold more requests.
    expect(m.poolBlocks / 121).toBeGreaterThan(m.maxConcurrency);
  });

  test('a context too long for the pool does not start, and longestContext is the longest that does', () => {
    const m = servingMemory(qwen3Next, {
      gpu: 'h100-80gb',
      tensorParallel: 4,
      weights: 'bf16',
      kvDtype: 'bf16',
      contextTokens: 262144,
      gpuMemoryUtilization: 0.52,
    });
    expect(m.verdict).toBe('wont-start');
    const k = m.layout.blockSize;
    expect(Math.ceil(m.longestContext / k) + 3).toBeLessThanOrEqual(m.poolBlocks);
    expect(Math.ceil((m.longestContext + 1) / k) + 3).toBeGreaterThan(m.poolBlocks);
  });

  test('gpt-oss-20b in MXFP4 on one H100 at 131,072 tokens: the window, not the context, sizes the sliding half', () => {
    const m = servingMemory(gptOss20b, { gpu: 'h100-80gb', weights: 'mxfp4', kvDtype: 'bf16', contextTokens: 131072 });
    expect(m.perGpu.weights).toBe(weightsBytes(gptOss20b, 'mxfp4'));
    // Experts in MXFP4, the rest bf16: 13.76 GB, against 41.83 GB all-bf16.
    expect(m.perGpu.weights / 1e9).toBeCloseTo(13.76, 2);
    expect(m.stateBytesPerRequest).toBe(0);
    // 8,192 full blocks + ⌈(127 + 8,192) / 16⌉ + 1 = 521 sliding blocks.
    expect(m.blocksPerRequest).toBe(8192 + 521);
    expect(m.verdict).toBe('fits');
    expect(m.concurrentRequests).toBe(Math.floor(m.poolBlocks / 8713));
  });
});
