/**
 * Training at scale: memory per GPU, step time, MFU and cost of one layout of data (ZeRO/FSDP), tensor (+ sequence),
 * pipeline, context and expert parallelism. Pure arithmetic; the formulas and their sections:
 *
 * Memory per GPU
 * - Model states (Rajbhandari et al. 2020, ZeRO, §3.1 and §5): mixed-precision Adam keeps 2Ψ bytes of BF16 weights,
 *   2Ψ of gradients and KΨ = 12Ψ of FP32 master weights, momentum and variance. ZeRO-1 shards the optimizer states,
 *   ZeRO-2 also the gradients, ZeRO-3 (= PyTorch FSDP's FULL_SHARD) also the weights, over the data-parallel group
 *   (here data × context, as Megatron's distributed optimizer does; experts over their own expert-data group).
 * - Activations (Korthikanti et al. 2022, §4.1 eqs. 1–2, §4.2 eqs. 3–4, §5 eq. 5): per layer, `sbh(34 + 5as/h)` bytes
 *   with no parallelism; `sbh(10 + 24/t + 5as/(ht))` with tensor parallelism `t`; `sbh/t · (34 + 5as/h)` with
 *   sequence parallelism too; selective recomputation drops the `5as/h` term (the attention scores), full
 *   recomputation keeps only each layer's input `2sbh/t`. The constant 34 is generalized to the model's widths
 *   (grouped KV heads, gated MLP width, experts per token); see `layerActivationBytesPerToken`. With pipeline
 *   parallelism the first stage holds `p` microbatches in flight under 1F1B, so it stores `L/p · p` layers' worth
 *   (§4.2.3), times `1 + (p−1)/(pv)` under the interleaved schedule with `v` chunks per GPU; rank k of 1F1B holds
 *   `p − k` microbatches, and of Megatron's interleaved schedule `(2(p−k−1) + (v−1)p + 1)/v` stages' worth (its
 *   warm-up count, `get_forward_backward_func`'s interleaved schedule). No rank holds more than the `m` microbatches
 *   a step has. The planner takes the fullest of ranks 0, 1 and p−1. Llama 3 (§3.3.2) takes one layer off the first
 *   and the last stage to balance them (`edgeStageLayerReduction`). Korthikanti's 34 counts two 1-byte dropout masks
 *   (sbh each, after attention and after the MLP); models trained without dropout store 2sbh less (`dropout`).
 * - Context parallelism (ring attention, Liu et al. 2023, §3; Megatron-Core's context parallel) divides the sequence,
 *   so every `s` above becomes `s/c` per GPU.
 *
 * Time per step
 * - FLOPs: the PaLM convention (Chowdhery et al. 2022, Appendix B): `6N + 12·L·H·Q·T` per token, N the parameters a
 *   token multiplies (MoE: active; the input embedding lookup left out, the LM head in), H·Q the query width, T the
 *   sequence length, and attention counted over the full T×T score matrix (no causal halving, as Megatron's eq. 3
 *   also counts; MLA and distinct value widths use 6·L·H·(Q_k + Q_v)·T). MFU uses these model FLOPs; HFU adds the
 *   forward passes recomputation repeats (Korthikanti §6 and Table 4, "model" vs "hardware" FLOPs). Both are quoted
 *   against the dense BF16 peak of the GPU, whatever the precision, so BF16 and FP8 runs read on one scale.
 * - Pipeline bubble (Narayanan et al. 2021, §2.2.1–2.2.2): `(p−1)/(m·v)` of the ideal time, m microbatches per
 *   replica and step, v model chunks per GPU (v = 1: 1F1B).
 * - Tensor parallelism (Shoeybi et al. 2019, §3; Korthikanti §4.2.2): two all-reduces per layer forward and two
 *   backward (sequence parallelism swaps each for an all-gather + reduce-scatter of the same volume), one more pair
 *   forward under full recomputation; not overlapped.
 * - Data parallelism (ZeRO §7.2): gradients all-reduced (stages 0–2: reduce-scatter + all-gather, the same 2Ψ), 3Ψ
 *   for stage 3 (all-gather forward, all-gather backward, reduce-scatter); hidden behind the last microbatch's
 *   backward pass (stages 0–2) or the whole step's compute (stage 3) as far as it fits.
 * - Context parallelism: each attention layer passes K and V around the ring of `c` ranks (c−1 sends forward; K, V,
 *   dK, dV backward), overlapped with the attention computation.
 * - Expert parallelism (Lepikhin et al. 2021, GShard §2.2; DeepSeek-V3 §3.2.2): one all-to-all dispatch and one
 *   combine per MoE layer forward, two more backward; a share can be hidden (DeepSeek's DualPipe, §3.2.1).
 * - Pipeline sends: one activation per microbatch and stage boundary each way, hidden except on the critical path
 *   of the warm-up and cool-down: `2(p·v − 1)` sends exposed.
 */
import type { ModelSpec } from '../../model/model-spec';
import { assertModelSpec, isAttentionLayer, isMoeLayer } from '../../model/model-spec';
import { countActiveParams, countParams, inputEmbeddingParams } from '../../model/param-count';
import type { GpuSpec } from '../../hardware/gpus';
import { gpuById } from '../../hardware/gpus';
import { OptionError } from '../../errors';
import { validatorFor } from '../../validate';
import { GiB } from '../../model/dtype';
import { allToAllSeconds, ringAllGatherSeconds, ringAllReduceSeconds, sendSeconds, type Link } from './collectives';

