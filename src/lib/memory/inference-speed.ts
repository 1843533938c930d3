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
 * §3); a ring all-reduce sends 2(TP−1)/TP of the buffer from each GPU, and every all-reduce also costs a latency
 * that bandwidth does not hide: at decode's small messages (a few KiB) it is most of the time. The latency is per
 * link tier (NVLink, PCIe, InfiniBand) and grows with each doubling of the ranks (`LINK_TIERS`).
 *
 * Beyond the bound, an "expected" figure: the same step with the efficiencies real engines reach and a fixed
 * per-layer time (kernel launches, synchronisation) that no bandwidth removes (`EXPECTED_EFFICIENCY`), checked
 * against published measurements (tests/fixtures/measured-speeds.json). Options add prefix caching (the cached share
 * of a prompt is not recomputed), speculative decoding (Leviathan et al. 2023: (1 − α^{k+1}) / (1 − α) tokens per
 * target step) and the cost per million tokens at a price per GPU-hour.
 */
import type { Dtype } from '../model/dtype';
import type { ModelSpec } from '../model/model-spec';
import { countActiveParams, countParams } from '../model/param-count';
import { kvCacheBytes } from './kv-cache';
import type { GpuSpec } from './serving';
import { ServingOptionError } from './serving';
import { validatorFor } from '../validate';
import { checkTensorParallel } from './tensor-parallel';
import { gpuById } from '../hardware/gpus';
import { LINK_TIER_IDS, LINK_TIERS, type LinkTier } from '../hardware/links';
import { weightFormatBytes, weightsPerGpu, type WeightFormat } from './weight-formats';
import { speculativeTokensPerCall } from './roofline-basics';

export interface Efficiency {
  /** Share of the datasheet bandwidth reached (0–1]. */
  bandwidth: number;
  /** Share of the dense tensor peak reached (0–1]. */
  compute: number;
  /** Share of the link bandwidth reached (0–1]. */
  interconnect: number;
  /** Fixed time per layer and step that no bandwidth removes (kernel launches, synchronisation), seconds; 0 in the bound. */
  layerOverheadSeconds?: number;
  /** Count the collectives' latency (`LINK_TIERS`); false only to see the bandwidth-only bound of earlier versions. */
  collectiveLatency?: boolean;
}

/** The bound: datasheet peaks, links at full bandwidth, only the collectives' latency. */
export const ROOFLINE_EFFICIENCY: Efficiency = { bandwidth: 1, compute: 1, interconnect: 1, layerOverheadSeconds: 0, collectiveLatency: true };

/**
 * What real decode reaches, for the "expected" figure: 70% of the datasheet bandwidth (gpt-fast measured 1,397 GB/s
 * of an A100-80GB's 2,039 at batch 1, 69%; its note puts the card's attainable peak near 1,700 GB/s), 50% of the
 * tensor peak, 80% of the link bandwidth, and 25 µs per layer and step: a decode layer runs about ten kernels that
 * each take a few microseconds however little they read. Calibrated on gpt-fast's one-GPU Llama-2-7B figure; every
 * other figure of tests/fixtures/measured-speeds.json is a check.
 */
export const EXPECTED_EFFICIENCY: Efficiency = { bandwidth: 0.7, compute: 0.5, interconnect: 0.8, layerOverheadSeconds: 25e-6, collectiveLatency: true };

/**
 * The expected figure on Apple silicon (llama.cpp's Metal backend): the same shares, but 118 µs per layer and step.
 * Metal runs each graph op as its own dispatch with no CUDA-graph replay, and Q4_0's dequantising dot products cost
 * more than their bytes: llama.cpp's own Metal work reports "~9 ms [of a 7B token on an M2 Max] spent in other compute
 * graph operations" beside the matrix products (the Q6_K Metal commit, 2023). Calibrated on one figure of
 * github.com/ggml-org/llama.cpp/discussions/4167 (M2 Ultra 76-core, LLaMA 7B Q4_0, tg128 94.27 t/s: 10.61 ms against
 * 6.82 ms of reads at 70%, over 32 layers); the other Apple rows of tests/fixtures/measured-speeds.json are checks.
 */
