/**
 * Learning rate over pretraining and then continued pretraining, in the shape Ibrahim et al. 2024 recommend:
 * linear warmup to η_max and cosine decay to η_min, then, on the new data, the same again (re-warming and
 * re-decaying). η is returned relative to η_max.
 */
export interface Phase {
  /** Steps in this phase. */
  steps: number;
  /** Warmup steps at the start of the phase. */
  warmup: number;
}

/** Linear warmup from η_min to 1 (η_max), then cosine decay to η_min: η_min + ½(1 − η_min)(1 + cos(π·t/T)). */
export function warmupCosine(step: number, phase: Phase, etaMin: number): number {
  if (step < phase.warmup) return etaMin + ((1 - etaMin) * step) / phase.warmup;
  const t = (step - phase.warmup) / (phase.steps - phase.warmup);
  return etaMin + 0.5 * (1 - etaMin) * (1 + Math.cos(Math.PI * Math.min(1, t)));
}

/** η/η_max at a global step across consecutive phases (pretraining, then continued pretraining). */
export function continualSchedule(step: number, phases: readonly Phase[], etaMin: number): number {
  let start = 0;
  for (const phase of phases) {
    if (step < start + phase.steps) return warmupCosine(step - start, phase, etaMin);
    start += phase.steps;
  }
  return etaMin;
}
