/**
 * Bytes per parameter of weights, gradients, master copy and optimizer states, per precision and method, and the
 * quantized formats QLoRA stores its base in.
 */
import type { ModelSpec } from '../../model/model-spec';
import { layerLinearShapes } from '../../model/linear-shapes';
import { NF4_DOUBLE_QUANT_BITS } from '../../model/quant-formats';
import { linearLayerParams } from './methods';
import type { Resolved } from './options';

/**
 * NF4 without double quantization: 4 bits plus one fp32 absmax per block of 64 (bitsandbytes' default blocksize):
 * 4 + 32/64 = 4.5 bits (QLoRA §3; LitGPT's `bnb.nf4`).
 */
export const NF4_BITS = 4 + 32 / 64;

/**
 * Bytes of one d_in → d_out matrix in bitsandbytes' LLM.int8 format (Dettmers et al. 2022): an int8 weight and one fp32
 * absmax per output row (`Int8Params.CB` and `.SCB`).
 */
export function int8MatrixBytes(dIn: number, dOut: number): number {
  return dIn * dOut + 4 * dOut;
}

export interface PrecisionBytes {
  /** Bytes of the whole model plus adapters. */
  weights: number;
  /** Bytes of the model without adapters or prompts: what a frozen reference or reward copy holds. */
  baseWeights: number;
  /** Of `weights`, the frozen part (everything but the trainable parameters' own bytes). */
  frozenWeights: number;
  gradientBytes: number;
  masterBytes: number;
  stateBytes: number;
  /** Linear-layer parameters stored in NF4 or int8 (QLoRA only). */
  quantizedParams: number;
  /** Bytes per element of the non-quantized parameters (embeddings, norms, head): 4 under PEFT's kbit upcast. */
  baseParamBytes: number;
}

export function precisionBytes(spec: ModelSpec, r: Resolved, totalParams: number, trainable: number, added: number): PrecisionBytes {
  const fp32 = r.precision === 'fp32';
  const weightBytes = fp32 ? 4 : 2;
  if (r.method === 'qlora') {
    const adapterBytes = r.adapterFp32 ? 4 : 2;
    const quantizedParams = linearLayerParams(spec);
    let quantizedBytes = (quantizedParams * (r.profile.nf4DoubleQuant ? NF4_DOUBLE_QUANT_BITS : NF4_BITS)) / 8;
    if (r.qloraBits === 8) {
      quantizedBytes = 0;
      for (let layer = 0; layer < spec.numLayers; layer++)
        for (const s of layerLinearShapes(spec, layer)) quantizedBytes += int8MatrixBytes(s.dIn, s.dOut) * s.count;
    }
    // PEFT's prepare_model_for_kbit_training upcasts every non-quantized parameter to fp32 (profiles.ts).
    const baseParamBytes = r.profile.kbitUpcast ? 4 : 2;
    const baseWeights = quantizedBytes + (totalParams - quantizedParams) * baseParamBytes;
    // Optimizer states follow the adapters' dtype: fp32 with PEFT's upcast adapters (the QLoRA paper's paged 32-bit
    // AdamW), 16-bit where the framework trains 16-bit adapters (torch AdamW keeps states in the parameter's dtype).
    return {
      weights: baseWeights + added * adapterBytes,
      baseWeights,
      frozenWeights: baseWeights,
      gradientBytes: adapterBytes,
      masterBytes: 0,
      stateBytes: adapterBytes,
      quantizedParams,
      baseParamBytes,
    };
  }
  if (r.method === 'lora' && r.adapterFp32 && !fp32) {
    const baseWeights = totalParams * weightBytes;
    return {
      weights: baseWeights + added * 4,
      baseWeights,
      frozenWeights: baseWeights,
      gradientBytes: 4,
      masterBytes: 0,
      stateBytes: 4,
      quantizedParams: 0,
      baseParamBytes: weightBytes,
    };
  }
  const baseWeights = totalParams * weightBytes;
  const weights = (totalParams + added) * weightBytes;
  return {
    weights,
    baseWeights,
    frozenWeights: weights - trainable * weightBytes,
    gradientBytes: fp32 || (r.precision === 'mixed' && r.fp32Gradients) ? 4 : 2,
    masterBytes: r.precision === 'mixed' ? 4 : 0,
    stateBytes: r.precision === 'bf16' ? 2 : 4,
    quantizedParams: 0,
    baseParamBytes: weightBytes,
  };
}