/** A training-planner option out of range; `field` names it, `reason` says why. */
export class TrainingPlanError extends OptionError {
  override name = 'TrainingPlanError';
}

const check = /* @__PURE__ */ validatorFor(TrainingPlanError);

export type Checkpointing = 'none' | 'selective' | 'full';
export type TrainingPrecisionKind = 'bf16' | 'fp8';
export type TrainingOptimizer = 'adamw' | 'adamw-8bit' | 'sgd';
export type ZeroStage = 0 | 1 | 2 | 3;

export const CHECKPOINTING: readonly Checkpointing[] = ['none', 'selective', 'full'];
export const TRAINING_PRECISIONS: readonly TrainingPrecisionKind[] = ['bf16', 'fp8'];
export const TRAINING_OPTIMIZERS: readonly TrainingOptimizer[] = ['adamw', 'adamw-8bit', 'sgd'];
export const ZERO_STAGES: readonly ZeroStage[] = [0, 1, 2, 3];

/**
 * Bytes of optimizer state per parameter: FP32 master weights + Adam's two moments (ZeRO §3.1, K = 12); 8-bit Adam
 * keeps the master weights and two 1-byte moments (Dettmers et al. 2022, §2); SGD with momentum the master + momentum.
 */
export const OPTIMIZER_BYTES: Record<TrainingOptimizer, number> = { adamw: 12, 'adamw-8bit': 6, sgd: 8 };

/**
 * Share of the dense tensor peak the matmuls reach, before bubbles and exposed communication. Calibrated once, on
 * Megatron-LM's weak-scaling row for 1T parameters (Narayanan et al. 2021, Table 1: 163 TFLOP/s per A100, full
 * recomputation); every other run of tests/fixtures/training-runs/runs.json is a check. FP8's is the same share of a
 * twice-higher peak, less the casts and scaling the BF16 parts keep (an assumption; DeepSeek-V3 is its only check).
 */
export const DEFAULT_COMPUTE_EFFICIENCY: Record<TrainingPrecisionKind, number> = { bf16: 0.62, fp8: 0.45 };

/** GPUs in one NVLink / NVSwitch domain (a DGX/HGX node) unless told otherwise. */
export const DEFAULT_GPUS_PER_NODE = 8;
/** Scale-out bandwidth per GPU: one 400 Gb/s InfiniBand NDR or RoCE NIC per GPU (Llama 3 §3.3.1; DeepSeek-V3 §3.1). */
export const DEFAULT_SCALE_OUT_GBPS = 50;
/**
 * Buffers outside the model states and activations, per GPU: the CUDA context, cuBLAS/NCCL workspaces and the
 * allocator's reserve (≈ 1 GiB on an H100 per PyTorch's CUDA context plus NCCL channels), and two gradient buckets
 * of 25 MB (PyTorch DDP's `bucket_cap_mb` default).
 */
export const DEFAULT_BUFFER_BYTES = 1 * GiB + 2 * 25e6;

export interface TrainingOptions {
  /** A GPU id from src/content/gpus (e.g. 'h100-80gb') or the figures themselves. */
  gpu: string | GpuSpec;
  /** All GPUs of the job. */
  gpus: number;
  tensorParallel?: number;
  /** Megatron's sequence parallelism in the tensor-parallel group (default: on when tensorParallel > 1). */
  sequenceParallel?: boolean;
  pipelineParallel?: number;
  /** Model chunks per GPU for the interleaved schedule (1 = plain 1F1B). */
  virtualStages?: number;
  contextParallel?: number;
  /** Ranks the routed experts are spread over; must divide dataParallel × contextParallel and the expert count. */
  expertParallel?: number;
  /** Derived as gpus / (tp · pp · cp) when omitted; must match when given. */
  dataParallel?: number;
  /** 0: plain DDP; 1: optimizer sharded; 2: + gradients; 3: + weights (FSDP). Default 1. */
  zeroStage?: ZeroStage;
  /** Sequences per microbatch per data-parallel replica. */
  microBatch?: number;
  /** Tokens per optimizer step, all replicas together. */
  globalBatchTokens: number;
  seqLen: number;
  checkpointing?: Checkpointing;
  precision?: TrainingPrecisionKind;
  optimizer?: TrainingOptimizer;
  /** GPUs per NVLink/NVSwitch domain (default 8). Groups that fit inside one use the GPU's link, others the network. */
  gpusPerNode?: number;
  /** Scale-out (InfiniBand/RoCE) bandwidth per GPU, GB/s one way (default 50 = 400 Gb/s). */
  scaleOutGBps?: number;
  /** Share of the tensor peak the matmuls reach (default `DEFAULT_COMPUTE_EFFICIENCY[precision]`). */
  computeEfficiency?: number;
  /** Share [0, 1] of the expert all-to-all hidden behind computation (DeepSeek's DualPipe hides all of it). Default 0. */
  expertOverlap?: number;
  /** Attention kernels that never store the score matrix (FlashAttention). Default true. */
  flashAttention?: boolean;
  /**
   * Dropout on the attention output and the MLP output, whose 1-byte masks Korthikanti's 34 counts. Default false:
   * Llama 3 and DeepSeek-V3 train without dropout (their configs set `attention_dropout: 0.0`); GPT-3-era Megatron did.
   */
  dropout?: boolean;
  /**
   * Transformer layers taken off the first and off the last pipeline stage, to balance the embedding and the loss
   * (Llama 3 §3.3.2: "we reduce one Transformer layer each from the first and the last stages"). Default 0.
   */
  edgeStageLayerReduction?: number;
}

