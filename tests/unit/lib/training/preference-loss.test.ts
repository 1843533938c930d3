import { expect, test } from 'vitest';
import fc from 'fast-check';
import { bradleyTerryProbability, dpoLoss, grpoAdvantages, PreferenceLossError, sigmoid } from '~/lib/training/preference-loss';

test('Bradley–Terry: equal rewards are a coin flip; a one-point lead is σ(1)', () => {
  expect(bradleyTerryProbability(2, 2)).toBe(0.5);
  expect(bradleyTerryProbability(1.3, 0.3)).toBeCloseTo(1 / (1 + Math.exp(-1)), 15);
});

test('sigmoid stays finite and in [0, 1] for huge inputs', () => {
  expect(sigmoid(1000)).toBe(1);
  expect(sigmoid(-1000)).toBe(0);
  fc.assert(
    fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
      expect(sigmoid(x) + sigmoid(-x)).toBeCloseTo(1, 12);
    }),
  );
});

test('DPO: a pair the policy already prefers more than the reference has loss below log 2', () => {
  const r = dpoLoss({ beta: 0.1, policyChosen: -10, policyRejected: -14, referenceChosen: -11, referenceRejected: -12 });
  // (−10 + 11) − (−14 + 12) = 3, times β.
  expect(r.margin).toBeCloseTo(0.3, 12);
  expect(r.loss).toBeCloseTo(Math.log(1 + Math.exp(-0.3)), 12);
  expect(r.loss).toBeLessThan(Math.log(2));
});

test('DPO: the loss is finite for margins far beyond exp’s range', () => {
  expect(dpoLoss({ beta: 1, policyChosen: 0, policyRejected: 2000, referenceChosen: 0, referenceRejected: 0 }).loss).toBeCloseTo(2000, 9);
});

test('GRPO: advantages are zero-mean, unit sample std, and all zero when every reward is equal', () => {
  const a = grpoAdvantages([1, 0, 0, 1, 1, 0, 0, 0]);
  expect(a.reduce((s, x) => s + x, 0)).toBeCloseTo(0, 12);
  const std = Math.sqrt(a.reduce((s, x) => s + x * x, 0) / (a.length - 1));
  expect(std).toBeCloseTo(1, 12);
  expect(grpoAdvantages([1, 1, 1])).toEqual([0, 0, 0]);
});

test('bad input is a typed error naming the field', () => {
  expect(() => grpoAdvantages([1])).toThrow(PreferenceLossError);
  expect(() => grpoAdvantages([1, Number.NaN])).toThrow(/rewards\[1\]/);
  expect(() => dpoLoss({ beta: -1, policyChosen: 0, policyRejected: 0, referenceChosen: 0, referenceRejected: 0 })).toThrow(/beta/);
});
