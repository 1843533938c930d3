/**
 * The reverse solver: memory grows with batch and sequence length, so a binary search (`largestFitting`) finds the
 * largest that fits. The model states are computed once; the search re-evaluates only what depends on batch and
 * sequence, and fits `peak.device` (what nvidia-smi would show) into the capacity.
 */
import { largestFitting } from '../../largest-fitting';
import type { ModelSpec } from '../../model/model-spec';
import { MAX_SOLVER_BATCH, MAX_SOLVER_SEQ, type Resolved } from './options';
import type { MethodShape } from './methods';
import { activationTerms } from './activations';
import { peakOf, type PeakInputs } from './peaks';

/** Largest batch (at the chosen sequence length) and longest sequence (at the chosen batch) that fit in `capacityBytes` per GPU. */
export interface LargestFit {
  /** null when not even one sequence fits. */
  maxBatchSize: number | null;
  maxSeqLen: number | null;
  /**
   * Why nothing fits, when nothing does: 'states' when the model states, frozen copies and CUDA context alone exceed
   * the capacity; 'activations' when they fit but one sequence's activations at this length (or one token) do not.
   * null when something fits.
   */
  cause: 'states' | 'activations' | null;
  /** Bytes that do not depend on batch or sequence length: the peak with no activations (states, frozen copies,
   * context, and the gradients and optimizer-step buffer where they are alive). */
  fixedBytes: number;
}

export function solve(
  spec: ModelSpec,
  r: Resolved,
  m: MethodShape,
  fixed: Omit<PeakInputs, 'activations' | 'logitsReserve'>,
  capacityBytes: number,
): LargestFit {
  const peakAt = (batch: number, seq: number) => {
    const a = activationTerms(spec, r, m, batch, seq);
    return peakOf(r, { ...fixed, activations: a.total + a.critic + a.kvCache, logitsReserve: a.logitsReserve }).device;
  };
  const fits = (batch: number, seq: number) => peakAt(batch, seq) <= capacityBytes;
  const maxBatchSize = largestFitting((n) => fits(n, r.seq), MAX_SOLVER_BATCH);
  const maxSeqLen = largestFitting((n) => fits(r.batch, n), MAX_SOLVER_SEQ);
  // The floor is the peak with no activations at all: the states and context, plus whatever the optimizer step or a
  // dequantization keeps alive (gradients, AdamW's step buffer). A run whose peak is at the optimizer step is not
  // fixed by a shorter sequence, so that floor, not the states alone, decides between 'states' and 'activations'.
  const fixedBytes = peakOf(r, { ...fixed, activations: 0, logitsReserve: 0 }).device;
  const cause = maxBatchSize !== null && maxSeqLen !== null ? null : fixedBytes > capacityBytes ? 'states' : 'activations';
  return { maxBatchSize, maxSeqLen, cause, fixedBytes };
}