export interface TrainingMemory {
  weights: number;
  gradients: number;
  optimizer: number;
  activations: number;
  buffers: number;
  total: number;
}

/** Seconds per step spent in each collective, after overlap. */
export interface TrainingComm {
  tp: number;
  pp: number;
  dp: number;
  cp: number;
  ep: number;
}

/** The layout after defaults and derivation. */
export interface TrainingLayout {
  tensorParallel: number;
  sequenceParallel: boolean;
  pipelineParallel: number;
  virtualStages: number;
  contextParallel: number;
  expertParallel: number;
  dataParallel: number;
  zeroStage: ZeroStage;
  microBatch: number;
  checkpointing: Checkpointing;
  /** Microbatches per replica and step. */
  microbatches: number;
}

export interface TrainingPlan {
  layout: TrainingLayout;
  /** Bytes per GPU on the fullest pipeline stage. */
  perGpu: TrainingMemory;
  /** Bytes the GPU offers (`GpuSpec.memoryBytes`). */
  gpuMemoryBytes: number;
  fits: boolean;
  stepSeconds: number;
  tokensPerSecond: number;
  /** Model FLOPs (PaLM convention) per second over the dense BF16 peak of all GPUs. */
  mfu: number;
  /** As `mfu`, with the FLOPs recomputation repeats. */
  hfu: number;
  /** Narayanan et al. §2.2: (p−1)/(m·v), bubble time over ideal time. */
  bubbleFraction: number;
  comm: TrainingComm;
  /** Seconds per step: the microbatches' compute, the bubble, and the exposed collectives (`comm`). */
  breakdown: { compute: number; bubble: number };
  /** Model FLOPs per token (PaLM Appendix B), and with recomputation. */
  flopsPerToken: { model: number; hardware: number };
  trainSeconds(tokens: number): number;
  gpuHours(tokens: number): number;
}

/** What one model costs, computed once so the solver can evaluate thousands of layouts. */
export interface PreparedModel {
  layers: number;
  attentionLayers: number;
  moeLayers: number;
  hidden: number;
  heads: number;
  kvHeads: number;
  /** Query/key and value widths per head. */
  qkDim: number;
  vDim: number;
  vocab: number;
  tied: boolean;
  /** Parameters of one average layer outside the routed experts. */
  denseLayerParams: number;
  /** Routed-expert parameters of one average layer. */
  expertLayerParams: number;
  embeddingParams: number;
  /** 0 when tied. */
  headParams: number;
  /** N of the PaLM formula: parameters a token multiplies. */
  matmulParams: number;
  /** Share of `matmulParams` inside the transformer layers (recomputed under full checkpointing). */
  layerMatmulParams: number;
  /** Bytes of activations per token and layer, linear part (no scores), no tensor parallelism. */
  linearBytesPerToken: number;
  /** Of which replicated across tensor-parallel ranks without sequence parallelism (Korthikanti's 10sbh). */
  replicatedBytesPerToken: number;
  numExperts: number;
  expertsPerToken: number;
  /** Attention context per layer, averaged (sliding windows shorten it), as a share of seqLen, given seqLen. */
  attentionSpan(seqLen: number): number;
}

/**
 * Per token and layer, bytes of stored activations without tensor parallelism (Korthikanti §4.1 generalized):
 * attention `2h` (QKV input) + `2q` (Q) + `2k + 2v` (K, V) + `2o` (output-projection input) + `h` (dropout mask);
 * MLP `2h` (input) + `2f`·(2 plain, 3 gated) + `h` (mask); two norms `4h`. GPT's widths (q = k = v = o = h,
 * f = 4h, plain) give 11 + 19 + 4 = 34. An MoE layer stores the routed tokens' copies once per chosen expert.
 */
export function layerActivationBytesPerToken(spec: ModelSpec, moeLayer: boolean): number {
  const h = spec.hiddenSize;
  const q = spec.mla ? spec.numHeads * (spec.mla.qkNopeHeadDim + spec.mla.qkRopeHeadDim) : spec.numHeads * spec.headDim;
  const kv = spec.mla ? 2 * spec.numHeads * spec.mla.qkNopeHeadDim : spec.numKvHeads * (spec.headDim + (spec.vHeadDim ?? spec.headDim));
  const o = spec.mla ? spec.numHeads * spec.mla.vHeadDim : spec.numHeads * (spec.vHeadDim ?? spec.headDim);
  const attention = 2 * h + 2 * q + 2 * kv + 2 * o + h;
  const perMlp = (f: number) => (spec.mlp === 'gated' ? 6 : 4) * f;
  let mlp: number;
  if (moeLayer && spec.moe) {
    const k = spec.moe.expertsPerToken;
    mlp =
      3 * h +
      k * (2 * h + perMlp(spec.moe.expertIntermediateSize)) +
      spec.moe.sharedExperts * perMlp(spec.moe.sharedExpertIntermediateSize ?? spec.moe.expertIntermediateSize);
  } else mlp = 3 * h + perMlp(spec.intermediateSize);
  return attention + mlp + 4 * h;
}

