/**
 * The linear projections of a transformer layer with their true shapes: what LoRA attaches to, what QLoRA and the
 * weight formats quantize, and what tensor parallelism splits.
 */
import { hasMlp, isAttentionLayer, isMoeLayer, isRecurrentLayer, type ModelSpec } from './model-spec';
import type { LoraTarget } from './lora-targets';
import { recurrentLinearShapes } from './recurrent';

/** One weight matrix kind in a layer: `count` copies of a d_in → d_out projection. */
export interface LinearShape {
  target: LoraTarget | null;
  dIn: number;
  dOut: number;
  count: number;
  /** How tensor parallelism splits a projection that is not one of the named targets (recurrent mixers). */
  parallel?: 'column' | 'row' | 'replicated';
}

/**
 * The linear projections of one layer, with the true shapes: under GQA/MQA k and v map h → n_kv·d_h;
 * MLA (DeepSeek-V2 §2.1) has a query down/up projection, a joint KV down projection (`kv_a_proj`, counted
 * as "k") and a KV up projection (`kv_b_proj`, counted as "v"); MoE layers hold every expert's MLP. A hybrid's
 * recurrent layer lists its mixer's projections (recurrent.ts) instead of attention's, and a layer without a mixer
 * or without a feed-forward block (Nemotron-H) lists none for it.
 */
export function layerLinearShapes(spec: ModelSpec, layer: number): LinearShape[] {
  const h = spec.hiddenSize;
  const shapes: LinearShape[] = [];
  if (isRecurrentLayer(spec, layer)) {
    shapes.push(...recurrentLinearShapes(spec));
  } else if (!isAttentionLayer(spec, layer)) {
    // No mixer in this block.
  } else if (spec.attention === 'mla' && spec.mla) {
    const m = spec.mla;
    const qOut = spec.numHeads * (m.qkNopeHeadDim + m.qkRopeHeadDim);
    if (m.qLoraRank) {
      shapes.push({ target: 'q', dIn: h, dOut: m.qLoraRank, count: 1 }, { target: 'q', dIn: m.qLoraRank, dOut: qOut, count: 1 });
    } else {
      shapes.push({ target: 'q', dIn: h, dOut: qOut, count: 1 });
    }
    shapes.push(
      { target: 'k', dIn: h, dOut: m.kvLoraRank + m.qkRopeHeadDim, count: 1 },
      { target: 'v', dIn: m.kvLoraRank, dOut: spec.numHeads * (m.qkNopeHeadDim + m.vHeadDim), count: 1 },
      { target: 'o', dIn: spec.numHeads * m.vHeadDim, dOut: h, count: 1 },
    );
  } else {
    // An output gate (Qwen3-Next) comes out of the query projection: twice the query width.
    const qWidth = spec.numHeads * spec.headDim * (spec.attentionOutputGate ? 2 : 1);
    const kvWidth = spec.numKvHeads * spec.headDim;
    const vHead = spec.vHeadDim ?? spec.headDim;
    shapes.push(
      { target: 'q', dIn: h, dOut: qWidth, count: 1 },
      { target: 'k', dIn: h, dOut: kvWidth, count: 1 },
      { target: 'v', dIn: h, dOut: spec.numKvHeads * vHead, count: 1 },
      { target: 'o', dIn: spec.numHeads * vHead, dOut: h, count: 1 },
    );
  }
  // Interleaved MoE (Llama 4, Qwen's decoder_sparse_step) and shared experts of their own width (Qwen2-MoE) follow
  // the same layer rule as countParams.
  const moe = isMoeLayer(spec, layer) ? spec.moe : undefined;
  const mlp = (width: number, copies: number) => {
    if (spec.mlp === 'gated') shapes.push({ target: 'gate', dIn: h, dOut: width, count: copies });
    shapes.push({ target: 'up', dIn: h, dOut: width, count: copies }, { target: 'down', dIn: width, dOut: h, count: copies });
  };
  if (!hasMlp(spec, layer)) return shapes;
  if (!moe) mlp(spec.intermediateSize, 1);
  else if (moe.sharedExpertIntermediateSize === undefined) mlp(moe.expertIntermediateSize, moe.numExperts + moe.sharedExperts);
  else {
    mlp(moe.expertIntermediateSize, moe.numExperts);
    if (moe.sharedExperts > 0) mlp(moe.sharedExpertIntermediateSize, moe.sharedExperts);
  }
  return shapes;
}
