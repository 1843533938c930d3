/**
 * The two-parameter picture of Kirkpatrick et al. 2017 (Fig. 1): task A's loss is a quadratic bowl around θ*_A,
 * stiff along one axis (large Fisher information) and flat along the other; task B's loss is a round bowl around
 * θ*_B. Training on B alone walks to θ*_B; an L2 penalty pulls equally in every direction; EWC pulls along the
 * stiff axis only, so it lands where B is good and A is still good.
 */
export interface Point2 {
  x: number;
  y: number;
}

/** Minimizer of ½|θ − θB|² + (λ/2)·Σ_i F_i (θ_i − θA_i)², coordinate by coordinate (both losses are diagonal). */
export function penalizedOptimum(thetaA: Point2, thetaB: Point2, fisher: Point2, lambda: number): Point2 {
  const coord = (a: number, b: number, f: number) => (b + lambda * f * a) / (1 + lambda * f);
  return { x: coord(thetaA.x, thetaB.x, fisher.x), y: coord(thetaA.y, thetaB.y, fisher.y) };
}

/** Task A's loss ½·Σ F_i (θ_i − θA_i)² at a point. */
export function quadraticLoss(theta: Point2, center: Point2, fisher: Point2): number {
  return 0.5 * (fisher.x * (theta.x - center.x) ** 2 + fisher.y * (theta.y - center.y) ** 2);
}

/** Semi-axes of the level set {L = level} of ½·Σ F_i (θ_i − c_i)²: √(2·level / F_i). */
export function levelSetRadii(level: number, fisher: Point2): Point2 {
  return { x: Math.sqrt((2 * level) / fisher.x), y: Math.sqrt((2 * level) / fisher.y) };
}

/** The two-parameter toy both forgetting figures draw: task A flat along θ₁ and stiff along θ₂, task B a round bowl. */
export const EWC_TOY = {
  thetaA: { x: 0, y: 0 },
  thetaB: { x: 4, y: 3 },
  fisherA: { x: 0.25, y: 4 },
  fisherB: { x: 1, y: 1 },
  lambda: 2,
} as const;

/** WiSE-FT's weight interpolation θ_α = (1 − α)·θ_base + α·θ_ft (Wortsman et al. 2022), coordinate by coordinate. */
export function interpolate(base: Point2, finetuned: Point2, alpha: number): Point2 {
  return { x: (1 - alpha) * base.x + alpha * finetuned.x, y: (1 - alpha) * base.y + alpha * finetuned.y };
}

/**
 * The α at which the interpolation path reaches a given task-B loss, by bisection (task B's loss falls monotonically
 * from θ_base to θ_ft, its minimum). Used to compare interpolation and EWC at equal loss on the new task.
 */
export function alphaForLossB(base: Point2, finetuned: Point2, fisherB: Point2, target: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (quadraticLoss(interpolate(base, finetuned, mid), finetuned, fisherB) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
