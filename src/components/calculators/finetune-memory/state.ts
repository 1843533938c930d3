import type { StateSchema, StateValues } from '~/lib/input/url-state';
import { LORA_TARGETS, type FineTuneOptions, type LoraTarget } from '~/lib/memory/finetune-memory';

/** URL prefix of this calculator's state (`?ft.method=lora&ft.rank=16`). */
export const URL_PREFIX = 'ft.';

export const METHODS = ['full', 'freeze', 'lora', 'qlora', 'p-tuning-v2'] as const;
export const PRECISIONS = ['mixed', 'bf16', 'fp32'] as const;
export const OPTIMIZERS = ['adamw', 'adamw-8bit', 'sgd-momentum', 'sgd', 'adafactor'] as const;
export const ZERO_STAGES = ['0', '1', '2', '3'] as const;
export const OFFLOADS = ['none', 'optimizer', 'optimizer-and-params'] as const;
export const ADAPTER_PRECISIONS = ['bf16', 'fp32'] as const;

/** Limits of the number fields; the core accepts any positive whole number, these keep the UI sane. */
export const LIMITS = {
  batch: { min: 1, max: 65536, integer: true },
  seq: { min: 1, max: 4_194_304, integer: true },
  rank: { min: 1, max: 4096, integer: true },
  prefix: { min: 1, max: 4096, integer: true },
  layers: { min: 1, max: 1000, integer: true },
  gpus: { min: 1, max: 100_000, integer: true },
} as const;

export function stateSchema(modelIds: readonly string[], gpuIds: readonly string[]) {
  return {
    model: { kind: 'enum', values: modelIds },
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
  } satisfies StateSchema;
}

export type FtSchema = ReturnType<typeof stateSchema>;
export type FtState = StateValues<FtSchema>;

export function defaultState(model: string, gpu: string): FtState {
  return {
    model,
    method: 'full',
    precision: 'mixed',
    opt: 'adamw',
    batch: 1,
    seq: 2048,
    ckpt: false,
    flash: true,
    rank: 8,
    targets: ['q', 'v'],
    prefix: 128,
    proj: false,
    layers: 2,
    gpus: 1,
    zero: '0',
    grad32: false,
    adapter: 'bf16',
    offload: 'none',
    gpu,
  };
}

/** The core's options for a state, with `method` overridden for the comparison strip. */
export function toOptions(state: FtState, method = state.method): FineTuneOptions {
  return {
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
    adapterPrecision: state.adapter as 'bf16' | 'fp32',
    offload: state.offload as FineTuneOptions['offload'],
  };
}