export const EXPECTED_EFFICIENCY_UNIFIED_MEMORY: Efficiency = { ...EXPECTED_EFFICIENCY, layerOverheadSeconds: 118e-6 };

/**
 * The expected efficiencies for a device: Apple silicon's (`EXPECTED_EFFICIENCY_UNIFIED_MEMORY`) on a unified-memory
 * chip, else the GPUs' (`EXPECTED_EFFICIENCY`; a CPU keeps them too, unchecked against a measurement).
 * @example expectedEfficiencyFor('apple-m4-max').layerOverheadSeconds // => 118e-6
 */
export function expectedEfficiencyFor(gpu: string | GpuSpec): Efficiency {
  const g = typeof gpu === 'string' ? gpuById(gpu) : gpu;
  return g.device === 'unified-memory' ? EXPECTED_EFFICIENCY_UNIFIED_MEMORY : EXPECTED_EFFICIENCY;
}

export { LINK_TIER_IDS, LINK_TIERS, linkTierOf, type LinkTier } from '../hardware/links';

/** Time of one all-reduce of `bytes` across `ranks` GPUs: the tier's latency plus the ring's 2(n−1)/n of the buffer. */
export function allReduceSeconds(bytes: number, ranks: number, linkBytesPerSecond: number, tier: LinkTier, withLatency = true): number {
  if (ranks <= 1) return 0;
  const { latencySeconds, perDoublingSeconds } = LINK_TIERS[tier];
  const latency = withLatency ? latencySeconds + perDoublingSeconds * (Math.log2(ranks) - 1) : 0;
  return latency + ((2 * (ranks - 1)) / ranks) * (bytes / linkBytesPerSecond);
}

/** Speculative decoding: a draft model proposes `draftTokens` tokens, the target checks them in one step. */
export interface Speculation {
  /** k, tokens drafted per step. */
  draftTokens: number;
  /** α, the chance each drafted token is accepted. */
  acceptance: number;
  /** c, one draft step's time over one target step's (0 for self-drafting such as n-gram lookup). */
  draftCost: number;
}

export interface SpeedOptions {
  /** A GPU id from src/lib/hardware/gpus (e.g. 'h100-80gb') or the figures themselves. */
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
  /** How the tensor-parallel GPUs are linked (default: the GPU's own link, else PCIe). */
  link?: LinkTier;
  /** Share of each prompt already in the prefix cache [0, 1): its prefill is skipped (vLLM's automatic prefix caching). */
  prefixCachedShare?: number;
  speculation?: Speculation;
}

export type Bound = 'memory' | 'compute';

export interface StepCost {
  bytesPerGpu: number;
  flopsPerGpu: number;
  commBytesPerGpu: number;
  memorySeconds: number;
  computeSeconds: number;
  commSeconds: number;
  /** The layers' fixed time (0 in the bound). */
  overheadSeconds: number;
  seconds: number;
  bound: Bound;
}

