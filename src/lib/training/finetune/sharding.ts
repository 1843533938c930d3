/** ZeRO sharding and the largest module DeepSpeed gathers. */
import type { ModelSpec } from '../../model/model-spec';
import { layerLinearShapes } from '../../model/linear-shapes';

/** Per-GPU share of model states under ZeRO (Rajbhandari et al. 2020, §5, Fig. 1): stage 1 shards the optimizer, 2 also gradients, 3 also weights. */
export function zeroShard(
  states: { weights: number; gradients: number; optimizer: number },
  stage: 0 | 1 | 2 | 3,
  gpus: number,
): { weights: number; gradients: number; optimizer: number } {
  return {
    optimizer: stage >= 1 ? states.optimizer / gpus : states.optimizer,
    gradients: stage >= 2 ? states.gradients / gpus : states.gradients,
    weights: stage >= 3 ? states.weights / gpus : states.weights,
  };
}

/**
 * The largest single module of a model built from `spec`, as DeepSpeed's `model_to_params` finds it (parameters of
 * one module, not recursing): the token embedding V·h (the LM head has the same size) or the largest projection
 * matrix of any layer; each MoE expert is its own module.
 */
export function largestLayerParams(spec: ModelSpec): number {
  let largest = spec.vocabSize * spec.hiddenSize;
  for (let layer = 0; layer < spec.numLayers; layer++) for (const s of layerLinearShapes(spec, layer)) largest = Math.max(largest, s.dIn * s.dOut);
  return largest;
}

/** The largest projection matrix of any layer: the dequantization buffer of a 4-bit or 8-bit matmul. */
export function largestLinearParams(spec: ModelSpec): number {
  let largest = 0;
  for (let layer = 0; layer < spec.numLayers; layer++) for (const s of layerLinearShapes(spec, layer)) largest = Math.max(largest, s.dIn * s.dOut);
  return largest;
}
