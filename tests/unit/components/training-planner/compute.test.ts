/**
 * The training planner's arithmetic as the island shows it (compute.ts over src/lib/training/parallel): the parts add
 * up, time and cost follow from the step, the verdict names what overflows, and every refusal names its field.
 */
import { describe, expect, test } from 'vitest';
import { computeTraining, solveTraining } from '~/components/calculators/training-planner/compute';
import { inputsOf, type TrainingState } from '~/components/calculators/training-planner/state';
import { gridCells, groupOf, MEMORY_KEYS, STEP_KEYS } from '~/components/calculators/training-planner/view';
import { trainingSlots } from '~/components/calculators/training-planner/formulas';
import { trainingEn } from '~/components/calculators/training-planner/strings/en';
import { trainingZh } from '~/components/calculators/training-planner/strings/zh';
import { gpus, models, presetState, presets } from './setup';

const run = (state: TrainingState) => computeTraining(inputsOf(state, models, gpus));
const ok = (state: TrainingState) => {
  const r = run(state);
  if (!r.ok) throw new Error(r.error.detail);
  return r.value;
};
const base = presetState('llama-3.1-70b');

describe('arithmetic', () => {
  test('every preset computes; memory and step parts add up to their totals', () => {
    for (const p of presets) {
      const v = ok(p.state);
      expect(MEMORY_KEYS.reduce((sum, k) => sum + v.perGpu[k], 0)).toBeCloseTo(v.perGpu.total, 0);
      expect(STEP_KEYS.reduce((sum, k) => sum + v.step[k], 0)).toBeCloseTo(v.stepSeconds, 9);
      expect(v.overBytes).toBeCloseTo(v.perGpu.total - v.gpuMemoryBytes, 0);
      expect(v.fits).toBe(v.overBytes <= 0);
    }
  });

  test('time, GPU-hours and cost follow from the step: t = D / (B/T), GPU·h = t·N/3600, cost = GPU·h × price', () => {
    const v = ok({ ...base, tokens: 1000, price: 2.5 });
    const tokensPerStep = base.gbs * base.seq;
    expect(v.tokensPerSecond).toBeCloseTo(tokensPerStep / v.stepSeconds, 6);
    expect(v.trainSeconds).toBeCloseTo(1e12 / v.tokensPerSecond, 3);
    expect(v.gpuHours).toBeCloseTo((v.trainSeconds * base.gpus) / 3600, 3);
    expect(v.cost).toBeCloseTo(v.gpuHours * 2.5, 3);
    expect(ok({ ...base, price: 0 }).cost).toBeNull();
    // Twice the tokens, twice the time: nothing else changes.
    expect(ok({ ...base, tokens: 2000 }).trainSeconds).toBeCloseTo(2 * v.trainSeconds, 3);
  });

  test('MFU is the formula shown: F · (B/T) / (N_GPU · P_bf16)', () => {
    const v = ok(base);
    const h100 = gpus.find((g) => g.id === 'h100-80gb')!;
    expect(v.mfu).toBeCloseTo((v.flopsPerToken.model * v.tokensPerSecond) / (base.gpus * h100.flopsPerSecond.bf16), 9);
    expect(v.hfu).toBeGreaterThanOrEqual(v.mfu);
    // Selective recomputation repeats no matmul; full recomputation repeats the forward pass (HFU > MFU).
    const full = ok({ ...base, ckpt: 'full' });
    expect(full.hfu / full.mfu).toBeGreaterThan(1.2);
  });

  test('ZeRO stages shard what they say over d · c ranks', () => {
    const z0 = ok({ ...base, zero: '0' }).perGpu;
    const z1 = ok({ ...base, zero: '1' }).perGpu;
    const z3 = ok({ ...base, zero: '3' }).perGpu;
    const d = base.gpus / (base.tp * base.pp * base.cp);
    expect(z1.weights).toBeCloseTo(z0.weights, 0);
    expect(z1.optimizer).toBeCloseTo(z0.optimizer / d, 0);
    expect(z3.weights).toBeCloseTo(z0.weights / d, 0);
  });

  test('the bubble is (p − 1)/(m·v) and interleaving shrinks it', () => {
    const v = ok(base);
    const m = base.gbs / (base.gpus / (base.tp * base.pp)) / base.mb;
    expect(v.bubbleFraction).toBeCloseTo((base.pp - 1) / m, 12);
    expect(ok({ ...base, vpp: 2 }).bubbleFraction).toBeCloseTo((base.pp - 1) / (m * 2), 12);
  });

  test('DeepSeek-V3 as published does not fit: the verdict names activations and the excess', () => {
    const v = ok(presetState('deepseek-v3'));
    expect(v.fits).toBe(false);
    expect(v.largest).toBe('activations');
    expect(v.overBytes).toBeGreaterThan(0);
  });

  test('formula slots carry the view’s numbers in the reader’s language', () => {
    const v = ok(base);
    const en = trainingSlots(v, base, 'en');
    const zh = trainingSlots(v, base, 'zh-CN');
    expect(en.p).toBe('4');
    expect(en.Ngpu).toBe('1,024');
    expect(en.mfu).toBe(v.mfu.toFixed(3).replace(/0+$/, ''));
    expect(zh.t).toBe('8');
  });
});

