/**
 * GPU memory of fine-tuning a transformer (public API since issue 4; framework profiles and the three peaks since
 * issue 27). The composition of the formula families: options → method strategy → precision and optimizer bytes →
 * ZeRO/TP sharding → activations and logits → peaks. Bytes are exact integers or exact products here; rounding is
 * for display only.
 */
import type { ModelSpec } from '../../model/model-spec';
import { countParams } from '../../model/param-count';
import { sequencesPerStep } from '../preference';
import { checkSpec, resolveOptions, FineTuneOptionError, type FineTuneOptions, type Resolved } from './options';
import { METHOD_STRATEGIES, type MethodShape } from './methods';
import { precisionBytes } from './precision';
import { optimizerStateBytes } from './optimizer';
import { largestLayerParams, largestLinearParams, zeroShard } from './sharding';
import { activationTerms, layerTokenBytes, type LayerTokenBytes } from './activations';
import { peakOf, type PeakBreakdown, type PeakInputs } from './peaks';
import { solve, type LargestFit } from './solver';

export * from './options';
export { FRAMEWORKS, FRAMEWORK_PROFILES, LOGIT_BYTES, type Framework, type AttentionKernel, type LossKind, type FrameworkProfile } from './profiles';
export { linearLayerParams, loraParams, prefixTuningParams } from './methods';
export { int8MatrixBytes, NF4_BITS } from './precision';
export { zeroShard, largestLayerParams } from './sharding';
export { layerActivationBytes, layerTokenBytes } from './activations';
export type { Peak, PeakBreakdown } from './peaks';
export type { LargestFit } from './solver';
export { LORA_TARGETS, type LoraTarget } from '../../model/lora-targets';
export { NF4_DOUBLE_QUANT_BITS } from '../../model/quant-formats';
export { layerLinearShapes, type LinearShape } from '../../model/linear-shapes';

export interface FineTuneBytes {
  weights: number;
  gradients: number;
  optimizer: number;
  /** Activations at the loss's peak: kept tensors, the layer being recomputed, and the logits chain. */
  activations: number;
  /** ZeRO-3's gathered largest layer in fp32 (DeepSpeed's `4·largest_layer_params`); 0 unless weights are partitioned or offloaded. */
  zeroBuffer: number;
  /** Frozen reference model (DPO/PPO/GRPO); 0 with LoRA/QLoRA (adapters off), precomputed log-probs or no KL term. */
  reference: number;
  /** Frozen reward model (PPO). */
  reward: number;
  /** PPO's value model: weights, gradients and optimizer states, trained like the policy. */
  critic: number;
  /** PPO's critic activations for the same sequences (no vocabulary logits: a scalar head). */
  criticActivations: number;
  /** KV cache of rollout generation (PPO, GRPO), 16-bit. */
  rolloutKvCache: number;
  /** The theoretical per-GPU total: every field above. Workspaces, allocator reserve and CUDA context are in `peak`. */
  total: number;
}

export interface ActivationBreakdown {
  /** One layer's kept activations for the current batch and sequence (no checkpointing), from the model's shapes. */
  perLayer: number;
  /** Layers whose activations are kept for the backward pass (all, or the trainable top layers for freeze). */
  layers: number;
  /** Bytes of the checkpointed layer inputs when checkpointing; 0 otherwise. */
  checkpoints: number;
  /** The loss's logits chain at its peak (0 with a fused loss; split over t under TP). */
  logits: number;
  /** Saved activations moved to CPU memory by activation offload (0 otherwise). */
  offloaded: number;
  /**
   * One layer's kept bytes per token (the heaviest layer): `replicated` (norm inputs, projections' shared inputs),
   * `split` (attention and MLP internals, split over t) and bytes per stored attention score (eager kernels).
   */
  tokenBytes: LayerTokenBytes;
  /** Bytes per logit the loss keeps at its peak (allocated). */
  logitBytes: number;
  /** The final norm's kept input and the head's input when it trains. */
  head: number;
}

