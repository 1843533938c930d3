/**
 * One strategy per fine-tuning method: which parameters train, which of them are matrices (Adafactor factors
 * matrices), which layers keep activations for the backward pass, and which linear layers receive gradients or
 * adapters (what decides which layer inputs are kept, activations.ts).
 */
import { isMoeLayer, type ModelSpec } from '../../model/model-spec';
import { layerLinearShapes, type LinearShape } from '../../model/linear-shapes';
import type { LoraTarget } from '../../model/lora-targets';
import { FineTuneOptionError, type FineTuneMethod, type Resolved } from './options';

export interface MethodShape {
  /** Parameters that receive gradients. */
  trainable: number;
  /** Adapter or prompt parameters that are not part of the model. */
  added: number;
  /** Trainable matrices (rows × cols × count), for Adafactor's factored second moment. */
  matrices: { rows: number; cols: number; count: number }[];
  /** Layers whose activations are kept for the backward pass (all, or the trainable top layers for freeze). */
  layersWithActivations: number;
  /** P-tuning v2 prompt length (extra keys per layer); 0 otherwise. */
  prefixLength: number;
  /** Linear projections whose weights train (full, freeze) or carry an adapter (LoRA), by target. */
  trainsLinear: (target: LoraTarget | null) => boolean;
  /** Whether the norms' weights train (their input must then be kept in the working dtype too). */
  trainsNorms: boolean;
}

function shapeParams(s: LinearShape): number {
  return s.dIn * s.dOut * s.count;
}

/** Parameters in the linear projections of all layers: what QLoRA stores in NF4 (embeddings, head and norms stay 16-bit). */
export function linearLayerParams(spec: ModelSpec): number {
  let sum = 0;
  for (let layer = 0; layer < spec.numLayers; layer++) for (const s of layerLinearShapes(spec, layer)) sum += shapeParams(s);
  return sum;
}

/**
 * LoRA trainable parameters: Σ r·(d_in + d_out) over the targeted matrices of every layer (Hu et al. 2021, §4.1:
 * A is r×d_in, B is d_out×r). GPT-3 175B, r = 4 on W_q and W_v: 96·2·4·(12288 + 12288) = 18,874,368.
 */
export function loraParams(spec: ModelSpec, lora: { rank: number; targets: readonly LoraTarget[] }): number {
  let sum = 0;
  for (let layer = 0; layer < spec.numLayers; layer++) {
    for (const s of layerLinearShapes(spec, layer)) {
      if (s.target && lora.targets.includes(s.target)) sum += lora.rank * (s.dIn + s.dOut) * s.count;
    }
  }
  return sum;
}

/**
 * P-tuning v2 trainable parameters (Liu et al. 2022, §3.2: a prompt at every layer, stored as its key and value).
 * Without reparameterization: L·2·p·(n_kv·d_h). With it, the prompts come from an embedding p×h, a linear h×h with
 * bias, tanh, and a linear h×(2·L·n_kv·d_h) with bias (ChatGLM's PrefixEncoder).
 */
export function prefixTuningParams(spec: ModelSpec, prefixLength: number, projection: boolean): number {
  const kvOut = 2 * spec.numLayers * spec.numKvHeads * spec.headDim;
  if (!projection) return prefixLength * kvOut;
  const h = spec.hiddenSize;
  return prefixLength * h + (h * h + h) + (h * kvOut + kvOut);
}

/** Parameters of one layer outside its linear matrices: norms and biases (and the MoE router). */
export function layerExtraParams(spec: ModelSpec, layer: number): number {
  const h = spec.hiddenSize;
  const norm = spec.norm === 'layernorm' ? 2 * h : h;
  let extra = (spec.normsPerLayer ?? 2) * norm;
  const qWidth = spec.numHeads * spec.headDim;
  const kvWidth = spec.numKvHeads * spec.headDim;
  if (spec.bias.qkv) extra += qWidth + 2 * kvWidth;
  if (spec.bias.o) extra += h;
  const moe = isMoeLayer(spec, layer) ? spec.moe : undefined;
  if (moe) extra += h * moe.numExperts + (moe.routerBias ? moe.numExperts : 0);
  if (spec.mla) extra += spec.mla.kvLoraRank + (spec.mla.qLoraRank ?? 0);
  if (spec.bias.mlp) {
    const width = moe ? moe.expertIntermediateSize : spec.intermediateSize;
    const copies = moe ? moe.numExperts + moe.sharedExperts : 1;
    extra += copies * ((spec.mlp === 'gated' ? 2 : 1) * width + h);
  }
  return extra;
}