describe('bad input: the field and its reason, translated from tables', () => {
  const cases: [string, Partial<TrainingState>, string, string, RegExp, RegExp][] = [
    ['tp not dividing the heads', { tp: 3, gpus: 1536 }, 'tp', 'not-divisible', /64 attention heads.*3 does not divide 64/, /64 个注意力头/],
    ['GPUs not a multiple of t·p·c', { gpus: 1000 }, 'gpus', 'not-divisible', /1000 GPUs are not a multiple of .* = 32/, /不是.*= 32/],
    ['experts on a dense model', { ep: 2 }, 'ep', 'requires', /mixture-of-experts/, /混合专家/],
    ['FP8 on an A100', { gpu: 'a100-80gb', prec: 'fp8' }, 'prec', 'requires', /FP8 tensor cores/, /FP8 张量核心/],
    ['interleaving without stages', { pp: 1, vpp: 2 }, 'vpp', 'requires', /more than one pipeline stage/, /两个流水线阶段/],
    ['microbatch not splitting the replica’s batch', { mb: 3 }, 'mb', 'not-divisible', /64 sequences per step; microbatches of 3/, /64 条序列/],
  ];
  test.each(cases)('%s', (_name, change, field, reason, en, zh) => {
    const r = run({ ...base, ...change });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.field).toBe(field);
    expect(r.error.reason).toBe(reason);
    expect(trainingEn.problem(r.error)).toMatch(en);
    const chinese = trainingZh.problem(r.error);
    expect(chinese).toMatch(zh);
    // The Chinese message carries no English sentence (only numbers, symbols and product names).
    expect(chinese).not.toMatch(/\b(the|must|does|not|expected)\b/i);
  });
});

describe('find a layout', () => {
  test('lists the fastest fitting layouts, fastest first, each one the planner agrees fits', () => {
    const inputs = inputsOf(base, models, gpus);
    const r = solveTraining(inputs);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const rows = r.value.rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(r.value.fitting).toBeGreaterThanOrEqual(rows.length);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.stepSeconds).toBeGreaterThanOrEqual(rows[i - 1]!.stepSeconds);
    for (const row of rows) {
      const v = ok({ ...base, ...row.patch });
      expect(v.fits).toBe(true);
      expect(v.stepSeconds).toBeCloseTo(row.stepSeconds, 6);
      expect(row.dp * row.patch.tp * row.patch.pp * row.patch.cp).toBe(base.gpus);
    }
    // The current layout is among the evaluated; the best is at least as fast.
    expect(rows[0]!.stepSeconds).toBeLessThanOrEqual(ok(base).stepSeconds * 1.000001);
  });
});

describe('layout picture', () => {
  test('ranks follow Megatron’s order (tp fastest, then cp, dp, pp), one node per row of 8', () => {
    const layout = { tensorParallel: 2, contextParallel: 2, dataParallel: 2, pipelineParallel: 2, expertParallel: 1 };
    const cells = gridCells(layout, 8);
    expect(cells).toHaveLength(16);
    expect(cells[5]).toMatchObject({ rank: 5, tp: 1, cp: 0, dp: 1, pp: 0, node: 0 });
    expect(cells[9]).toMatchObject({ tp: 1, cp: 0, dp: 0, pp: 1, node: 1 });
    // One tensor group = t consecutive ranks share a colour; a data group shares (tp, cp, pp).
    expect(groupOf(cells[0]!, 'tp', layout)).toBe(groupOf(cells[1]!, 'tp', layout));
    expect(groupOf(cells[1]!, 'tp', layout)).not.toBe(groupOf(cells[2]!, 'tp', layout));
    expect(groupOf(cells[0]!, 'dp', layout)).toBe(groupOf(cells[4]!, 'dp', layout));
    expect(gridCells({ ...layout, dataParallel: 1024 }, 8).length).toBe(256);
  });
});
