/** Issue 15 in the fine-tune view: objectives and switches from the URL state, and formulas that hold with them. */
import { describe, expect, test } from 'vitest';
import * as core from '~/lib/memory/finetune-memory';
import fc from 'fast-check';
import { fieldMessage, memoryAttempt, peakSegments } from '~/components/calculators/finetune-memory/view';
import { formulaValues } from '~/components/calculators/finetune-memory/formula-values';
import { defaultState, referenceFor, referencesFor, toOptions, TP_DEGREES, type FtState } from '~/components/calculators/finetune-memory/state';

import { en } from '~/components/calculators/finetune-memory/strings/en';
import { zh } from '~/components/calculators/finetune-memory/strings/zh';
import { formatterFor } from '~/components/calculators/shared/locale';
import { modelPresets } from '../../helpers/presets';

const presets = modelPresets();
const llama = presets.find((p) => p.id === 'llama-2-7b')!.spec;
const gpt2 = presets.find((p) => p.id === 'gpt2')!.spec;
const base = defaultState('llama-2-7b', 'h100-80gb');
const ok = (spec: typeof llama, s: FtState) => {
  const a = memoryAttempt(core, spec, s);
  if (!a.ok) throw new Error(`refused: ${a.error}`);
  return a.value;
};

describe('state → options', () => {
  test('a reference choice the objective does not offer falls back to a frozen model instead of refusing', () => {
    expect(referenceFor({ objective: 'ppo', ref: 'precomputed' })).toBe('model');
    expect(referenceFor({ objective: 'dpo', ref: 'none' })).toBe('model');
    expect(referenceFor({ objective: 'dpo', ref: 'precomputed' })).toBe('precomputed');
    expect(referenceFor({ objective: 'grpo', ref: 'none' })).toBe('none');
    expect(referencesFor('dpo')).toEqual(['model', 'precomputed']);
    expect(referencesFor('grpo')).toEqual(['model', 'none']);
    expect(referencesFor('ppo')).toEqual(['model']);
  });

  test('sequence parallelism is passed only with t > 1, and the overhead field is in GiB', () => {
    expect(toOptions({ ...base, sp: true, tp: '1' }).sequenceParallel).toBe(false);
    expect(toOptions({ ...base, sp: true, tp: '4' }).sequenceParallel).toBe(true);
    expect(toOptions({ ...base, overhead: 1.5 }).frameworkOverheadBytes).toBe(1.5 * 2 ** 30);
  });

  test('t that does not divide the heads is refused as tensorParallel and explained with the head count', () => {
    const a = memoryAttempt(core, gpt2, { ...base, model: 'gpt2', tp: '8' });
    expect(a.ok).toBe(false);
    const error = a.ok ? null : a.error;
    expect(fieldMessage(error, 'tensorParallel', en, gpt2)).toBe(en.errors.tensorParallel(12));
    expect(fieldMessage(error, 'tensorParallel', zh, gpt2)).toContain('12');
  });
});

describe('the bar shows what is alive at the peak, and sums to peak.device', () => {
  test('SFT: weights, optimizer, activations, workspace and context; PPO adds reference, reward and critic', () => {
    const keys = (m: ReturnType<typeof ok>) => peakSegments(m).map((x) => x.key);
    expect(keys(ok(llama, base))).toEqual(expect.arrayContaining(['weights', 'optimizer', 'activations', 'cudaContext']));
    expect(keys(ok(llama, { ...base, objective: 'ppo' }))).toEqual(expect.arrayContaining(['reference', 'reward', 'critic']));
    expect(keys(ok(llama, { ...base, zero: '3', gpus: 8 }))).toContain('zeroBuffer');
  });
  test('property: the segments add up to peak.device', () => {
    fc.assert(
      fc.property(
        fc.record({
          method: fc.constantFrom('full', 'lora', 'qlora', 'freeze'),
          fw: fc.constantFrom('hf', 'unsloth', 'torchtune', 'litgpt', 'llama-factory'),
          ckpt: fc.boolean(),
          batch: fc.integer({ min: 1, max: 8 }),
          seq: fc.integer({ min: 1, max: 8192 }),
          objective: fc.constantFrom('sft', 'dpo', 'ppo', 'grpo'),
          zero: fc.constantFrom('0', '1', '3'),
          gpus: fc.integer({ min: 1, max: 8 }),
        }),
        (o) => {
          const m = ok(llama, { ...base, ...o });
          const sum = peakSegments(m).reduce((a, x) => a + x.bytes, 0);
          return Math.abs(sum - m.peak.device) <= 1e-9 * m.peak.device;
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('formulas hold with the reader’s numbers', () => {
  const arb = fc.record({
    tp: fc.constantFrom(...TP_DEGREES),
    sp: fc.boolean(),
    flash: fc.boolean(),
    ckpt: fc.boolean(),
    actoffload: fc.boolean(),
    fusedce: fc.boolean(),
    objective: fc.constantFrom('sft', 'dpo', 'ppo', 'grpo'),
    method: fc.constantFrom('full', 'lora', 'qlora', 'freeze'),
    batch: fc.integer({ min: 1, max: 8 }),
    seq: fc.integer({ min: 1, max: 8192 }),
    gens: fc.integer({ min: 2, max: 16 }),
  });

  test('per-layer activations: the three terms of the formula, with the reader\u2019s numbers, give the bar\u2019s figure', () => {
    fc.assert(
      fc.property(arb, (o) => {
        const s: FtState = { ...base, ...o };
        const m = ok(llama, s);
        const t = Number(o.tp);
        const tokens = m.sequences * o.seq;
        const kb = m.activations.tokenBytes;
        const layer = (tokens * kb.replicated) / (o.sp && t > 1 ? t : 1) + (tokens * kb.split) / t + (tokens * o.seq * llama.numHeads * kb.scorePerKeyHead) / t;
        const v = formulaValues(m, s, llama, 'en').actLayer;
        return Math.abs(layer - m.activations.perLayer) <= 1e-6 * layer && v.mL === formatterFor('en').bytes(m.activations.perLayer);
      }),
      { numRuns: 150 },
    );
  });

  test('the recomputed/working set is one layer with checkpointing, two with activation offload (HF), none otherwise', () => {
    fc.assert(
      fc.property(arb, (o) => {
        const s: FtState = { ...base, ...o };
        const m = ok(llama, s);
        const v = formulaValues(m, s, llama, 'en').actTotal;
        const perLayer = m.activations.perLayer;
        const expected = o.actoffload ? Math.min(m.activations.layers, 2) * perLayer : o.ckpt ? perLayer : 0;
        return v.re === formatterFor('en').bytes(expected);
      }),
      { numRuns: 150 },
    );
  });

  test('the preference formula shows the rollout cache that the bar shows: L · e · 2 B · s · n_seq / t', () => {
    const s: FtState = { ...base, objective: 'grpo', gens: 4, method: 'lora', tp: '2' };
    const m = ok(llama, s);
    const v = formulaValues(m, s, llama, 'en').preference;
    expect([v.L, v.e, v.kvs, v.nseq, v.kvt]).toEqual(['32', '8,192', '2,048', '4', '2']);
    expect(m.bytes.rolloutKvCache).toBe((32 * 8192 * 2 * 2048 * 4) / 2);
  });
});
