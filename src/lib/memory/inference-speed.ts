/**
 * A roofline for serving: each step takes at least as long as reading its bytes at the memory bandwidth and at
 * least as long as doing its FLOPs at the tensor-core peak (Williams, Waterman & Patterson 2009, "Roofline",
 * CACM 52(4)), plus the tensor-parallel all-reduces over the interconnect, which are not overlapped here.
 * Efficiencies are explicit options (default 1: the figures are bounds — no real engine reaches them).
 *
 * Decode reads, per GPU and step: the weights it actually touches (for a mixture of experts, the shared part
 * plus the routed experts the batch selects — with B sequences each choosing k of E experts uniformly,
 * E·(1 − (1 − k/E)^B) distinct experts per layer in expectation) and every sequence's KV cache. It computes
 * 2 FLOPs per active parameter per token plus attention: 4·n_h·d_h FLOPs per cached token per layer (QKᵀ and PV),
 * or for MLA in its absorbed form 2·n_h·(2·d_c + d_h^R).
 * Megatron-style TP does two all-reduces of the hidden state per layer (Shoeybi et al. 2019, arXiv 1909.08053
 * §3); a ring all-reduce sends 2(TP−1)/TP of the buffer from each GPU.
 */
import type { Dtype } from '../model/dtype';
import type { ModelSpec } from '../model/model-spec';
import { countActiveParams, countParams } from '../model/param-count';
import { kvCacheBytes } from './kv-cache';
import type { GpuSpec } from './serving';
import { ServingOptionError } from './serving';
import { checkTensorParallel } from './tensor-parallel';
import { gpuById } from './gpu-data';
import { weightFormatBytes, weightsPerGpu, type WeightFormat } from './weight-formats';

export interface Efficiency {
  /** Share of the datasheet bandwidth reached (0–1]. */
  bandwidth: number;
  /** Share of the dense tensor peak reached (0–1]. */
  compute: number;
  /** Share of the link bandwidth reached (0–1]. */
  interconnect: number;
}

export const ROOFLINE_EFFICIENCY: Efficiency = { bandwidth: 1, compute: 1, interconnect: 1 };

export interface SpeedOptions {
  /** A GPU id from src/content/gpus (e.g. 'h100-80gb') or the figures themselves. */
  gpu: string | GpuSpec;
  tensorParallel?: number;
  /** Sequences decoded together. */
  batch: number;
  /** Prompt length for time to first token. */
  promptTokens: number;
  /** Tokens already in each sequence's cache while decoding. */
  contextTokens: number;
  weights: WeightFormat;
  kvDtype: Dtype;
  efficiency?: Partial<Efficiency>;
}

export type Bound = 'memory' | 'compute';

export interface StepCost {
  bytesPerGpu: number;
  flopsPerGpu: number;
  commBytesPerGpu: number;
  memorySeconds: number;
  computeSeconds: number;
  commSeconds: number;
  seconds: number;
  bound: Bound;
}

export interface InferenceSpeed {
  prefillSeconds: number;
  decodeSecondsPerToken: number;
  /** Aggregate decode throughput over the batch. */
  tokensPerSecond: number;
  /** One sequence's decode rate (1 / step time). */
  tokensPerSecondPerSequence: number;
  bound: { prefill: Bound; decode: Bound };
  prefill: StepCost;
  decode: StepCost;
}

/** Formats whose matmuls run in FP8/INT8 tensor cores; weight-only formats compute in bf16. */
const FP8_COMPUTE: ReadonlySet<WeightFormat> = new Set(['fp8', 'int8'] as const);

function attentionFlopsPerCachedToken(spec: ModelSpec): number {
  if (spec.mla) return 2 * spec.numHeads * (2 * spec.mla.kvLoraRank + spec.mla.qkRopeHeadDim);
  return 4 * spec.numHeads * spec.headDim;
}

function kvLayersCount(spec: ModelSpec): number {
  let n = 0;
  for (let l = 0; l < spec.numLayers; l++) if (spec.kvLayers?.[l] ?? true) n++;
  return n;
}

/** Expected share of routed experts a batch of `batch` sequences touches per layer (uniform routing). */
export function touchedExpertShare(spec: ModelSpec, batch: number): number {
  if (!spec.moe) return 1;
  const { numExperts: e, expertsPerToken: k } = spec.moe;
  return 1 - Math.pow(1 - k / e, batch);
}

function frac(field: string, v: number | undefined, fallback: number): number {
  const x = v ?? fallback;
  if (!(x > 0 && x <= 1)) throw new ServingOptionError(field, `expected a fraction in (0, 1], got ${x}`);
  return x;
}

function step(bytes: number, flops: number, comm: number, gpu: GpuSpec, flopsPeak: number, eff: Efficiency, tp: number): StepCost {
  const memorySeconds = bytes / (gpu.bandwidthBytesPerSecond * eff.bandwidth);
  const computeSeconds = flops / (flopsPeak * eff.compute);
  const commSeconds = tp > 1 ? comm / (gpu.interconnectBytesPerSecond * eff.interconnect) : 0;
  return {
    bytesPerGpu: bytes,
    flopsPerGpu: flops,
    commBytesPerGpu: tp > 1 ? comm : 0,
    memorySeconds,
    computeSeconds,
    commSeconds,
    seconds: Math.max(memorySeconds, computeSeconds) + commSeconds,
    bound: computeSeconds > memorySeconds ? 'compute' : 'memory',
  };
}

