import { test, expect, describe } from 'vitest';
import fc from 'fast-check';
import type { ModelSpec } from '~/lib/model/model-spec';
import { countParams } from '~/lib/model/param-count';
import { deepspeedZero2Estimate, deepspeedZero3Estimate, DeepSpeedEstimateError } from '~/lib/memory/deepspeed';
import { fineTuneMemoryWithParams, largestLayerParams, type FineTuneOptions } from '~/lib/memory/finetune-memory';

const GiB = 2 ** 30;
/** DeepSpeed prints bytes / 2^30 with two decimals ("GB"); the documented tables are compared at that precision. */
const printed = (bytes: number) => (bytes / GiB).toFixed(2);

/**
 * bigscience/T0_3B as `AutoModel` loads it (T5Model: encoder and decoder, no LM head). Shapes from its config.json
 * (d_model 2048, d_ff 5120, 32 heads of d_kv 64, 24 + 24 layers, vocab 32128, gated-gelu, untied; copy at
 * https://huggingface.co/gustavecortal/T0_3B-8bit/blob/main/config.json, `_name_or_path` T0_3B). Counted the way
 * DeepSpeed's `model_to_params` does: shared parameters once.
 */
function t0_3bParams(): { total: number; largest: number } {
  const d = 2048;
  const ff = 5120;
  const inner = 32 * 64;
  const vocab = 32128;
  const attention = 4 * d * inner;
  const gatedFf = 2 * d * ff + ff * d;
  const relativeBias = 32 * 32; // 32 buckets × 32 heads, first layer of each stack
  const encoder = 24 * (attention + gatedFf + 2 * d) + relativeBias + d;
  const decoder = 24 * (2 * attention + gatedFf + 3 * d) + relativeBias + d;
  return { total: vocab * d + encoder + decoder, largest: vocab * d };
}

describe('ZeRO-3: the T0_3B table in the HF Transformers DeepSpeed docs', () => {
  // https://huggingface.co/docs/transformers/deepspeed ("Memory requirements"):
  // estimate_zero3_model_states_mem_needs_all_live(model, num_gpus_per_node=1, num_nodes=1)
  // "SW: Model with 2783M total params, 65M largest layer params."
  const { total, largest } = t0_3bParams();
  const args = { totalParams: total, largestLayerParams: largest, gpusPerNode: 1, nodes: 1 };
  const row = (offloadParam: boolean, offloadOptimizer: boolean, zeroInit: boolean) => {
    const e = deepspeedZero3Estimate({ ...args, offloadParam, offloadOptimizer, zeroInit });
    return [printed(e.cpuBytes), printed(e.gpuBytes)];
  };

  test('the counts print as DeepSpeed prints them: 2783M total, 65M largest layer', () => {
    expect(Math.trunc(total / 1e6)).toBe(2783);
    expect(Math.trunc(largest / 1e6)).toBe(65);
  });

  test('all six rows to 0.01 GiB', () => {
    expect(row(true, true, true)).toEqual(['70.00', '0.25']);
    expect(row(true, true, false)).toEqual(['70.00', '0.25']);
    expect(row(false, true, true)).toEqual(['62.23', '5.43']);
    expect(row(false, true, false)).toEqual(['62.23', '5.43']);
    expect(row(false, false, true)).toEqual(['0.37', '46.91']);
    expect(row(false, false, false)).toEqual(['15.56', '46.91']);
  });
});

describe("DeepSpeed's own docs (docs/code-docs/source/memory.rst, t5-3b on 8 GPUs, cold estimates)", () => {
  // https://deepspeed.readthedocs.io/en/latest/memory.html: total_params=2851e6, largest_layer_params=32e6.
  const base = { totalParams: 2851e6, largestLayerParams: 32e6, gpusPerNode: 8, nodes: 1 };
  test('ZeRO-3, all six rows', () => {
    const rows = [
      [true, true, true, '71.69', '0.12'],
      [true, true, false, '127.45', '0.12'],
      [false, true, true, '63.72', '0.78'],
      [false, true, false, '127.45', '0.78'],
      [false, false, true, '1.43', '6.09'],
      [false, false, false, '127.45', '6.09'],
    ] as const;
    for (const [offloadParam, offloadOptimizer, zeroInit, cpu, gpu] of rows) {
      const e = deepspeedZero3Estimate({ ...base, offloadParam, offloadOptimizer, zeroInit });
      expect([printed(e.cpuBytes), printed(e.gpuBytes)], `${offloadParam} ${offloadOptimizer} ${zeroInit}`).toEqual([cpu, gpu]);
    }
  });

  test('ZeRO-2 with optimizer offload: 127.45 / 5.31', () => {
    const e = deepspeedZero2Estimate({ totalParams: 2851e6, gpusPerNode: 8, nodes: 1, offloadOptimizer: true });
    expect([printed(e.cpuBytes), printed(e.gpuBytes)]).toEqual(['127.45', '5.31']);
  });

  test('ZeRO-2 without offload follows the current source (2Ψ + 18Ψ/N = 11.28), not the pre-#5099 15.93 the page still prints', () => {
    const e = deepspeedZero2Estimate({ totalParams: 2851e6, gpusPerNode: 8, nodes: 1, offloadOptimizer: false });
    expect([printed(e.cpuBytes), printed(e.gpuBytes)]).toEqual(['127.45', '11.28']);
    // The documented 15.93 is the old 4Ψ + 16Ψ/N (stage_1_and_2.py before commit f4cb866c, June 2024).
    expect(printed(4 * 2851e6 + (16 * 2851e6) / 8)).toBe('15.93');
  });
});