export interface FineTuneMemory {
  /** Parameters of the model itself (adapters and prompts not included). */
  totalParams: number;
  /** Parameters that receive gradients: the model's own for full/freeze, the adapters or prompts otherwise. */
  trainableParams: number;
  /** Bytes per GPU. */
  bytes: FineTuneBytes;
  /**
   * The three peaks, in bytes per GPU, as the tools name them: `allocated` (torch.cuda.max_memory_allocated()),
   * `reserved` (max_memory_reserved()) and `device` (nvidia-smi). Whether a run fits is `peak.device` ≤ the card.
   */
  peak: { allocated: number; reserved: number; device: number };
  /** The terms between `bytes.total` and the peaks. */
  peakBreakdown: PeakBreakdown;
  /** Bytes held in CPU memory per GPU process when offloading (0 otherwise). */
  cpuBytes: number;
  /** Model states before ZeRO sharding and offload, for one replica. */
  unsharded: { weights: number; gradients: number; optimizer: number };
  activations: ActivationBreakdown;
  /** Linear-layer parameters stored in NF4 or int8 (QLoRA only; 0 otherwise). */
  quantizedParams: number;
  /** Bytes of offloaded model states before the CPU buffer factor (cpuBytes = this · factor + offloaded activations). */
  cpuStatesBytes: number;
  /** CUDA context and workspaces per GPU: the option, or the framework's measured context. In `peak.device`, not `bytes.total`. */
  overheadBytes: number;
  /** Largest layer used for the ZeRO-3 buffer. */
  largestLayerParams: number;
  /** Sequences per step through the policy (2·b for DPO, b·G for GRPO). */
  sequences: number;
  /** The options as resolved: the framework's defaults filled in (attention kernel, loss, adapter dtype…). */
  resolved: { framework: Resolved['framework']; attention: Resolved['attention']; loss: Resolved['loss']; adapterFp32: boolean; activationOffload: boolean };
}

interface Composed {
  memory: FineTuneMemory;
  r: Resolved;
  m: MethodShape;
  fixed: Omit<PeakInputs, 'activations' | 'logitsReserve'>;
}

function compose(spec: ModelSpec, options: FineTuneOptions): Composed {
  checkSpec(spec);
  const r = resolveOptions(spec, options);
  const totalParams = r.totalParams ?? countParams(spec);
  const { gpus, stage, offload, tp } = r;
  const largestLayer = r.largestLayerParams ?? largestLayerParams(spec);
  const m = METHOD_STRATEGIES[r.method](spec, r, totalParams);
  const pb = precisionBytes(spec, r, totalParams, m.trainable, m.added);

  const matrixElements = m.matrices.reduce((sum, x) => sum + x.rows * x.cols * x.count, 0);
  const factoredElements = m.matrices.reduce((sum, x) => sum + (x.rows + x.cols) * x.count, 0) + Math.max(0, m.trainable - matrixElements);
  const gradients = m.trainable * pb.gradientBytes;
  const optimizer = m.trainable * pb.masterBytes + optimizerStateBytes(r.optimizer, pb.stateBytes, m.trainable, factoredElements);

  // Tensor parallelism splits every matrix over t GPUs; ZeRO then shards each TP rank's states over the data-parallel GPUs.
  const unsharded = { weights: pb.weights, gradients, optimizer };
  const sharded = zeroShard({ weights: pb.weights / tp, gradients: gradients / tp, optimizer: optimizer / tp }, stage, gpus);
  const peft = r.method === 'lora' || r.method === 'qlora';
  if (stage === 3 && peft && !r.shardFrozen) {
    // The frozen base stays whole on every GPU; only the adapters are partitioned.
    sharded.weights = pb.frozenWeights / tp + (pb.weights - pb.frozenWeights) / (tp * gpus);
  }
  let cpuStatesBytes = 0;
  if (offload !== 'none') {
    cpuStatesBytes += sharded.optimizer + sharded.gradients;
    sharded.optimizer = 0;
    sharded.gradients = 0;
  }
  if (offload === 'optimizer-and-params') {
    cpuStatesBytes += sharded.weights;
    sharded.weights = 0;
  }
  // DeepSpeed's estimator budgets the largest layer gathered in fp32 whenever ZeRO-3 partitions or offloads the weights.
  const zeroBuffer = stage === 3 && (gpus > 1 || offload === 'optimizer-and-params') ? (4 * largestLayer) / tp : 0;

  // Frozen copies: a reference (none extra under LoRA/QLoRA, whose base with adapters off is the reference) and PPO's reward model.
  const frozenCopy = zeroShard({ weights: pb.baseWeights / tp, gradients: 0, optimizer: 0 }, r.shardFrozen ? stage : 0, gpus).weights;
  const reference = r.objective !== 'sft' && r.reference === 'model' && !peft ? frozenCopy : 0;
  const reward = r.objective === 'ppo' ? frozenCopy : 0;
  // PPO's value model is a second network of the same size, trained with the same method (TRL: a separate `value_model`).
  const critic = r.objective === 'ppo' ? sharded.weights + sharded.gradients + sharded.optimizer : 0;
  if (r.objective === 'ppo') cpuStatesBytes *= 2;

  const act = activationTerms(spec, r, m, r.batch, r.seq);
  const cpuBytes = cpuStatesBytes * r.bufferFactor + act.offloaded;
  const bytes: FineTuneBytes = {
    ...sharded,
    activations: act.total,
    zeroBuffer,
    reference,
    reward,
    critic,
    criticActivations: act.critic,
    rolloutKvCache: act.kvCache,
    total: 0,
  };
  bytes.total = bytes.weights + bytes.gradients + bytes.optimizer + bytes.activations + zeroBuffer + reference + reward + critic + act.critic + act.kvCache;

  const quantized = r.method === 'qlora';
  const fixed = {
    states: bytes.weights + bytes.optimizer + zeroBuffer + reference + reward + critic,
    gradients: bytes.gradients,
    trainable: m.trainable,
    stateBytes: pb.stateBytes,
    dequantWorkspace: quantized ? (2 * 2 * largestLinearParams(spec)) / tp : 0,
    largestGradient: (m.trainable === totalParams ? largestLayer * pb.gradientBytes : 0) / tp,
  };
  const peakBreakdown = peakOf(r, { ...fixed, activations: act.total + act.critic + act.kvCache, logitsReserve: act.logitsReserve });
  const memory: FineTuneMemory = {
    totalParams,
    trainableParams: m.trainable,
    bytes,
    peak: { allocated: peakBreakdown.allocated, reserved: peakBreakdown.reserved, device: peakBreakdown.device },
    peakBreakdown,
    cpuBytes,
    unsharded,
    activations: {
      perLayer: act.perLayer,
      layers: m.layersWithActivations,
      checkpoints: act.checkpoints,
      logits: act.logits,
      offloaded: act.offloaded,
      tokenBytes: layerTokenBytes(spec, spec.numLayers - 1, r, m),
      logitBytes: act.logits === 0 ? 0 : (act.logits * tp) / (sequencesPerStep(r.objective, r.batch, r.generations) * r.seq * spec.vocabSize),
      head: act.head,
    },
    quantizedParams: pb.quantizedParams,
    cpuStatesBytes,
    overheadBytes: r.overhead,
    largestLayerParams: largestLayer,
    sequences: sequencesPerStep(r.objective, r.batch, r.generations),
    resolved: { framework: r.framework, attention: r.attention, loss: r.loss, adapterFp32: r.adapterFp32, activationOffload: r.actOffload },
  };
  return { memory, r, m, fixed };
}