/** Counts a model once for the planner and the solver. */
export function prepareModel(spec: ModelSpec): PreparedModel {
  assertModelSpec(spec);
  const L = spec.numLayers;
  const h = spec.hiddenSize;
  const total = countParams(spec);
  const active = countActiveParams(spec);
  const embedding = inputEmbeddingParams(spec);
  const head = spec.tiedEmbeddings ? 0 : spec.vocabSize * h;
  let moeLayers = 0;
  let attentionLayers = 0;
  for (let l = 0; l < L; l++) {
    if (isMoeLayer(spec, l)) moeLayers++;
    if (isAttentionLayer(spec, l)) attentionLayers++;
  }
  const moe = spec.moe;
  const routedTotal = moe && moeLayers > 0 ? ((total - active) * moe.numExperts) / (moe.numExperts - moe.expertsPerToken || 1) : 0;
  const layerParams = total - embedding - head - (spec.extraNorms ?? 1) * h * (spec.norm === 'layernorm' ? 2 : 1);
  const denseLinear = layerActivationBytesPerToken(spec, false);
  const moeLinear = layerActivationBytesPerToken(spec, true);
  const linear = (denseLinear * (L - moeLayers) + moeLinear * moeLayers) / L;
  const qkDim = spec.mla ? spec.mla.qkNopeHeadDim + spec.mla.qkRopeHeadDim : spec.headDim;
  const vDim = spec.mla ? spec.mla.vHeadDim : (spec.vHeadDim ?? spec.headDim);
  const window = spec.slidingWindow;
  const windowLayers = window ? window.layers.filter(Boolean).length : 0;
  // The LM head multiplies every token (tied or not); the input lookup does not.
  const matmulParams = active - (spec.tiedEmbeddings ? 0 : embedding);
  return {
    layers: L,
    attentionLayers,
    moeLayers,
    hidden: h,
    heads: spec.numHeads,
    kvHeads: spec.numKvHeads,
    qkDim,
    vDim,
    vocab: spec.vocabSize,
    tied: spec.tiedEmbeddings,
    denseLayerParams: (layerParams - routedTotal) / L,
    expertLayerParams: routedTotal / L,
    embeddingParams: embedding,
    headParams: head,
    matmulParams,
    layerMatmulParams: matmulParams - spec.vocabSize * h,
    linearBytesPerToken: linear,
    replicatedBytesPerToken: 10 * h,
    numExperts: moe?.numExperts ?? 0,
    expertsPerToken: moe?.expertsPerToken ?? 0,
    attentionSpan(seqLen: number) {
      if (!window || attentionLayers === 0) return 1;
      const span = Math.min(seqLen, window.window) / seqLen;
      return (windowLayers * span + (attentionLayers - windowLayers)) / attentionLayers;
    },
  };
}

/** Options after defaults, with the GPU resolved: what `evaluateLayout` needs. */
export interface ResolvedOptions extends TrainingLayout {
  gpu: GpuSpec;
  gpus: number;
  globalBatchTokens: number;
  seqLen: number;
  precision: TrainingPrecisionKind;
  optimizer: TrainingOptimizer;
  gpusPerNode: number;
  scaleOutBytesPerSecond: number;
  computeEfficiency: number;
  expertOverlap: number;
  flashAttention: boolean;
  dropout: boolean;
  edgeStageLayerReduction: number;
}

function resolveGpu(gpu: unknown): GpuSpec {
  if (typeof gpu === 'string') {
    try {
      return gpuById(gpu);
    } catch (error) {
      if (error instanceof OptionError) throw new TrainingPlanError('gpu', error.reason, gpu, error.limit);
      throw error;
    }
  }
  const g = check.object('gpu', gpu);
  check.number('gpu.memoryBytes', g.memoryBytes, { min: 1 });
  check.number('gpu.interconnectBytesPerSecond', g.interconnectBytesPerSecond, { min: 1 });
  const flops = check.object('gpu.flopsPerSecond', g.flopsPerSecond);
  check.number('gpu.flopsPerSecond.bf16', flops.bf16, { min: 1 });
  if (flops.fp8 !== null) check.number('gpu.flopsPerSecond.fp8', flops.fp8, { min: 1 });
  return gpu as GpuSpec;
}

const MAX_GPUS = 1_000_000;

