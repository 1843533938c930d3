/**
 * Preference training after SFT: which models sit on the GPU and how many sequences each step runs, following TRL's
 * trainers (github.com/huggingface/trl at f2cd57710ae345ea6428ae95363267fcf38a3dc8, 2026-07-24):
 *
 * - DPO (`trl/trainer/dpo_trainer.py`, "Reference model"): a frozen reference model, except when the model is a PEFT
 *   model ("the adapter can be disabled to revert to the initial model") or `precompute_ref_log_probs=True`
 *   (`dpo_config.py`: "the reference model does not need to be kept in memory"). Chosen and rejected completions run
 *   through the policy together, so each step has 2·b sequences.
 * - PPO (`trl/experimental/ppo/ppo_trainer.py`): a policy (actor) and a value model (critic), both trained, a frozen
 *   reward model, and a reference policy (`ref_model = None` for PEFT models, again the base with adapters off); it
 *   generates the responses it trains on, so a rollout KV cache lives on the GPU too.
 * - GRPO (`trl/trainer/grpo_trainer.py`, `grpo_config.py`): the policy samples `num_generations` completions per prompt
 *   (default 8) and trains on all of them; the reference model is loaded only when `beta` ≠ 0 (TRL's default is
 *   `beta = 0.0`: "the reference model is not loaded") and is again the base with adapters off under PEFT.
 */

/** What is trained on: supervised fine-tuning or one of TRL's preference trainers. */
export type TrainingObjective = 'sft' | 'dpo' | 'ppo' | 'grpo';
export const TRAINING_OBJECTIVES: readonly TrainingObjective[] = ['sft', 'dpo', 'ppo', 'grpo'];

/**
 * Where the reference log-probabilities come from. 'model': a frozen copy on the GPU (none extra for LoRA/QLoRA, the
 * base with adapters off). 'precomputed': computed before training (DPO's `precompute_ref_log_probs`). 'none': no KL
 * term (GRPO with `beta = 0`, TRL's default).
 */
export type ReferenceSource = 'model' | 'precomputed' | 'none';
export const REFERENCE_SOURCES: readonly ReferenceSource[] = ['model', 'precomputed', 'none'];

export interface PreferenceOptions {
  /** Default 'model'. */
  reference?: ReferenceSource;
  /** GRPO completions per prompt (TRL `num_generations`). Default 8. */
  numGenerations?: number;
}

/** TRL's `GRPOConfig.num_generations` default. */
export const DEFAULT_NUM_GENERATIONS = 8;

/**
 * Sequences the policy runs forward and backward per step for `batch` examples: DPO concatenates chosen and rejected
 * (2·b), GRPO trains on every sampled completion (b·G), SFT and PPO on one sequence per example.
 */
export function sequencesPerStep(objective: TrainingObjective, batch: number, numGenerations: number): number {
  if (objective === 'dpo') return 2 * batch;
  if (objective === 'grpo') return batch * numGenerations;
  return batch;
}

/** Whether the objective generates its own samples (PPO rollouts, GRPO groups) and so holds a KV cache. */
export function generatesRollouts(objective: TrainingObjective): boolean {
  return objective === 'ppo' || objective === 'grpo';
}