export interface InferenceSpeed {
  prefillSeconds: number;
  /** Time per generated token of one sequence (a step's time, over the tokens a speculative step yields). */
  decodeSecondsPerToken: number;
  /** Aggregate decode throughput over the batch. */
  tokensPerSecond: number;
  /** One sequence's decode rate. */
  tokensPerSecondPerSequence: number;
  /** Tokens one step yields per sequence: 1, or Leviathan's (1 − α^{k+1}) / (1 − α) with speculation. */
  tokensPerStep: number;
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

const check = validatorFor(ServingOptionError);

/** A share in (0, 1]: 0.01 is the smallest efficiency accepted (below it the figures mean nothing). */
const frac = (field: string, v: number | undefined, fallback: number): number => check.optionalNumber(field, v, fallback, { min: 0.01, max: 1 });

interface StepContext {
  gpu: GpuSpec;
  flopsPeak: number;
  eff: Required<Efficiency>;
  tp: number;
  link: LinkTier;
  layers: number;
}

/** One forward step: the slower of memory and compute, plus the layers' fixed time and 2 all-reduces per layer. */
function step(bytes: number, flops: number, reducedBytes: number, c: StepContext): StepCost {
  const memorySeconds = bytes / (c.gpu.bandwidthBytesPerSecond * c.eff.bandwidth);
  const computeSeconds = flops / (c.flopsPeak * c.eff.compute);
  const commSeconds =
    c.tp > 1 ? 2 * c.layers * allReduceSeconds(reducedBytes, c.tp, c.gpu.interconnectBytesPerSecond * c.eff.interconnect, c.link, c.eff.collectiveLatency) : 0;
  const overhead = c.layers * c.eff.layerOverheadSeconds;
  return {
    bytesPerGpu: bytes,
    flopsPerGpu: flops,
    commBytesPerGpu: c.tp > 1 ? 2 * c.layers * ((2 * (c.tp - 1)) / c.tp) * reducedBytes : 0,
    memorySeconds,
    computeSeconds,
    commSeconds,
    overheadSeconds: overhead,
    seconds: Math.max(memorySeconds, computeSeconds) + commSeconds + overhead,
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
  check.integer('batch', batch);
  check.integer('promptTokens', promptTokens);
  check.integer('contextTokens', contextTokens);
  checkTensorParallel(spec, tp);
  // Apple silicon and CPUs decode alone: a unified-memory chip or a socket has no link to split a model over.
  if (gpu.maxTensorParallel !== undefined && tp > gpu.maxTensorParallel)
    throw new ServingOptionError(
      'tensorParallel',
      'above-max',
      tp,
      gpu.maxTensorParallel,
      `tensorParallel ${tp}: this device (${gpu.device ?? 'gpu'}) decodes alone, at most ${gpu.maxTensorParallel}`,
    );
  const e = options.efficiency ?? {};
  const eff: Required<Efficiency> = {
    bandwidth: frac('efficiency.bandwidth', e.bandwidth, 1),
    compute: frac('efficiency.compute', e.compute, 1),
    interconnect: frac('efficiency.interconnect', e.interconnect, 1),
    layerOverheadSeconds: check.optionalNumber('efficiency.layerOverheadSeconds', e.layerOverheadSeconds, 0, { min: 0, max: 1 }),
    collectiveLatency: check.flag('efficiency.collectiveLatency', e.collectiveLatency, true),
  };
  const link = check.oneOf('link', options.link, LINK_TIER_IDS, gpu.linkTier ?? 'pcie');
  const cached = check.optionalNumber('prefixCachedShare', options.prefixCachedShare, 0, { min: 0, max: 0.999 });
  const spec8 = options.speculation;
  if (spec8 !== undefined) {
    check.integer('speculation.draftTokens', spec8.draftTokens, { min: 1, max: 64 });
    check.number('speculation.acceptance', spec8.acceptance, { min: 0, max: 1 });
    check.number('speculation.draftCost', spec8.draftCost, { min: 0, max: 10 });
  }
  const flopsPeak = FP8_COMPUTE.has(weights) && gpu.flopsPerSecond.fp8 ? gpu.flopsPerSecond.fp8 : gpu.flopsPerSecond.bf16;
  const perGpu = weightsPerGpu(spec, weights, tp, 1);
  const nonExpert = perGpu.perGpu - perGpu.routedExperts;
  // Embedding rows are gathered, not read whole: leave the input table out of the bytes a step reads.
  const embedShare = weightFormatBytes(spec, weights).tensors[0]! / tp;
  const active = countActiveParams(spec);
  const layers = kvLayersCount(spec);
  const attnPerToken = attentionFlopsPerCachedToken(spec) / tp;
  const ctx: StepContext = { gpu, flopsPeak, eff, tp, link, layers: spec.numLayers };
  const hidden = (tokens: number) => tokens * spec.hiddenSize * 2;

  // Decode: one new token for each of `batch` sequences (k + 1 to verify with speculation, at the same weight read).
  const perStep = spec8 ? spec8.draftTokens + 1 : 1;
  // A hybrid's recurrent layers read each sequence's fixed state and write it back every step (the Gated DeltaNet and
  // Mamba decode kernels update vLLM's state pages in place), beside the attention layers' KV reads.
  const kvNow = kvCacheBytes(spec, { seqLen: contextTokens, batch, dtype: kvDtype, tensorParallel: tp });
  const kvRead = kvNow.perGpuTotal + 2 * kvNow.perGpuStateBytesPerSequence * batch;
  const decodeBytes = nonExpert - embedShare + perGpu.routedExperts * touchedExpertShare(spec, batch * perStep) + kvRead;
  const decodeFlops = ((2 * active * batch) / tp + attnPerToken * layers * contextTokens * batch) * perStep;
  const decode = step(decodeBytes, decodeFlops, hidden(batch * perStep), ctx);
  let tokensPerStep = 1;
  let secondsPerToken = decode.seconds;
  if (spec8) {
    // Leviathan et al. 2023, §3.1: E = (1 − α^{k+1}) / (1 − α) tokens per target step; each step also runs k draft
    // steps of c × a plain target step (Theorem 3.8's kc + 1).
    tokensPerStep = speculativeTokensPerCall(spec8.acceptance, spec8.draftTokens);
    const plain = step(nonExpert - embedShare + perGpu.routedExperts * touchedExpertShare(spec, batch) + kvRead, decodeFlops / perStep, hidden(batch), ctx);
    secondsPerToken = (decode.seconds + spec8.draftTokens * spec8.draftCost * plain.seconds) / tokensPerStep;
  }

  // Prefill: the uncached part of one prompt at once; every expert is likely used, causal attention over the whole prompt.
  const fresh = Math.max(1, Math.round(promptTokens * (1 - cached)));
  const kvFresh = kvCacheBytes(spec, { seqLen: fresh, batch: 1, dtype: kvDtype, tensorParallel: tp });
  const kvWrite = kvFresh.perGpuTotal + kvFresh.perGpuStateBytesPerSequence;
  const prefillBytes = perGpu.perGpu - embedShare + kvWrite;
  // The fresh tokens attend to the cached prefix too: Σ over the fresh positions of their context length.
  const attendedPairs = fresh * (promptTokens - fresh) + (fresh * (fresh + 1)) / 2;
  const prefillFlops = (2 * active * fresh) / tp + attnPerToken * layers * attendedPairs;
  const prefill = step(prefillBytes, prefillFlops, hidden(fresh), ctx);

  return {
    prefillSeconds: prefill.seconds,
    decodeSecondsPerToken: secondsPerToken,
    tokensPerSecond: batch / secondsPerToken,
    tokensPerSecondPerSequence: 1 / secondsPerToken,
    tokensPerStep,
    bound: { prefill: prefill.bound, decode: decode.bound },
    prefill,
    decode,
  };
}

/**
 * What serving costs at `pricePerGpuHour` (any currency) on `gpus` GPUs: per million generated tokens at the decode
 * throughput `tokensPerSecond`, and per million prompt tokens at one prefill of `promptTokens` in `prefillSeconds`.
 *
 * @example costPerMillionTokens({ pricePerGpuHour: 2, gpus: 1, tokensPerSecond: 1000, prefillSeconds: 0.1, promptTokens: 2000 })
 * // => { output: 0.5556, input: 0.0278 } (2 / 3600 s · 10^6 / 1000 tok/s; 2 / 3600 · 0.1 s · 10^6 / 2000)
 */
export function costPerMillionTokens(o: { pricePerGpuHour: number; gpus: number; tokensPerSecond: number; prefillSeconds: number; promptTokens: number }): {
  output: number;
  input: number;
} {
  const price = check.number('pricePerGpuHour', o.pricePerGpuHour, { min: 0 });
  const gpus = check.integer('gpus', o.gpus);
  const tps = check.number('tokensPerSecond', o.tokensPerSecond, { min: Number.MIN_VALUE });
  const prefill = check.number('prefillSeconds', o.prefillSeconds, { min: 0 });
  const prompt = check.integer('promptTokens', o.promptTokens);
  const perSecond = (price * gpus) / 3600;
  return { output: (perSecond / tps) * 1e6, input: ((perSecond * prefill) / prompt) * 1e6 };
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