/**
 * Time to first token and decode speed, as roofline bounds.
 *
 * @example
 * // Llama-3.1-8B bf16 on one H100 SXM, batch 1: ≈ 16 GB / 3.35 TB/s ≈ 4.8 ms per token
 * inferenceSpeed(llama3_8b, { gpu: h100, batch: 1, promptTokens: 1000, contextTokens: 1000, weights: 'bf16', kvDtype: 'bf16' })
 */
export function inferenceSpeed(spec: ModelSpec, options: SpeedOptions): InferenceSpeed {
  const gpu = typeof options.gpu === 'string' ? gpuById(options.gpu) : options.gpu;
  return inferenceSpeedOn(spec, { ...options, gpu });
}

/** `inferenceSpeed` for a GPU given by its figures (no GPU data files in the bundle). */
export function inferenceSpeedOn(spec: ModelSpec, options: SpeedOptions & { gpu: GpuSpec }): InferenceSpeed {
  const { gpu, tensorParallel: tp = 1, batch, promptTokens, contextTokens, weights, kvDtype } = options;
  for (const [field, v] of [
    ['batch', batch],
    ['promptTokens', promptTokens],
    ['contextTokens', contextTokens],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new ServingOptionError(field, `expected a whole number ≥ 1, got ${v}`);
  }
  checkTensorParallel(spec, tp);
  const eff: Efficiency = {
    bandwidth: frac('efficiency.bandwidth', options.efficiency?.bandwidth, 1),
    compute: frac('efficiency.compute', options.efficiency?.compute, 1),
    interconnect: frac('efficiency.interconnect', options.efficiency?.interconnect, 1),
  };
  const flopsPeak = FP8_COMPUTE.has(weights) && gpu.flopsPerSecond.fp8 ? gpu.flopsPerSecond.fp8 : gpu.flopsPerSecond.bf16;
  const perGpu = weightsPerGpu(spec, weights, tp, 1);
  const nonExpert = perGpu.perGpu - perGpu.routedExperts;
  // Embedding rows are gathered, not read whole: leave the input table out of the bytes a step reads.
  const embedShare = weightFormatBytes(spec, weights).tensors[0]! / tp;
  const active = countActiveParams(spec);
  const layers = kvLayersCount(spec);
  const attnPerToken = attentionFlopsPerCachedToken(spec) / tp;
  const allReduce = (tokens: number) => spec.numLayers * 2 * ((2 * (tp - 1)) / tp) * tokens * spec.hiddenSize * 2;

  // Decode: one new token for each of `batch` sequences.
  const kvRead = kvCacheBytes(spec, { seqLen: contextTokens, batch, dtype: kvDtype, tensorParallel: tp }).perGpuTotal;
  const decodeBytes = nonExpert - embedShare + perGpu.routedExperts * touchedExpertShare(spec, batch) + kvRead;
  const decodeFlops = (2 * active * batch) / tp + attnPerToken * layers * contextTokens * batch;
  const decode = step(decodeBytes, decodeFlops, allReduce(batch), gpu, flopsPeak, eff, tp);

  // Prefill: the whole prompt of one sequence at once; every expert is likely used, causal attention over T²/2.
  const kvWrite = kvCacheBytes(spec, { seqLen: promptTokens, batch: 1, dtype: kvDtype, tensorParallel: tp }).perGpuTotal;
  const prefillBytes = perGpu.perGpu - embedShare + kvWrite;
  const prefillFlops = (2 * active * promptTokens) / tp + (attnPerToken * layers * promptTokens * (promptTokens + 1)) / 2;
  const prefill = step(prefillBytes, prefillFlops, allReduce(promptTokens), gpu, flopsPeak, eff, tp);

  return {
    prefillSeconds: prefill.seconds,
    decodeSecondsPerToken: decode.seconds,
    tokensPerSecond: batch / decode.seconds,
    tokensPerSecondPerSequence: 1 / decode.seconds,
    bound: { prefill: prefill.bound, decode: decode.bound },
    prefill,
    decode,
  };
}

/**
 * The batch size at which decoding turns compute-bound (the roofline's ridge), ignoring the KV read:
 * FLOPs/byte of the step reach the GPU's FLOPs/byte. Null when it never does below `maxBatch`.
 */
export function ridgeBatch(spec: ModelSpec, options: Omit<SpeedOptions, 'batch'>, maxBatch = 4096): number | null {
  for (let b = 1; b <= maxBatch; b *= 2) {
    if (inferenceSpeed(spec, { ...options, batch: b }).bound.decode === 'compute') {
      let lo = b / 2;
      let hi = b;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (inferenceSpeed(spec, { ...options, batch: mid }).bound.decode === 'compute') hi = mid;
        else lo = mid;
      }
      return Math.max(1, hi);
    }
  }
  return null;
}

/** Share of the parameters one token uses (1 for dense models). */
export function activeShare(spec: ModelSpec): number {
  return countActiveParams(spec) / countParams(spec);
}
