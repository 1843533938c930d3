import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { levelSetRadii, penalizedOptimum, quadraticLoss } from '~/components/figures/forgetting/ewc';
import { continualSchedule, warmupCosine } from '~/components/figures/knowledge-injection/lr-schedule';

describe('EWC picture (Kirkpatrick et al. 2017, Fig. 1)', () => {
  const thetaA = { x: 0, y: 0 };
  const thetaB = { x: 4, y: 3 };
  const fisher = { x: 0.1, y: 4 }; // task A flat along x, stiff along y

  test("EWC keeps task A's loss lower than L2 does, at a similar cost to task B", () => {
    const ewc = penalizedOptimum(thetaA, thetaB, fisher, 1);
    const l2 = penalizedOptimum(thetaA, thetaB, { x: 1, y: 1 }, 1);
    expect(quadraticLoss(ewc, thetaA, fisher)).toBeLessThan(quadraticLoss(l2, thetaA, fisher));
    // Along the flat axis EWC barely holds back: it moves most of the way to θ*_B.
    expect(ewc.x).toBeGreaterThan(l2.x);
    expect(ewc.y).toBeLessThan(l2.y);
  });

  test('λ = 0 is training on B alone; a huge λ stays at θ*_A', () => {
    expect(penalizedOptimum(thetaA, thetaB, fisher, 0)).toEqual(thetaB);
    const stuck = penalizedOptimum(thetaA, thetaB, fisher, 1e9);
    expect(stuck.x).toBeCloseTo(0, 6);
    expect(stuck.y).toBeCloseTo(0, 6);
  });

  test('a point on a level-set ellipse has exactly that loss', () => {
    const r = levelSetRadii(2, fisher);
    expect(quadraticLoss({ x: r.x, y: 0 }, thetaA, fisher)).toBeCloseTo(2, 12);
    expect(quadraticLoss({ x: 0, y: r.y }, thetaA, fisher)).toBeCloseTo(2, 12);
  });
});

describe('continued-pretraining learning rate (Ibrahim et al. 2024)', () => {
  const phase = { steps: 100, warmup: 10 };

  test('warms up linearly to η_max, then decays by cosine to η_min', () => {
    expect(warmupCosine(0, phase, 0.1)).toBeCloseTo(0.1, 12);
    expect(warmupCosine(5, phase, 0.1)).toBeCloseTo(0.55, 12);
    expect(warmupCosine(10, phase, 0.1)).toBeCloseTo(1, 12);
    expect(warmupCosine(55, phase, 0.1)).toBeCloseTo(0.55, 12);
    expect(warmupCosine(100, phase, 0.1)).toBeCloseTo(0.1, 12);
  });

  test('re-warms at the start of the second phase', () => {
    const phases = [phase, phase];
    expect(continualSchedule(99, phases, 0.1)).toBeLessThan(0.11);
    expect(continualSchedule(110, phases, 0.1)).toBeCloseTo(1, 12);
  });

  test('stays within [η_min, η_max]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 250 }), (s) => {
        const eta = continualSchedule(s, [phase, phase], 0.1);
        return eta >= 0.1 - 1e-12 && eta <= 1 + 1e-12;
      }),
    );
  });
});

import { ivfSearch, probedCells } from '~/components/figures/sparse-dense-vectors/ivf';

describe('IVF picture', () => {
  const centroids = [
    { x: 0, y: 0 },
    { x: 10, y: 0 },
    { x: 0, y: 10 },
  ];
  const points = [
    { x: 1, y: 1 },
    { x: 9, y: 1 },
    { x: 1, y: 9 },
    { x: 4.9, y: 0 },
  ];

  test('a query probes the nearest cells and scans only their vectors', () => {
    expect(probedCells({ x: 6, y: 1 }, centroids, 1)).toEqual([1]);
    const r = ivfSearch({ x: 6, y: 1 }, points, centroids, 1);
    expect(r.cells).toEqual([0, 1, 2, 0]);
    expect(r.scanned).toBe(1);
    // The exact neighbour (4.9, 0) sits in cell 0, which was not probed: IVF is approximate.
    expect(r.exact).toBe(3);
    expect(r.found).toBe(1);
    expect(ivfSearch({ x: 6, y: 1 }, points, centroids, 2).found).toBe(3);
  });
});

import { alphaForLossB, EWC_TOY, interpolate } from '~/components/figures/forgetting/ewc';

describe('WiSE-FT interpolation on the EWC toy', () => {
  const { thetaA, thetaB, fisherA, fisherB, lambda } = EWC_TOY;

  test('α = 0 is the base model, α = 1 the fine-tuned one', () => {
    expect(interpolate(thetaA, thetaB, 0)).toEqual(thetaA);
    expect(interpolate(thetaA, thetaB, 1)).toEqual(thetaB);
  });

  test('along the straight path task A loss is 20α² and task B loss 12.5(1 − α)² (worked by hand)', () => {
    for (const a of [0, 0.25, 0.5, 1]) {
      const p = interpolate(thetaA, thetaB, a);
      expect(quadraticLoss(p, thetaA, fisherA)).toBeCloseTo(20 * a * a, 12);
      expect(quadraticLoss(p, thetaB, fisherB)).toBeCloseTo(12.5 * (1 - a) ** 2, 12);
    }
  });

  test('at the task-B loss EWC reaches, interpolation pays about three times the task-A loss', () => {
    const ewc = penalizedOptimum(thetaA, thetaB, fisherA, lambda);
    const lossB = quadraticLoss(ewc, thetaB, fisherB);
    const alpha = alphaForLossB(thetaA, thetaB, fisherB, lossB);
    expect(quadraticLoss(interpolate(thetaA, thetaB, alpha), thetaB, fisherB)).toBeCloseTo(lossB, 9);
    expect(alpha).toBeCloseTo(1 - Math.sqrt(lossB / 12.5), 9);
    const viaPath = quadraticLoss(interpolate(thetaA, thetaB, alpha), thetaA, fisherA);
    const viaEwc = quadraticLoss(ewc, thetaA, fisherA);
    expect(viaEwc).toBeCloseTo(10 / 9, 9);
    expect(viaPath / viaEwc).toBeGreaterThan(2.5);
  });
});