/** Validates options against the model and fills the defaults; every refusal names its field. */
export function resolveTrainingOptions(model: PreparedModel, options: TrainingOptions): ResolvedOptions {
  const o = check.object('options', options);
  const gpu = resolveGpu(o.gpu);
  const gpus = check.integer('gpus', o.gpus, { min: 1, max: MAX_GPUS });
  const tp = check.optionalInteger('tensorParallel', o.tensorParallel, 1, { max: gpus });
  check.divides('tensorParallel', tp, model.heads, 'attention heads');
  const sp = check.flag('sequenceParallel', o.sequenceParallel, tp > 1);
  const pp = check.optionalInteger('pipelineParallel', o.pipelineParallel, 1, { max: model.layers });
  const v = check.optionalInteger('virtualStages', o.virtualStages, 1, { max: model.layers });
  check.requires('virtualStages', v === 1 || pp > 1, v, 'pipelineParallel > 1');
  const seqLen = check.integer('seqLen', o.seqLen, { min: 1, max: 100_000_000 });
  const cp = check.optionalInteger('contextParallel', o.contextParallel, 1, { max: gpus });
  check.divides('contextParallel', cp, seqLen, 'tokens of a sequence');
  const modelRanks = tp * pp * cp;
  if (gpus % modelRanks !== 0)
    throw new TrainingPlanError('gpus', 'not-divisible', gpus, modelRanks, `${gpus} GPUs are not a multiple of tensor × pipeline × context = ${modelRanks}`);
  const dp = check.optionalInteger('dataParallel', o.dataParallel, gpus / modelRanks, { max: gpus });
  if (dp * modelRanks !== gpus)
    throw new TrainingPlanError(
      'dataParallel',
      'requires',
      dp,
      `gpus / (tp · pp · cp) = ${gpus / modelRanks}`,
      `tp · pp · cp · dp must equal gpus (${gpus}); dp = ${gpus / modelRanks} here`,
    );
  const ep = check.optionalInteger('expertParallel', o.expertParallel, 1, { max: gpus });
  if (ep > 1) {
    check.requires('expertParallel', model.numExperts > 0, ep, 'a mixture-of-experts model');
    check.divides('expertParallel', ep, model.numExperts, 'routed experts');
    check.divides('expertParallel', ep, dp * cp, 'data × context parallel ranks');
  }
  const zeroStage = check.oneOf('zeroStage', o.zeroStage, ZERO_STAGES, 1);
  const microBatch = check.optionalInteger('microBatch', o.microBatch, 1, { max: 1_000_000 });
  const globalBatchTokens = check.integer('globalBatchTokens', o.globalBatchTokens, { min: seqLen, max: 1e12 });
  check.divides('globalBatchTokens', seqLen, globalBatchTokens, 'tokens of the global batch (whole sequences)');
  const sequences = globalBatchTokens / seqLen;
  if (sequences % (dp * microBatch) !== 0)
    throw new TrainingPlanError(
      'microBatch',
      'not-divisible',
      microBatch,
      sequences / dp,
      `${sequences} sequences per step do not split into ${dp} replicas × microbatches of ${microBatch}`,
    );
  const checkpointing = check.oneOf('checkpointing', o.checkpointing, CHECKPOINTING, 'selective');
  const precision = check.oneOf('precision', o.precision, TRAINING_PRECISIONS, 'bf16');
  check.requires('precision', precision === 'bf16' || gpu.flopsPerSecond.fp8 !== null, precision, 'a GPU with FP8 tensor cores');
  const optimizer = check.oneOf('optimizer', o.optimizer, TRAINING_OPTIMIZERS, 'adamw');
  const gpusPerNode = check.optionalInteger('gpusPerNode', o.gpusPerNode, DEFAULT_GPUS_PER_NODE, { max: 100_000 });
  const scaleOut = check.optionalNumber('scaleOutGBps', o.scaleOutGBps, DEFAULT_SCALE_OUT_GBPS, { min: 0.001, max: 1e6 });
  const computeEfficiency = check.optionalNumber('computeEfficiency', o.computeEfficiency, DEFAULT_COMPUTE_EFFICIENCY[precision], { min: 0.01, max: 1 });
  const expertOverlap = check.optionalNumber('expertOverlap', o.expertOverlap, 0, { min: 0, max: 1 });
  const flashAttention = check.flag('flashAttention', o.flashAttention, true);
  const dropout = check.flag('dropout', o.dropout, false);
  // Needs middle stages to move the layers to; an edge stage cannot give away more layers than it has.
  const edgeStageLayerReduction = check.optionalInteger('edgeStageLayerReduction', o.edgeStageLayerReduction, 0, {
    min: 0,
    max: pp > 2 ? Math.floor(model.layers / pp) : 0,
  });
  // Llama 3's edge reduction leaves the first chunk of the first stage with only the embedding (and the last chunk of
  // the last stage with only the head): p·v chunks hold L + 2r layer slots.
  const slots = model.layers + 2 * edgeStageLayerReduction;
  if (pp * v > slots)
    throw new TrainingPlanError(
      'virtualStages',
      'above-max',
      v,
      Math.floor(slots / pp),
      `pipelineParallel × virtualStages = ${pp * v} exceeds the ${model.layers} layers`,
    );
  return {
    gpu,
    gpus,
    tensorParallel: tp,
    sequenceParallel: sp,
    pipelineParallel: pp,
    virtualStages: v,
    contextParallel: cp,
    expertParallel: ep,
    dataParallel: dp,
    zeroStage,
    microBatch,
    checkpointing,
    microbatches: sequences / (dp * microBatch),
    globalBatchTokens,
    seqLen,
    precision,
    optimizer,
    gpusPerNode,
    scaleOutBytesPerSecond: scaleOut * 1e9,
    computeEfficiency,
    expertOverlap,
    flashAttention,
    dropout,
    edgeStageLayerReduction,
  };
}

/** The link a group of `size` ranks `stride` apart uses: the NVLink domain if it fits in one node, else the network. */
function linkFor(size: number, stride: number, r: ResolvedOptions): Link {
  return size * stride <= r.gpusPerNode
    ? { bytesPerSecond: r.gpu.interconnectBytesPerSecond, tier: r.gpu.linkTier === 'pcie' ? 'pcie' : 'nvlink' }
    : { bytesPerSecond: r.scaleOutBytesPerSecond, tier: 'infiniband' };
}

/** The numbers of a plan without the closures, for the solver's inner loop. */
export interface LayoutFigures {
  perGpu: TrainingMemory;
  fits: boolean;
  stepSeconds: number;
  mfu: number;
  hfu: number;
  bubbleFraction: number;
  comm: TrainingComm;
  compute: number;
  bubble: number;
  modelFlopsPerToken: number;
  hardwareFlopsPerToken: number;
}

