/**
 * Issue 15: the switches that close the gap to what DeepSpeed, LLaMA-Factory and Unsloth users see, and preference
 * training as TRL runs it (DPOTrainer, PPOTrainer, GRPOTrainer; github.com/huggingface/trl at f2cd5771).
 */
import { test, expect, describe } from 'vitest';
import fc from 'fast-check';
import type { ModelSpec } from '~/lib/model/model-spec';
import { countParams } from '~/lib/model/param-count';
import { kvCacheBytes } from '~/lib/memory/kv-cache';
import { modelPreset } from '../../helpers/presets';
import {
  fineTuneMemory,
  fineTuneMemoryWithParams,
  largestFit,
  layerActivationBytes,
  layerLinearShapes,
  linearLayerParams,
  int8MatrixBytes,
  FineTuneOptionError,
  LORA_TARGETS,
  type FineTuneOptions,
} from '~/lib/memory/finetune-memory';

const llama3_8b = modelPreset('llama-3.1-8b').spec;
const P = countParams(llama3_8b);
const sft: FineTuneOptions = {
  method: 'full',
  precision: 'mixed',
  optimizer: 'adamw',
  batchSize: 2,
  seqLen: 2048,
  gradientCheckpointing: false,
  flashAttention: true,
};
const run = (o: Partial<FineTuneOptions>, spec: ModelSpec = llama3_8b) => fineTuneMemory(spec, { ...sft, ...o });

describe('fused or chunked cross-entropy', () => {
  test('removes exactly the b·s·V logits chain (12 bytes per logit under an upcasting loss) and nothing else', () => {
    const full = run({ method: 'qlora' });
    const fused = run({ method: 'qlora', fusedCrossEntropy: true });
    expect(full.activations.logits).toBe(2 * 2048 * 128256 * 12);
    expect(fused.activations.logits).toBe(0);
    expect(full.bytes.total - fused.bytes.total).toBe(full.activations.logits);
  });
});