function full(spec: ModelSpec, totalParams: number): MethodShape {
  const matrices: MethodShape['matrices'] = [];
  for (let layer = 0; layer < spec.numLayers; layer++)
    for (const s of layerLinearShapes(spec, layer)) matrices.push({ rows: s.dOut, cols: s.dIn, count: s.count });
  matrices.push({ rows: spec.vocabSize, cols: spec.hiddenSize, count: spec.tiedEmbeddings ? 1 : 2 });
  return { trainable: totalParams, added: 0, matrices, layersWithActivations: spec.numLayers, prefixLength: 0, trainsLinear: () => true, trainsNorms: true };
}

function freeze(spec: ModelSpec, r: Resolved): MethodShape {
  const L = spec.numLayers;
  const k = r.trainableLayers;
  let trainable = 0;
  const matrices: MethodShape['matrices'] = [];
  for (let layer = L - k; layer < L; layer++) {
    for (const s of layerLinearShapes(spec, layer)) {
      trainable += shapeParams(s);
      matrices.push({ rows: s.dOut, cols: s.dIn, count: s.count });
    }
    // LLaMA-Factory's freeze sets requires_grad on every parameter of the chosen layers, norms and biases too.
    if (r.freezeScope === 'layers') trainable += layerExtraParams(spec, layer);
  }
  // Layers below the trainable ones run without gradients and keep no activations.
  return { trainable, added: 0, matrices, layersWithActivations: k, prefixLength: 0, trainsLinear: () => true, trainsNorms: r.freezeScope === 'layers' };
}

function lora(spec: ModelSpec, r: Resolved): MethodShape {
  const { rank, targets } = r.lora;
  const added = loraParams(spec, r.lora);
  if (added === 0)
    throw new FineTuneOptionError('lora.targets', 'unsupported', targets, 'a matrix this model has', 'this model has none of the chosen matrices');
  const matrices: MethodShape['matrices'] = [];
  for (let layer = 0; layer < spec.numLayers; layer++) {
    for (const s of layerLinearShapes(spec, layer)) {
      if (s.target && targets.includes(s.target)) matrices.push({ rows: rank, cols: s.dIn, count: s.count }, { rows: s.dOut, cols: rank, count: s.count });
    }
  }
  return {
    trainable: added,
    added,
    matrices,
    layersWithActivations: spec.numLayers,
    prefixLength: 0,
    trainsLinear: (t) => t !== null && targets.includes(t),
    trainsNorms: false,
  };
}

function pTuning(spec: ModelSpec, r: Resolved): MethodShape {
  const p = r.prefixLength;
  const h = spec.hiddenSize;
  const added = prefixTuningParams(spec, p, r.prefixProjection);
  const kvOut = 2 * spec.numLayers * spec.numKvHeads * spec.headDim;
  const matrices = r.prefixProjection
    ? [
        { rows: p, cols: h, count: 1 },
        { rows: h, cols: h, count: 1 },
        { rows: kvOut, cols: h, count: 1 },
      ]
    : [{ rows: p, cols: kvOut, count: 1 }];
  return { trainable: added, added, matrices, layersWithActivations: spec.numLayers, prefixLength: p, trainsLinear: () => false, trainsNorms: false };
}

/** The strategy table: one entry per method. */
export const METHOD_STRATEGIES: Record<FineTuneMethod, (spec: ModelSpec, r: Resolved, totalParams: number) => MethodShape> = {
  full: (spec, _r, total) => full(spec, total),
  freeze: (spec, r) => freeze(spec, r),
  lora: (spec, r) => lora(spec, r),
  qlora: (spec, r) => lora(spec, r),
  'p-tuning-v2': (spec, r) => pTuning(spec, r),
};
