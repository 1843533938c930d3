/**
 * How GRPO and its variants weigh one group of sampled answers, for the reasoning-models page: the advantage of each
 * answer (DeepSeekMath §4.1: reward minus the group mean, divided by the group's standard deviation; Dr. GRPO drops
 * the division) and the weight each token of each answer gets in the loss (TRL's `loss_type`, grpo_config.py:
 * "grpo" divides by the answer's own length, "dapo" by the number of tokens in the whole batch, "dr_grpo" by a
 * global constant, `max_completion_length`). Pure functions, no DOM.
 */

/** Standard deviation: n−1 divisor when `unbiased` (torch.std's default, which TRL uses), n otherwise; DeepSeekMath does not say which. */
function std(xs: readonly number[], unbiased: boolean): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const ss = xs.reduce((a, x) => a + (x - mean) ** 2, 0);
  return Math.sqrt(ss / (unbiased ? xs.length - 1 : xs.length));
}

export type RewardScaling = 'group' | 'none';

/**
 * Group-relative advantages: r_i − mean(r), divided by std(r) when `scale` is 'group' (GRPO, DAPO) and not when
 * 'none' (Dr. GRPO). A group whose rewards are all equal has zero advantage everywhere (no learning signal: DAPO's
 * dynamic sampling drops such groups). `unbiased` picks the n−1 divisor, as torch.std does by default.
 */
export function groupAdvantages(rewards: readonly number[], scale: RewardScaling, unbiased = true): number[] {
  if (rewards.length < 2) throw new RangeError('groupAdvantages: a group needs at least two answers');
  const mean = rewards.reduce((a, b) => a + b, 0) / rewards.length;
  const centered = rewards.map((r) => r - mean);
  if (scale === 'none') return centered;
  const s = std(rewards, unbiased);
  return s === 0 ? centered.map(() => 0) : centered.map((c) => c / s);
}

export type LossAggregation = 'grpo' | 'dapo' | 'dr_grpo';

/**
 * The weight of one token of answer i in the loss of one group (one prompt, one batch): 'grpo' averages each
 * answer over its own length and then over the G answers, 1/(G·|o_i|); 'dapo' averages over every token of the
 * group, 1/Σ|o_j|; 'dr_grpo' divides by G times a constant, the maximum completion length.
 */
export function tokenWeights(lengths: readonly number[], aggregation: LossAggregation, maxLength = Math.max(...lengths)): number[] {
  if (lengths.length === 0 || lengths.some((l) => !(Number.isInteger(l) && l > 0)))
    throw new RangeError('tokenWeights: lengths must be positive whole numbers');
  const g = lengths.length;
  if (aggregation === 'grpo') return lengths.map((l) => 1 / (g * l));
  if (aggregation === 'dapo') {
    const total = lengths.reduce((a, b) => a + b, 0);
    return lengths.map(() => 1 / total);
  }
  return lengths.map(() => 1 / (g * maxLength));
}

/** Advantage of a correct answer in a group of binary rewards where a fraction `solved` is correct: √((1−p)/p) with the population std. */
export function correctAnswerAdvantage(groupSize: number, correct: number): number {
  const rewards = Array.from({ length: groupSize }, (_, i) => (i < correct ? 1 : 0));
  return groupAdvantages(rewards, 'group', false)[0]!;
}