/**
 * GPU memory per GPU of fine-tuning `spec` with `options`. Throws `FineTuneOptionError` (an `OptionError`: field,
 * reason, got, limit) for settings that describe no possible run.
 *
 * @example
 * // Llama-2-7B, full fine-tuning, mixed-precision AdamW: 16 bytes per parameter of model states (ZeRO §3.1)
 * const m = fineTuneMemory(llama2_7b, { method: 'full', precision: 'mixed', optimizer: 'adamw', batchSize: 1, seqLen: 2048, gradientCheckpointing: false });
 * m.bytes.weights + m.bytes.gradients + m.bytes.optimizer // => 16 * 6738415616
 */
export function fineTuneMemory(spec: ModelSpec, options: FineTuneOptions): FineTuneMemory {
  return compose(spec, options).memory;
}

/** `fineTuneMemory` with the parameter count given; kept for callers of issue 4 (same as `options.totalParams`). */
export function fineTuneMemoryWithParams(spec: ModelSpec, totalParams: number, options: FineTuneOptions): FineTuneMemory {
  checkTotal(totalParams);
  return fineTuneMemory(spec, { ...options, totalParams });
}

function checkTotal(totalParams: number): void {
  if (typeof totalParams !== 'number' || !Number.isFinite(totalParams) || totalParams <= 0)
    throw new FineTuneOptionError('totalParams', 'below-min', totalParams, 0);
}

function checkCapacity(capacityBytes: number): void {
  if (typeof capacityBytes !== 'number' || Number.isNaN(capacityBytes)) throw new FineTuneOptionError('capacityBytes', 'not-number', capacityBytes);
}

/** The reverse solver: largest batch and longest sequence whose `peak.device` fits `capacityBytes` per GPU. */
export function largestFit(spec: ModelSpec, options: FineTuneOptions, capacityBytes: number): LargestFit {
  checkCapacity(capacityBytes);
  const { r, m, fixed } = compose(spec, options);
  return solve(spec, r, m, fixed, capacityBytes);
}

/** `largestFit` with the parameter count given; kept for callers of issue 4. */
export function largestFitWithParams(spec: ModelSpec, totalParams: number, options: FineTuneOptions, capacityBytes: number): LargestFit {
  checkTotal(totalParams);
  return largestFit(spec, { ...options, totalParams }, capacityBytes);
}
