/**
 * Mixture-of-experts arithmetic the MoE chapter shows: how many experts a batch touches, which sets
 * how many weights a decode step has to read even though each token uses only k of them.
 */
import type { ModelSpec } from './model-spec';

/**
 * Expected number of distinct experts (of `numExperts`) that `tokens` tokens touch in one layer when
 * each picks `expertsPerToken` of them, under uniform and independent routing: E·(1 − (1 − k/E)^B).
 * Real routers are not uniform, so treat it as the balanced case a load-balancing loss aims for.
 *
 * @example
 * expectedExpertsTouched(8, 2, 1) // => 2
 * expectedExpertsTouched(8, 2, 16) // => 7.92… (Mixtral: 16 tokens read almost every expert)
 */
export function expectedExpertsTouched(numExperts: number, expertsPerToken: number, tokens: number): number {
  if (!Number.isInteger(numExperts) || numExperts < 1) throw new RangeError(`numExperts: expected a whole number ≥ 1, got ${numExperts}`);
  if (!Number.isInteger(expertsPerToken) || expertsPerToken < 1 || expertsPerToken > numExperts) {
    throw new RangeError(`expertsPerToken: expected a whole number from 1 to ${numExperts}, got ${expertsPerToken}`);
  }
  if (!Number.isInteger(tokens) || tokens < 0) throw new RangeError(`tokens: expected a whole number ≥ 0, got ${tokens}`);
  return numExperts * (1 - (1 - expertsPerToken / numExperts) ** tokens);
}

/**
 * Parameters of one routed expert: a gated MLP's three matrices, 3·hidden·expert_intermediate.
 *
 * @example
 * expertParams(mixtral8x7b) // => 176160768 (3 · 4096 · 14336)
 */
export function expertParams(spec: ModelSpec): number {
  if (!spec.moe) throw new RangeError('spec.moe: expected a mixture-of-experts model');
  const matrices = spec.mlp === 'gated' ? 3 : 2;
  return matrices * spec.hiddenSize * spec.moe.expertIntermediateSize;
}

/** Layers whose MLP is a mixture of experts (DeepSeek keeps its first `first_k_dense_replace` dense). */
export function moeLayerCount(spec: ModelSpec): number {
  if (!spec.moe) return 0;
  return spec.numLayers - spec.moe.denseLayers;
}
