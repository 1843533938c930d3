/**
 * Learning-rate schedules for worked examples: the cosine decay that re-warmed continued pretraining uses
 * (Ibrahim et al. 2024, "Simple and Scalable Strategies to Continually Pre-train Large Language Models", §4).
 */
import { OptionError } from '../errors';
import { validatorFor } from '../validate';

/** A schedule input out of range. */
export class ScheduleError extends OptionError {
  override name = 'ScheduleError';
}

const check = validatorFor(ScheduleError);

/**
 * η_t = η_min + ½(η_max − η_min)(1 + cos(π t / T)) for 0 ≤ t ≤ T (after any warm-up).
 *
 * @example
 * cosineLearningRate({ step: 500, steps: 1000, max: 3e-4, min: 3e-5 }) // => 1.65e-4 (halfway)
 */
export function cosineLearningRate(options: { step: number; steps: number; max: number; min: number }): number {
  const steps = check.number('steps', options.steps, { min: Number.MIN_VALUE });
  const step = check.number('step', options.step, { min: 0, max: steps });
  const max = check.number('max', options.max, { min: 0 });
  const min = check.number('min', options.min, { min: 0, max });
  return min + 0.5 * (max - min) * (1 + Math.cos((Math.PI * step) / steps));
}