describe('tensor and sequence parallelism (Korthikanti et al. 2022 §4.2)', () => {
  const s = 2048;
  const b = 1;
  const h = 4096;
  const a = 32;
  test('TP alone: s·b·h·(10 + 24/t + 5·a·s/(h·t)) per GPU (Eq. 2)', () => {
    const t = 8;
    expect(layerActivationBytes({ seqLen: s, batchSize: b, hiddenSize: h, numHeads: a, flashAttention: false, tensorParallel: t })).toBeCloseTo(
      s * b * h * (10 + 24 / t + (5 * a * s) / (h * t)),
      6,
    );
  });
  test('TP with SP: s·b·h/t·(34 + 5·a·s/h) (Eq. 3)', () => {
    const t = 8;
    expect(
      layerActivationBytes({ seqLen: s, batchSize: b, hiddenSize: h, numHeads: a, flashAttention: false, tensorParallel: t, sequenceParallel: true }),
    ).toBeCloseTo(((s * b * h) / t) * (34 + (5 * a * s) / h), 6);
  });
  test('model states split over t', () => {
    const one = run({});
    const four = run({ tensorParallel: 4 });
    expect(four.bytes.weights).toBe(one.bytes.weights / 4);
    expect(four.bytes.optimizer).toBe(one.bytes.optimizer / 4);
  });
  test('property: per-GPU activations shrink (never grow) as t grows, with or without SP', () => {
    const degrees = [1, 2, 4, 8, 16, 32];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 8192 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (batch, seq, sp, ckpt, flash) => {
          let previous = Infinity;
          for (const t of degrees) {
            const m = run({
              batchSize: batch,
              seqLen: seq,
              tensorParallel: t,
              sequenceParallel: sp && t > 1,
              gradientCheckpointing: ckpt,
              flashAttention: flash,
            });
            if (m.bytes.activations > previous) return false;
            previous = m.bytes.activations;
          }
          return true;
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('activation offload', () => {
  test('with checkpointing the checkpoints go to the CPU and the GPU keeps two layers in flight', () => {
    const base = run({ method: 'lora', gradientCheckpointing: true });
    const off = run({ method: 'lora', gradientCheckpointing: true, activationOffload: true });
    expect(off.activations.offloaded).toBe(base.activations.checkpoints);
    const head = base.bytes.activations - base.activations.checkpoints - base.activations.perLayer - base.activations.logits;
    expect(off.bytes.activations).toBe(2 * base.activations.perLayer + base.activations.logits + head);
    expect(off.cpuBytes).toBe(base.activations.checkpoints);
  });
});

describe('framework overhead', () => {
  test('is reported beside the theoretical total, never in it, and counts against the capacity in the solver', () => {
    const plain = run({ method: 'qlora' });
    const withOverhead = run({ method: 'qlora', frameworkOverheadBytes: 1.5 * 2 ** 30 });
    expect(withOverhead.bytes.total).toBe(plain.bytes.total);
    expect(withOverhead.overheadBytes).toBe(1.5 * 2 ** 30);
    const cap = 24 * 2 ** 30;
    const a = largestFit(llama3_8b, { ...sft, method: 'qlora', gradientCheckpointing: true }, cap).maxBatchSize!;
    const b = largestFit(llama3_8b, { ...sft, method: 'qlora', gradientCheckpointing: true, frameworkOverheadBytes: 4 * 2 ** 30 }, cap).maxBatchSize!;
    expect(b).toBeLessThan(a);
  });
});

describe('QLoRA base bits and LoRA weight dtype', () => {
  test('8-bit base: int8 weights plus one fp32 absmax per output row (bitsandbytes Int8Params CB + SCB)', () => {
    const m = run({ method: 'qlora', qloraBits: 8 });
    let int8 = 0;
    for (let layer = 0; layer < llama3_8b.numLayers; layer++)
      for (const s of layerLinearShapes(llama3_8b, layer)) int8 += int8MatrixBytes(s.dIn, s.dOut) * s.count;
    const q = linearLayerParams(llama3_8b);
    // PEFT's kbit upcast: the non-quantized parameters and the adapters in fp32.
    expect(m.unsharded.weights).toBe(int8 + (P - q) * 4 + m.trainableParams * 4);
    expect(int8MatrixBytes(4096, 1024)).toBe(4096 * 1024 + 4096);
  });
  test('4-bit stays the default', () => {
    expect(run({ method: 'qlora' }).unsharded.weights).toBe(run({ method: 'qlora', qloraBits: 4 }).unsharded.weights);
  });
  test('fp32 LoRA adapters: 4 + 4 + 8 bytes per adapter parameter, no master copy', () => {
    const m = run({ method: 'lora', adapterPrecision: 'fp32' });
    const n = m.trainableParams;
    expect(m.unsharded.weights).toBe(P * 2 + n * 4);
    expect(m.unsharded.gradients).toBe(n * 4);
    expect(m.unsharded.optimizer).toBe(n * 8);
  });
});

describe('freeze whole layers (LLaMA-Factory)', () => {
  test('adds the two RMSNorm weight vectors of each trained Llama layer', () => {
    const linear = run({ method: 'freeze', trainableLayers: 3 });
    const layers = run({ method: 'freeze', trainableLayers: 3, freezeScope: 'layers' });
    expect(layers.trainableParams - linear.trainableParams).toBe(3 * 2 * 4096);
  });
});

describe('DPO (TRL DPOTrainer)', () => {
  test('full fine-tuning keeps a frozen 16-bit reference and runs chosen + rejected', () => {
    const dpo = run({ objective: 'dpo' });
    expect(dpo.bytes.reference).toBe(2 * P);
    expect(dpo.sequences).toBe(4);
    expect(dpo.bytes.activations).toBe(run({ batchSize: 4 }).bytes.activations);
  });
  test('with LoRA the reference is the base with adapters off: nothing extra', () => {
    expect(run({ method: 'lora', objective: 'dpo' }).bytes.reference).toBe(0);
    expect(run({ method: 'qlora', objective: 'dpo' }).bytes.reference).toBe(0);
  });
  test('precompute_ref_log_probs drops the reference', () => {
    expect(run({ objective: 'dpo', preference: { reference: 'precomputed' } }).bytes.reference).toBe(0);
  });
  test('under ZeRO-3 the reference is sharded like the weights', () => {
    expect(run({ objective: 'dpo', zeroStage: 3, gpus: 8 }).bytes.reference).toBe((2 * P) / 8);
  });
});

describe('PPO (TRL PPOTrainer)', () => {
  test('actor and critic trained alike, reference and reward frozen, a rollout KV cache', () => {
    const ppo = run({ objective: 'ppo' });
    const plain = run({});
    expect(ppo.bytes.critic).toBe(plain.bytes.weights + plain.bytes.gradients + plain.bytes.optimizer);
    expect(ppo.bytes.reference).toBe(2 * P);
    expect(ppo.bytes.reward).toBe(2 * P);
    expect(ppo.bytes.rolloutKvCache).toBe(kvCacheBytes(llama3_8b, { seqLen: 2048, batch: 2, dtype: 'bf16' }).total);
    const head = plain.bytes.activations - plain.activations.perLayer * plain.activations.layers - plain.activations.logits;
    expect(ppo.bytes.criticActivations).toBe(plain.bytes.activations - plain.activations.logits - head);
  });
  test('with LoRA the reference disappears but the reward model stays', () => {
    const ppo = run({ method: 'lora', objective: 'ppo' });
    expect(ppo.bytes.reference).toBe(0);
    expect(ppo.bytes.reward).toBe(2 * P);
  });
});

describe('GRPO (TRL GRPOTrainer)', () => {
  test('num_generations completions per prompt: activations and KV cache for b·G sequences', () => {
    const g = run({ objective: 'grpo', preference: { numGenerations: 4 } });
    expect(g.sequences).toBe(8);
    expect(g.bytes.activations).toBe(run({ batchSize: 8 }).bytes.activations);
    expect(g.bytes.rolloutKvCache).toBe(kvCacheBytes(llama3_8b, { seqLen: 2048, batch: 8, dtype: 'bf16' }).total);
  });
  test('TRL default G = 8; beta = 0 (reference none) loads no reference', () => {
    expect(run({ objective: 'grpo' }).sequences).toBe(16);
    expect(run({ objective: 'grpo' }).bytes.reference).toBe(2 * P);
    expect(run({ objective: 'grpo', preference: { reference: 'none' } }).bytes.reference).toBe(0);
  });
});

describe('every new option is validated with a typed error naming the field', () => {
  const field = (o: Partial<FineTuneOptions>) => {
    try {
      run(o);
    } catch (e) {
      if (e instanceof FineTuneOptionError) return e.field;
      throw e;
    }
    return null;
  };
  test.each([
    [{ tensorParallel: 3 }, 'tensorParallel'],
    [{ tensorParallel: 0 }, 'tensorParallel'],
    [{ sequenceParallel: true }, 'sequenceParallel'],
    [{ fusedCrossEntropy: 'yes' as unknown as boolean }, 'fusedCrossEntropy'],
    [{ activationOffload: 1 as unknown as boolean }, 'activationOffload'],
    [{ frameworkOverheadBytes: -1 }, 'frameworkOverheadBytes'],
    [{ frameworkOverheadBytes: Number.POSITIVE_INFINITY }, 'frameworkOverheadBytes'],
    [{ method: 'qlora', qloraBits: 2 as 4 }, 'qloraBits'],
    [{ method: 'freeze', freezeScope: 'norms' as 'layers' }, 'freezeScope'],
    [{ objective: 'kto' as 'dpo' }, 'objective'],
    [{ objective: 'ppo', preference: { reference: 'precomputed' } }, 'preference.reference'],
    [{ objective: 'dpo', preference: { reference: 'none' } }, 'preference.reference'],
    [{ objective: 'grpo', preference: { numGenerations: 1 } }, 'preference.numGenerations'],
    [{ objective: 'grpo', preference: { numGenerations: 2.5 } }, 'preference.numGenerations'],
    [{ cpuBufferFactor: 0.5 }, 'cpuBufferFactor'],
    [{ largestLayerParams: 0 }, 'largestLayerParams'],
    [{ method: 'lora', adapterPrecision: 'fp8' as 'fp32' }, 'adapterPrecision'],
    [{ precision: 'fp8' as 'bf16' }, 'precision'],
    [{ optimizer: 'lion' as 'adamw' }, 'optimizer'],
  ] as [Partial<FineTuneOptions>, string][])('%o → %s', (o, name) => {
    expect(field(o)).toBe(name);
  });
});

describe('properties', () => {
  const arbOptions = fc.record({
    method: fc.constantFrom('full', 'freeze', 'lora', 'qlora', 'p-tuning-v2' as const),
    precision: fc.constantFrom('fp32', 'mixed', 'bf16' as const),
    optimizer: fc.constantFrom('adamw', 'adamw-8bit', 'sgd', 'adafactor' as const),
    batchSize: fc.integer({ min: 1, max: 16 }),
    seqLen: fc.integer({ min: 1, max: 16384 }),
    gradientCheckpointing: fc.boolean(),
    flashAttention: fc.boolean(),
    activationOffload: fc.boolean(),
    tensorParallel: fc.constantFrom(1, 2, 4, 8),
    objective: fc.constantFrom('sft', 'dpo', 'ppo', 'grpo' as const),
    zeroStage: fc.constantFrom(0, 1, 2, 3 as const),
    gpus: fc.integer({ min: 1, max: 64 }),
  });

  test('fused cross-entropy never increases memory', () => {
    fc.assert(
      fc.property(arbOptions, (o) => {
        const opts = { ...o, lora: { rank: 8, targets: [...LORA_TARGETS] } } as FineTuneOptions;
        const a = fineTuneMemoryWithParams(llama3_8b, P, opts);
        const b = fineTuneMemoryWithParams(llama3_8b, P, { ...opts, fusedCrossEntropy: true });
        return b.bytes.total <= a.bytes.total && b.cpuBytes === a.cpuBytes;
      }),
      { numRuns: 200 },
    );
  });

  test('every term is finite and non-negative, and the total is their sum', () => {
    fc.assert(
      fc.property(arbOptions, (o) => {
        const m = fineTuneMemoryWithParams(llama3_8b, P, { ...o, lora: { rank: 8, targets: ['q', 'v'] } } as FineTuneOptions);
        const { total, ...terms } = m.bytes;
        const values = Object.values(terms);
        const sum = values.reduce((s, v) => s + v, 0);
        return values.every((v) => Number.isFinite(v) && v >= 0) && Math.abs(sum - total) <= 1e-6 * total;
      }),
      { numRuns: 200 },
    );
  });
});

test('the rollout KV cache agrees with the KV calculator on every preset (windows, MLA, hybrids)', async () => {
  const { modelPresets } = await import('../../helpers/presets');
  for (const preset of modelPresets()) {
    for (const seq of [100, 5000, 40000]) {
      const m = fineTuneMemory(preset.spec, { ...sft, method: 'lora', lora: { rank: 8, targets: [...LORA_TARGETS] }, seqLen: seq, objective: 'ppo' });
      expect(m.bytes.rolloutKvCache, `${preset.id} ${seq}`).toBe(kvCacheBytes(preset.spec, { seqLen: seq, batch: 2, dtype: 'bf16' }).total);
    }
  }
});