/** Layers on the fullest stage and on the first/last stage (Llama 3's edge reduction moves layers inward). */
export function stageLayerCounts(m: PreparedModel, r: Pick<ResolvedOptions, 'pipelineParallel' | 'edgeStageLayerReduction'>): { middle: number; edge: number } {
  const p = r.pipelineParallel;
  if (p === 1) return { middle: m.layers, edge: m.layers };
  const reduce = r.edgeStageLayerReduction;
  const middle = Math.ceil((m.layers + 2 * reduce) / p);
  return { middle, edge: middle - reduce };
}

/** Stage-microbatches of activations rank `k` holds at its peak (see the header); never more than the step's `m`. */
export function inFlightMicrobatches(p: number, v: number, m: number, k: number): number {
  if (p === 1) return 1;
  const warm = v > 1 ? (2 * (p - k - 1) + (v - 1) * p + 1) / v : p - k;
  return Math.min(m, warm);
}

/** Activation bytes on the fullest rank (see the header); numbers only, for the solver's inner loop. */
export function activationBytes(m: PreparedModel, r: ResolvedOptions): number {
  const t = r.tensorParallel;
  const p = r.pipelineParallel;
  const v = r.virtualStages;
  const c = r.contextParallel;
  const reduce = p === 1 ? 0 : r.edgeStageLayerReduction;
  const middle = p === 1 ? m.layers : Math.ceil((m.layers + 2 * reduce) / p);
  const edge = middle - reduce;
  const h = m.hidden;
  const tokens = r.microBatch * (r.seqLen / c);
  const scores = r.flashAttention || r.checkpointing !== 'none' ? 0 : (5 * m.heads * (r.seqLen / c) * m.attentionLayers) / m.layers;
  const masks = r.dropout ? 0 : 2 * h;
  const linearPerToken = m.linearBytesPerToken - masks;
  const linear = r.sequenceParallel || t === 1 ? linearPerToken / t : m.replicatedBytesPerToken + (linearPerToken - m.replicatedBytesPerToken) / t;
  const fullLayer = tokens * (linear + scores / t);
  const full = r.checkpointing === 'full';
  const perLayer = full ? (tokens * 2 * h) / (r.sequenceParallel ? t : 1) : fullLayer;
  const recomputeBuffer = full ? fullLayer : 0;
  // Korthikanti §4.3: the output layer's logits, 4sbv/t bytes (FP32 for the loss), on the last stage.
  const logits = (4 * tokens * m.vocab) / t;
  const mb = r.microbatches;
  if (p === 1) return m.layers * perLayer + recomputeBuffer + logits;
  const first = edge * perLayer * inFlightMicrobatches(p, v, mb, 0);
  const second = p > 2 ? middle * perLayer * inFlightMicrobatches(p, v, mb, 1) : 0;
  const last = edge * perLayer * inFlightMicrobatches(p, v, mb, p - 1) + logits;
  return Math.max(first, second, last) + recomputeBuffer;
}

/** Bytes per GPU of one resolved layout, on its fullest rank (no validation: `resolveTrainingOptions` did it). */
export function layoutMemory(m: PreparedModel, r: ResolvedOptions): TrainingMemory {
  const { tensorParallel: t, pipelineParallel: p, contextParallel: c, expertParallel: ep, dataParallel: d } = r;
  const { middle, edge } = stageLayerCounts(m, r);
  const firstExtra = m.embeddingParams / t;
  const lastExtra = (m.tied ? (p > 1 ? m.embeddingParams : 0) : m.headParams) / t;
  // Model states on the fullest stage: a middle one, or an edge one with its embedding or head.
  const layerParams = m.denseLayerParams / t;
  const expertLayer = m.expertLayerParams / (ep * t);
  let denseParams: number;
  let expertParams: number;
  if (p === 1) {
    denseParams = m.layers * layerParams + firstExtra + lastExtra;
    expertParams = m.layers * expertLayer;
  } else {
    const edgeDense = edge * layerParams + Math.max(firstExtra, lastExtra);
    const middleDense = p > 2 ? middle * layerParams : 0;
    denseParams = Math.max(edgeDense, middleDense);
    expertParams = (denseParams === middleDense ? middle : edge) * expertLayer;
  }
  const denseShard = d * c;
  const expertShard = (d * c) / ep;
  const z = r.zeroStage;
  const weights = 2 * (z >= 3 ? denseParams / denseShard + expertParams / expertShard : denseParams + expertParams);
  const gradients = 2 * (z >= 2 ? denseParams / denseShard + expertParams / expertShard : denseParams + expertParams);
  const optimizer = OPTIMIZER_BYTES[r.optimizer] * (z >= 1 ? denseParams / denseShard + expertParams / expertShard : denseParams + expertParams);

  const activations = activationBytes(m, r);
  const zero3Prefetch = z === 3 ? 2 * 2 * (layerParams + expertLayer) : 0;
  const buffers = DEFAULT_BUFFER_BYTES + zero3Prefetch;
  return { weights, gradients, optimizer, activations, buffers, total: weights + gradients + optimizer + activations + buffers };
}

/**
 * Seconds of matmul and attention compute per step on one GPU: its share of the model's FLOPs (plus recomputation),
 * the fullest stage setting the pace, at the precision's rate. A floor on the step time (no bubble, no collectives).
 */
