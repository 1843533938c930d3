/**
 * Mixture-of-experts arithmetic the MoE chapter shows: how many experts a batch touches, which sets
 * how many weights a decode step has to read even though each token uses only k of them.
 */
import { isMoeLayer, type ModelSpec } from './model-spec';
import { OptionError } from '../errors';
import { check } from '../validate';

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
  check.integer('numExperts', numExperts, { min: 1 });
  check.integer('expertsPerToken', expertsPerToken, { min: 1, max: numExperts });
  check.integer('tokens', tokens, { min: 0 });
  return numExperts * (1 - (1 - expertsPerToken / numExperts) ** tokens);
}

/**
 * Parameters of one routed expert: a gated MLP's three matrices, 3·hidden·expert_intermediate.
 *
 * @example
 * expertParams(mixtral8x7b) // => 176160768 (3 · 4096 · 14336)
 */
export function expertParams(spec: ModelSpec): number {
  if (!spec.moe) throw new OptionError('spec.moe', 'missing', undefined, undefined, 'expected a mixture-of-experts model');
  const matrices = spec.mlp === 'gated' ? 3 : 2;
  return matrices * spec.hiddenSize * spec.moe.expertIntermediateSize;
}

/** Layers whose MLP is a mixture of experts (DeepSeek keeps its first `first_k_dense_replace` dense). */
export function moeLayerCount(spec: ModelSpec): number {
  if (!spec.moe) return 0;
  let layers = 0;
  for (let layer = 0; layer < spec.numLayers; layer++) if (isMoeLayer(spec, layer)) layers++;
  return layers;
}
