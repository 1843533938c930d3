import type { StateSchema, StateValues } from '~/components/calculators/shared/url-state';
import type { FineTuneOptions } from '~/lib/memory/finetune-memory';
import { LORA_TARGETS, type LoraTarget } from '~/lib/memory/lora-targets';
import { REFERENCE_SOURCES, TRAINING_OBJECTIVES, type TrainingObjective, type ReferenceSource } from '~/lib/memory/preference';

/** URL prefix of this calculator's state (`?ft.method=lora&ft.rank=16`). */
export const URL_PREFIX = 'ft.';

export const METHODS = ['full', 'freeze', 'lora', 'qlora', 'p-tuning-v2'] as const;
export const PRECISIONS = ['mixed', 'bf16', 'fp32'] as const;
export const OPTIMIZERS = ['adamw', 'adamw-8bit', 'sgd-momentum', 'sgd', 'adafactor'] as const;
export const ZERO_STAGES = ['0', '1', '2', '3'] as const;
export const OFFLOADS = ['none', 'optimizer', 'optimizer-and-params'] as const;
/** 'auto': the framework's (PEFT upcasts adapters to fp32; torchtune, LitGPT and Unsloth keep them 16-bit). */
export const ADAPTER_PRECISIONS = ['auto', 'bf16', 'fp32'] as const;
export const OBJECTIVES = TRAINING_OBJECTIVES;
export const REFERENCES = REFERENCE_SOURCES;
export const QLORA_BITS = ['4', '8'] as const;
export const FREEZE_SCOPES = ['linear', 'layers'] as const;
/** Tensor-parallel degrees offered: powers of two up to one 8-GPU node's NVLink domain and beyond. */
export const TP_DEGREES = ['1', '2', '4', '8', '16'] as const;
/** Framework profiles (src/lib/training/finetune/profiles.ts), in the order the select lists them. */
export const FRAMEWORKS = ['hf', 'llama-factory', 'unsloth', 'torchtune', 'litgpt'] as const;
/**
 * CUDA context and the kernels a training process loads, in GiB: the profiles' measured figure (1,280 MiB), which
 * the overhead field opens with instead of 0.
 */
export const MEASURED_CONTEXT_GIB = 1.25;

/** Limits of the number fields; the core accepts any positive whole number, these keep the UI sane. */
export const LIMITS = {
  batch: { min: 1, max: 65536, integer: true },
  seq: { min: 1, max: 4_194_304, integer: true },
  rank: { min: 1, max: 4096, integer: true },
  prefix: { min: 1, max: 4096, integer: true },
  layers: { min: 1, max: 1000, integer: true },
  gpus: { min: 1, max: 100_000, integer: true },
  gens: { min: 2, max: 1024, integer: true },
  /** Framework overhead in GiB (CUDA context, allocator reserve). */
  overhead: { min: 0, max: 1024, integer: false },
} as const;

export function stateSchema(modelIds: readonly string[], gpuIds: readonly string[]) {
  return {
    model: { kind: 'enum', values: modelIds },
    fw: { kind: 'enum', values: FRAMEWORKS },
    method: { kind: 'enum', values: METHODS },
    precision: { kind: 'enum', values: PRECISIONS },
    opt: { kind: 'enum', values: OPTIMIZERS },
    batch: { kind: 'number', ...LIMITS.batch },
    seq: { kind: 'number', ...LIMITS.seq },
    ckpt: { kind: 'boolean' },
    flash: { kind: 'boolean' },
    rank: { kind: 'number', ...LIMITS.rank },
    targets: { kind: 'set', values: LORA_TARGETS },
    prefix: { kind: 'number', ...LIMITS.prefix },
    proj: { kind: 'boolean' },
    layers: { kind: 'number', ...LIMITS.layers },
    gpus: { kind: 'number', ...LIMITS.gpus },
    zero: { kind: 'enum', values: ZERO_STAGES },
    grad32: { kind: 'boolean' },
    adapter: { kind: 'enum', values: ADAPTER_PRECISIONS },
    offload: { kind: 'enum', values: OFFLOADS },
    gpu: { kind: 'enum', values: gpuIds },
    objective: { kind: 'enum', values: OBJECTIVES },
    ref: { kind: 'enum', values: REFERENCES },
    gens: { kind: 'number', ...LIMITS.gens },
    fusedce: { kind: 'boolean' },
    actoffload: { kind: 'boolean' },
    tp: { kind: 'enum', values: TP_DEGREES },
    sp: { kind: 'boolean' },
    overhead: { kind: 'number', ...LIMITS.overhead },
    qbits: { kind: 'enum', values: QLORA_BITS },
    freezescope: { kind: 'enum', values: FREEZE_SCOPES },
  } satisfies StateSchema;
}