function computeSeconds(m: PreparedModel, r: ResolvedOptions, stageLayers: number, attnFwdPerToken: number, recomputesAttention: boolean) {
  const gpu = r.gpu;
  const matmulPeak = (r.precision === 'fp8' ? (gpu.flopsPerSecond.fp8 ?? gpu.flopsPerSecond.bf16) : gpu.flopsPerSecond.bf16) * r.computeEfficiency;
  // Attention's score and value products stay in BF16 (DeepSeek-V3 §3.3.1 keeps them there too).
  const bf16Rate = gpu.flopsPerSecond.bf16 * (r.precision === 'bf16' ? r.computeEfficiency : DEFAULT_COMPUTE_EFFICIENCY.bf16);
  const imbalance = (stageLayers * r.pipelineParallel) / m.layers;
  const tokensPerStep = r.globalBatchTokens;
  // Tokens one GPU's replica processes per step: all the replica's tokens, its share of the model's FLOPs.
  const linearFlopsPerGpu = (tokensPerStep * (6 * m.matmulParams + (r.checkpointing === 'full' ? 2 * m.layerMatmulParams : 0)) * imbalance) / r.gpus;
  const attnFlopsPerGpu = (tokensPerStep * (3 * attnFwdPerToken + (recomputesAttention ? attnFwdPerToken : 0)) * imbalance) / r.gpus;
  const attnSeconds = attnFlopsPerGpu / bf16Rate;
  return { compute: linearFlopsPerGpu / matmulPeak + attnSeconds, attnSeconds };
}

/** `computeSeconds` of a layout from the options alone: the solver's floor on its step time. */
export function layoutComputeSeconds(m: PreparedModel, r: ResolvedOptions): number {
  const attnFwdPerToken = 2 * m.attentionLayers * m.heads * (m.qkDim + m.vDim) * r.seqLen * m.attentionSpan(r.seqLen);
  const recomputes = r.checkpointing !== 'none' || r.flashAttention;
  return computeSeconds(m, r, stageLayerCounts(m, r).middle, attnFwdPerToken, recomputes).compute;
}

/** Memory and time of one resolved layout (no validation: `resolveTrainingOptions` did it). */
export function evaluateLayout(m: PreparedModel, r: ResolvedOptions): LayoutFigures {
  const { tensorParallel: t, pipelineParallel: p, virtualStages: v, contextParallel: c, expertParallel: ep, dataParallel: d } = r;
  const mb = r.microbatches;
  const b = r.microBatch;
  const s = r.seqLen;
  const sc = s / c;
  const h = m.hidden;
  const L = m.layers;
  const perGpu = layoutMemory(m, r);
  const tokens = b * sc;
  const { middle: stageL, edge: edgeL } = stageLayerCounts(m, r);
  const stageLayers = stageL;
  const firstExtraT = m.embeddingParams / t;
  const lastExtraT = (m.tied ? (p > 1 ? m.embeddingParams : 0) : m.headParams) / t;
  // Parameters whose gradients the fullest stage reduces (the same stage `layoutMemory` sizes).
  const denseParams =
    p === 1
      ? L * (m.denseLayerParams / t) + firstExtraT + lastExtraT
      : Math.max(edgeL * (m.denseLayerParams / t) + Math.max(firstExtraT, lastExtraT), p > 2 ? stageL * (m.denseLayerParams / t) : 0);
  const expertParams = (p === 1 ? L : stageL) * (m.expertLayerParams / (ep * t));
  const denseShard = d * c;
  const expertShard = (d * c) / ep;

  // --- FLOPs per token (PaLM Appendix B; recomputation for HFU) ---
  const attnFwdPerToken = 2 * m.attentionLayers * m.heads * (m.qkDim + m.vDim) * s * m.attentionSpan(s);
  const modelFlops = 6 * m.matmulParams + 3 * attnFwdPerToken;
  const recompute =
    r.checkpointing === 'full' ? 2 * m.layerMatmulParams + attnFwdPerToken : r.checkpointing === 'selective' || r.flashAttention ? attnFwdPerToken : 0;
  const hardwareFlops = modelFlops + recompute;

  // --- Time ---
  const gpu = r.gpu;
  const tokensPerStep = r.globalBatchTokens;
  const { compute, attnSeconds } = computeSeconds(m, r, stageLayers, attnFwdPerToken, recompute > 0);

  const actBytes = 2;
  // Tensor parallel: 4 all-reduces per layer and microbatch (+2 under full recomputation) of b·(s/c)·h activations.
  const tpLink = linkFor(t, 1, r);
  const tpPerLayer = (4 + (r.checkpointing === 'full' ? 2 : 0)) * ringAllReduceSeconds(tokens * h * actBytes, t, tpLink);
  const tpSeconds = tpPerLayer * stageLayers * mb;
  // Context parallel: K and V chunks around the ring, c−1 sends forward, twice that backward; hidden behind attention.
  const cpLink = linkFor(c, t, r);
  const kvBytes = (tokens * m.kvHeads * (m.qkDim + m.vDim) * actBytes) / Math.min(t, m.kvHeads);
  const cpRaw = (c - 1) * 3 * sendSeconds(kvBytes, cpLink) * (m.attentionLayers / L) * stageLayers * mb;
  const cpSeconds = c > 1 ? Math.max(0, cpRaw - attnSeconds) : 0;
  // Expert parallel: 4 all-to-alls per MoE layer and microbatch (dispatch + combine, forward + backward).
  const epLink = linkFor(ep, t, r);
  const dispatchBytes = r.precision === 'fp8' ? 1 : 2;
  const routed = (tokens / (r.sequenceParallel ? t : 1)) * m.expertsPerToken * h;
  const epPerLayer = 2 * allToAllSeconds(routed * dispatchBytes, ep, epLink) + 2 * allToAllSeconds(routed * actBytes, ep, epLink);
  const epSeconds = (1 - r.expertOverlap) * epPerLayer * (m.moeLayers / L) * stageLayers * mb;
  // Pipeline: 2(p·v − 1) activation sends on the critical path.
  const ppLink = linkFor(p, t * c * d, r);
  const ppSeconds = p > 1 ? 2 * (p * v - 1) * sendSeconds((tokens * h * actBytes) / (r.sequenceParallel ? t : 1), ppLink) : 0;
  // Data parallel over dp·cp ranks (stride t); experts over their own (dp·cp/ep) group.
  const dpLink = linkFor(d * c, t, r);
  const expertDpLink = linkFor(expertShard, t * ep, r);
  const gradBytes = (params: number) => params * 2;
  let dpRaw: number;
  if (r.zeroStage === 3) {
    dpRaw =
      mb * 2 * ringAllGatherSeconds(gradBytes(denseParams), denseShard, dpLink) +
      ringAllGatherSeconds(gradBytes(denseParams), denseShard, dpLink) +
      mb * 2 * ringAllGatherSeconds(gradBytes(expertParams), expertShard, expertDpLink) +
      ringAllGatherSeconds(gradBytes(expertParams), expertShard, expertDpLink);
  } else {
    dpRaw = ringAllReduceSeconds(gradBytes(denseParams), denseShard, dpLink) + ringAllReduceSeconds(gradBytes(expertParams), expertShard, expertDpLink);
  }
  const perMicrobatch = (compute + tpSeconds + cpSeconds + epSeconds) / mb;
  const overlapWindow = r.zeroStage === 3 ? compute : perMicrobatch * (2 / 3);
  const dpSeconds = Math.max(0, dpRaw - overlapWindow);
  const bubbleFraction = p > 1 ? (p - 1) / (mb * v) : 0;
  const busy = compute + tpSeconds + cpSeconds + epSeconds;
  const bubble = busy * bubbleFraction;
  const stepSeconds = busy + bubble + ppSeconds + dpSeconds;
  const peakAll = r.gpus * gpu.flopsPerSecond.bf16;
  return {
    perGpu,
    fits: perGpu.total <= gpu.memoryBytes,
    stepSeconds,
    mfu: (tokensPerStep * modelFlops) / (stepSeconds * peakAll),
    hfu: (tokensPerStep * hardwareFlops) / (stepSeconds * peakAll),
    bubbleFraction,
    comm: { tp: tpSeconds, pp: ppSeconds, dp: dpSeconds, cp: cpSeconds, ep: epSeconds },
    compute,
    bubble,
    modelFlopsPerToken: modelFlops,
    hardwareFlopsPerToken: hardwareFlops,
  };
}

