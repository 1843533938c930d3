/**
 * The arithmetic of preference training, for worked examples: the Bradley–Terry probability a reward model is
 * trained on, DPO's loss for one pair, and GRPO's group-normalized advantages.
 */
import { OptionError } from '../errors';
import { validatorFor } from '../validate';

/** A preference-loss input out of range. */
export class PreferenceLossError extends OptionError {
  override name = 'PreferenceLossError';
}

const check = validatorFor(PreferenceLossError);

/** σ(x), computed without overflow for large |x|. */
export function sigmoid(x: number): number {
  check.number('x', x);
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/**
 * Probability that the chosen answer is preferred under Bradley–Terry with rewards r_c and r_r: σ(r_c − r_r)
 * (Bradley & Terry 1952; the reward-model loss of InstructGPT, Ouyang et al. 2022 §3.5, eq. 1, is −log of it).
 *
 * @example
 * bradleyTerryProbability(1.3, 0.4) // => σ(0.9) ≈ 0.711
 */
export function bradleyTerryProbability(rewardChosen: number, rewardRejected: number): number {
  return sigmoid(check.number('rewardChosen', rewardChosen) - check.number('rewardRejected', rewardRejected));
}

export interface DpoPair {
  /** β, the strength of the implicit KL constraint (TRL's default 0.1). */
  beta: number;
  /** Sequence log-probabilities of the chosen and rejected answers under the policy and the reference. */
  policyChosen: number;
  policyRejected: number;
  referenceChosen: number;
  referenceRejected: number;
}

/**
 * DPO's loss for one pair (Rafailov et al. 2023, eq. 7): −log σ(β·[(log π_c − log π_ref,c) − (log π_r − log π_ref,r)]).
 * Returns the margin (the bracket times β) with it, the implicit reward difference.
 */
export function dpoLoss(pair: DpoPair): { margin: number; loss: number } {
  const beta = check.number('beta', pair.beta, { min: 0 });
  const chosen = check.number('policyChosen', pair.policyChosen) - check.number('referenceChosen', pair.referenceChosen);
  const rejected = check.number('policyRejected', pair.policyRejected) - check.number('referenceRejected', pair.referenceRejected);
  const margin = beta * (chosen - rejected);
  // −log σ(m) = log(1 + e^{−m}), written to stay finite for large |m|.
  const loss = margin >= 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
  return { margin, loss };
}

/**
 * GRPO's advantages for one group of rewards (Shao et al. 2024, DeepSeekMath §4.1.2, outcome supervision):
 * (r_i − mean(r)) / std(r), the standard deviation with n − 1 as TRL's `grpo_trainer` takes it (torch's default).
 * A group whose rewards are all equal carries no signal: every advantage is 0.
 *
 * @example
 * grpoAdvantages([1, 0, 0, 1]) // => [0.866…, −0.866…, −0.866…, 0.866…]
 */
export function grpoAdvantages(rewards: readonly number[]): number[] {
  if (!Array.isArray(rewards) || rewards.length < 2) throw new PreferenceLossError('rewards', 'below-min', rewards?.length, 2);
  rewards.forEach((r, i) => check.number(`rewards[${i}]`, r));
  const mean = rewards.reduce((a, b) => a + b, 0) / rewards.length;
  const variance = rewards.reduce((a, r) => a + (r - mean) ** 2, 0) / (rewards.length - 1);
  const std = Math.sqrt(variance);
  return rewards.map((r) => (std === 0 ? 0 : (r - mean) / std));
}