describe("the calculator's ZeRO-3 rows use DeepSpeed's terms", () => {
  const llama: ModelSpec = {
    family: 'llama',
    numLayers: 32,
    hiddenSize: 4096,
    numHeads: 32,
    numKvHeads: 8,
    headDim: 128,
    intermediateSize: 14336,
    vocabSize: 128256,
    tiedEmbeddings: false,
    attention: 'gqa',
    mlp: 'gated',
    norm: 'rmsnorm',
    bias: { qkv: false, o: false, mlp: false },
  };
  const P = countParams(llama);
  const options: FineTuneOptions = {
    method: 'full',
    precision: 'mixed',
    optimizer: 'adamw',
    batchSize: 1,
    seqLen: 512,
    gradientCheckpointing: false,
    fp32Gradients: true, // DeepSpeed's 18 bytes per parameter
    zeroStage: 3,
  };
  const states = (m: ReturnType<typeof fineTuneMemoryWithParams>) => m.bytes.total - m.bytes.activations;

  test('the largest layer of Llama 3 8B is its 128256×4096 embedding', () => {
    expect(largestLayerParams(llama)).toBe(128256 * 4096);
  });

  test.each([
    ['optimizer-and-params', true, true],
    ['optimizer', false, true],
    ['none', false, false],
  ] as const)('offload %s on 4 GPUs: same GPU bytes, CPU bytes per process × GPUs = DeepSpeed per node', (offload, offloadParam, offloadOptimizer) => {
    const m = fineTuneMemoryWithParams(llama, P, { ...options, gpus: 4, offload });
    const ds = deepspeedZero3Estimate({
      totalParams: P,
      largestLayerParams: largestLayerParams(llama),
      gpusPerNode: 4,
      nodes: 1,
      offloadParam,
      offloadOptimizer,
      zeroInit: true,
    });
    expect(Math.abs(states(m) - ds.gpuBytes)).toBeLessThan(1);
    if (offload !== 'none') expect(Math.abs(4 * m.cpuBytes - ds.cpuBytes)).toBeLessThan(4);
  });
});

describe('validation', () => {
  const ok = { totalParams: 1e9, largestLayerParams: 1e8, gpusPerNode: 1, nodes: 1, offloadParam: false, offloadOptimizer: false, zeroInit: true };
  const field = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof DeepSpeedEstimateError) return e.field;
      throw e;
    }
    return null;
  };
  test('each bad argument is named', () => {
    expect(field(() => deepspeedZero3Estimate({ ...ok, totalParams: -1 }))).toBe('totalParams');
    expect(field(() => deepspeedZero3Estimate({ ...ok, largestLayerParams: 2e9 }))).toBe('largestLayerParams');
    expect(field(() => deepspeedZero3Estimate({ ...ok, gpusPerNode: 1.5 }))).toBe('gpusPerNode');
    expect(field(() => deepspeedZero3Estimate({ ...ok, nodes: 0 }))).toBe('nodes');
    expect(field(() => deepspeedZero3Estimate({ ...ok, offloadParam: true }))).toBe('offloadParam');
    expect(field(() => deepspeedZero3Estimate({ ...ok, bufferFactor: Number.NaN }))).toBe('bufferFactor');
    expect(field(() => deepspeedZero2Estimate({ totalParams: 1e9, gpusPerNode: 1, nodes: 1, offloadOptimizer: 'yes' as unknown as boolean }))).toBe(
      'offloadOptimizer',
    );
  });

  test('property: estimates are finite, non-negative, and offloading never adds GPU memory', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000_000, max: 2e12 }),
        fc.double({ min: 0.0001, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 64 }),
        fc.boolean(),
        (P, share, perNode, nodes, zeroInit) => {
          const LL = Math.max(1, Math.floor(P * share));
          const at = (offloadParam: boolean, offloadOptimizer: boolean) =>
            deepspeedZero3Estimate({ totalParams: P, largestLayerParams: LL, gpusPerNode: perNode, nodes, offloadParam, offloadOptimizer, zeroInit });
          const none = at(false, false);
          const opt = at(false, true);
          const all = at(true, true);
          return (
            [none, opt, all].every((e) => Number.isFinite(e.gpuBytes + e.cpuBytes) && e.gpuBytes >= 0 && e.cpuBytes >= 0) &&
            all.gpuBytes <= opt.gpuBytes &&
            opt.gpuBytes <= none.gpuBytes
          );
        },
      ),
    );
  });
});

test('refusals are OptionErrors with a reason code, not messages to parse', async () => {
  const { OptionError } = await import('~/lib/errors');
  const { deepspeedZero2Estimate, DeepSpeedEstimateError } = await import('~/lib/memory/deepspeed');
  try {
    deepspeedZero2Estimate({ totalParams: 1e9, gpusPerNode: 0, nodes: 1, offloadOptimizer: false });
    expect.unreachable();
  } catch (error) {
    expect(error).toBeInstanceOf(DeepSpeedEstimateError);
    expect(error).toBeInstanceOf(OptionError);
    expect(error).toMatchObject({ field: 'gpusPerNode', reason: 'below-min', got: 0, limit: 1 });
  }
});