export type FtSchema = ReturnType<typeof stateSchema>;
export type FtState = StateValues<FtSchema>;

export function defaultState(model: string, gpu: string): FtState {
  return {
    model,
    fw: 'hf',
    method: 'full',
    precision: 'mixed',
    opt: 'adamw',
    batch: 1,
    seq: 2048,
    // On by default, as LLaMA-Factory, torchtune and Unsloth open their recipes (issue 27): a QLoRA link opens with it.
    ckpt: true,
    flash: true,
    rank: 8,
    targets: ['q', 'v'],
    prefix: 128,
    proj: false,
    layers: 2,
    gpus: 1,
    zero: '0',
    grad32: false,
    adapter: 'auto',
    offload: 'none',
    gpu,
    objective: 'sft',
    ref: 'model',
    gens: 8,
    fusedce: false,
    actoffload: false,
    tp: '1',
    sp: false,
    overhead: MEASURED_CONTEXT_GIB,
    qbits: '4',
    freezescope: 'linear',
  };
}

/** The core's options for a state, with `method` overridden for the comparison strip. */
export function toOptions(state: FtState, method = state.method): FineTuneOptions {
  return {
    framework: state.fw as FineTuneOptions['framework'],
    method: method as FineTuneOptions['method'],
    precision: state.precision as FineTuneOptions['precision'],
    optimizer: state.opt as FineTuneOptions['optimizer'],
    batchSize: state.batch,
    seqLen: state.seq,
    gradientCheckpointing: state.ckpt,
    flashAttention: state.flash,
    lora: { rank: state.rank, targets: state.targets as LoraTarget[] },
    prefixLength: state.prefix,
    prefixProjection: state.proj,
    trainableLayers: state.layers,
    gpus: state.gpus,
    zeroStage: Number(state.zero) as 0 | 1 | 2 | 3,
    fp32Gradients: state.grad32,
    adapterPrecision: state.adapter === 'auto' ? undefined : (state.adapter as 'bf16' | 'fp32'),
    offload: state.offload as FineTuneOptions['offload'],
    objective: state.objective as TrainingObjective,
    // A reference choice that does not apply to the objective falls back to a frozen model rather than refusing.
    preference: { reference: referenceFor(state), numGenerations: state.gens },
    // Unticked means the framework's own loss and offload (Unsloth fuses and offloads by default).
    fusedCrossEntropy: state.fusedce || undefined,
    activationOffload: state.actoffload || undefined,
    tensorParallel: Number(state.tp),
    sequenceParallel: state.sp && state.tp !== '1',
    frameworkOverheadBytes: state.overhead * 2 ** 30,
    qloraBits: Number(state.qbits) as 4 | 8,
    freezeScope: state.freezescope as 'linear' | 'layers',
  };
}

/** The reference source the objective accepts: precomputed log-probs are DPO's, "none" (beta = 0) is GRPO's. */
export function referenceFor(state: Pick<FtState, 'objective' | 'ref'>): ReferenceSource {
  const ref = state.ref as ReferenceSource;
  if (ref === 'precomputed' && state.objective !== 'dpo') return 'model';
  if (ref === 'none' && state.objective !== 'grpo') return 'model';
  return ref;
}

/** The reference choices that make sense for an objective. */
export function referencesFor(objective: string): readonly ReferenceSource[] {
  if (objective === 'dpo') return ['model', 'precomputed'];
  if (objective === 'grpo') return ['model', 'none'];
  return ['model'];
}