/**
 * Memory per GPU, step time, MFU/HFU and cost of training `spec` with one parallel layout.
 *
 * @example
 * const plan = trainingPlan(llama3_405b, { gpu: 'h100-80gb', gpus: 16384, tensorParallel: 8, pipelineParallel: 16,
 *   virtualStages: 4, globalBatchTokens: 16 * 2 ** 20, seqLen: 8192 });
 * plan.mfu            // ≈ 0.4 (Llama 3 Table 4: 41%)
 * plan.gpuHours(15.6e12)
 */
export function trainingPlan(spec: ModelSpec, options: TrainingOptions): TrainingPlan {
  const model = prepareModel(spec);
  const r = resolveTrainingOptions(model, options);
  const f = evaluateLayout(model, r);
  const tokensPerSecond = r.globalBatchTokens / f.stepSeconds;
  const layout: TrainingLayout = {
    tensorParallel: r.tensorParallel,
    sequenceParallel: r.sequenceParallel,
    pipelineParallel: r.pipelineParallel,
    virtualStages: r.virtualStages,
    contextParallel: r.contextParallel,
    expertParallel: r.expertParallel,
    dataParallel: r.dataParallel,
    zeroStage: r.zeroStage,
    microBatch: r.microBatch,
    checkpointing: r.checkpointing,
    microbatches: r.microbatches,
  };
  const tokensField = (tokens: unknown) => check.number('tokens', tokens, { min: 0, max: 1e18 });
  return {
    layout,
    perGpu: f.perGpu,
    gpuMemoryBytes: r.gpu.memoryBytes,
    fits: f.fits,
    stepSeconds: f.stepSeconds,
    tokensPerSecond,
    mfu: f.mfu,
    hfu: f.hfu,
    bubbleFraction: f.bubbleFraction,
    comm: f.comm,
    breakdown: { compute: f.compute, bubble: f.bubble },
    flopsPerToken: { model: f.modelFlopsPerToken, hardware: f.hardwareFlopsPerToken },
    trainSeconds: (tokens) => tokensField(tokens) / tokensPerSecond,
    gpuHours: (tokens) => ((tokensField(tokens) / tokensPerSecond) * r.gpus) / 3600,
  };
}
