/**
 * The roofline model in its smallest form, for the serving page's worked example: a kernel that does
 * `flops` operations on `bytes` read from memory cannot finish faster than the slower of the two limits
 * (Williams, Waterman & Patterson 2009, "Roofline", Fig. 1). Decode-step work uses the forward-pass
 * estimate of about 2 FLOPs per parameter per token (Kaplan et al. 2020, §2.1).
 *
 * Deliberately minimal: the full inference-speed model (KV reads per layer, overlaps, efficiency factors)
 * belongs to the serving planner's core, not here.
 */

/** Peak arithmetic rate and memory bandwidth of one accelerator. */
export interface RooflineMachine {
  /** Peak dense operations per second, e.g. 989.5e12 for an H100 SXM in BF16. */
  peakFlopsPerS: number;
  /** Memory bandwidth in bytes per second, e.g. 3.35e12. */
  bandwidthBytesPerS: number;
}

/** Which of the two roofs limits a kernel. */
export type RooflineBound = 'memory' | 'compute';

export interface RooflineTime {
  /** Lower bound on the kernel's time: max(flops / peak, bytes / bandwidth). */
  seconds: number;
  /** Time the arithmetic alone would take at peak. */
  computeSeconds: number;
  /** Time the memory traffic alone would take at full bandwidth. */
  memorySeconds: number;
  /** FLOPs per byte moved. */
  intensity: number;
  bound: RooflineBound;
}

import { OptionError, type OptionReason } from '../errors';

const EXPECTED: Record<string, string> = {
  kvBytes: 'a finite number ≥ 0',
  costRatio: 'a finite number ≥ 0',
  acceptanceRate: 'a number from 0 to 1',
  draftTokens: 'a whole number ≥ 1',
};

/** A field of a roofline input that is not a usable number; `field` names it, `reason` says why. */
export class RooflineInputError extends OptionError {
  override name = 'RooflineInputError';
  constructor(field: string, value: unknown, reason: OptionReason = typeof value === 'number' && Number.isFinite(value) ? 'below-min' : 'not-number') {
    super(field, reason, value, undefined, `expected ${EXPECTED[field] ?? 'a positive finite number'}, got ${String(value)}`);
  }

  /** The value received (kept under its earlier name). */
  get value(): unknown {
    return this.got;
  }
}

function positive(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new RooflineInputError(field, value);
  return value;
}

/**
 * The intensity at which the two roofs meet: below it a kernel is memory-bound, above it compute-bound.
 *
 * @example
 * ridgeIntensity({ peakFlopsPerS: 989.5e12, bandwidthBytesPerS: 3.35e12 }) // => ≈ 295 FLOP/byte
 */
export function ridgeIntensity(machine: RooflineMachine): number {
  return positive('peakFlopsPerS', machine.peakFlopsPerS) / positive('bandwidthBytesPerS', machine.bandwidthBytesPerS);
}

/** Attainable FLOP/s at a given intensity: min(peak, intensity × bandwidth). */
export function attainableFlopsPerS(intensity: number, machine: RooflineMachine): number {
  const peak = positive('peakFlopsPerS', machine.peakFlopsPerS);
  const bandwidth = positive('bandwidthBytesPerS', machine.bandwidthBytesPerS);
  return Math.min(peak, positive('intensity', intensity) * bandwidth);
}

/**
 * Lower bound on the time of a kernel with the given work on the given machine.
 *
 * @example
 * // Llama-2-7B, one decode step at batch 1 in BF16 on an H100 SXM: weights-bound, ≈ 4 ms.
 * rooflineTime(2 * 6.74e9, 2 * 6.74e9, h100).bound // => 'memory'
 */
export function rooflineTime(flops: number, bytes: number, machine: RooflineMachine): RooflineTime {
  const computeSeconds = positive('flops', flops) / positive('peakFlopsPerS', machine.peakFlopsPerS);
  const memorySeconds = positive('bytes', bytes) / positive('bandwidthBytesPerS', machine.bandwidthBytesPerS);
  return {
    seconds: Math.max(computeSeconds, memorySeconds),
    computeSeconds,
    memorySeconds,
    intensity: flops / bytes,
    bound: memorySeconds >= computeSeconds ? 'memory' : 'compute',
  };
}

/** Work of one forward pass over `tokens` tokens that reads every weight once (plus optional KV-cache bytes). */
export interface ForwardWork {
  flops: number;
  bytes: number;
}

/**
 * One forward pass of a dense model over `tokens` tokens (a decode step at batch b has tokens = b; a prefill
 * of a p-token prompt has tokens = p): about 2·N·tokens FLOPs, and the weights read once from memory plus
 * any KV cache the step reads. Attention's own FLOPs are left out, as in Kaplan et al.'s 2N estimate.
 */
export function forwardWork(params: number, tokens: number, weightBytes: number, kvBytes = 0): ForwardWork {
  positive('params', params);
  positive('tokens', tokens);
  positive('weightBytes', weightBytes);
  if (typeof kvBytes !== 'number' || !Number.isFinite(kvBytes) || kvBytes < 0) throw new RooflineInputError('kvBytes', kvBytes);
  return { flops: 2 * params * tokens, bytes: weightBytes + kvBytes };
}

/**
 * Speculative decoding's expected output per call of the large model (Leviathan et al. 2023, §3.1): with a
 * per-token acceptance rate α and γ drafted tokens, (1 − α^{γ+1}) / (1 − α) tokens; γ + 1 when α = 1.
 *
 * @example
 * speculativeTokensPerCall(0.8, 4) // => 3.3616
 */
export function speculativeTokensPerCall(acceptanceRate: number, draftTokens: number): number {
  checkSpeculative(acceptanceRate, draftTokens);
  if (acceptanceRate === 1) return draftTokens + 1;
  return (1 - acceptanceRate ** (draftTokens + 1)) / (1 - acceptanceRate);
}

/**
 * Expected wall-time speedup of speculative decoding over plain decoding (Leviathan et al. 2023, §3, Theorem
 * 3.8): (1 − α^{γ+1}) / ((1 − α)(γc + 1)), where c is the draft model's step time over the large model's.
 */
export function speculativeSpeedup(acceptanceRate: number, draftTokens: number, costRatio: number): number {
  if (typeof costRatio !== 'number' || !Number.isFinite(costRatio) || costRatio < 0) throw new RooflineInputError('costRatio', costRatio);
  return speculativeTokensPerCall(acceptanceRate, draftTokens) / (draftTokens * costRatio + 1);
}

function checkSpeculative(acceptanceRate: number, draftTokens: number): void {
  if (typeof acceptanceRate !== 'number' || !(acceptanceRate >= 0 && acceptanceRate <= 1)) {
    throw new RooflineInputError('acceptanceRate', acceptanceRate, typeof acceptanceRate === 'number' && acceptanceRate > 1 ? 'above-max' : undefined);
  }
  if (!Number.isInteger(draftTokens) || draftTokens < 1)
    throw new RooflineInputError('draftTokens', draftTokens, Number.isFinite(draftTokens) && !Number.isInteger(draftTokens) ? 'not-integer' : undefined);
}
