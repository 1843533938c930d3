/**
 * The training planner's shareable state (URL prefix `trn.`), its defaults, and the inputs the core needs, shared
 * by the island and the `.astro` wrapper so the server-rendered page carries the figures the island shows.
 */
import type { StateSchema, StateValues } from '~/components/calculators/shared/url-state';
import type { TrainingGpu, TrainingInputs, TrainingModel } from './view';

export const PREFIX = 'trn.';
export const ZERO_CHOICES = ['0', '1', '2', '3'] as const;
export const CHECKPOINT_CHOICES = ['none', 'selective', 'full'] as const;
export const PRECISION_CHOICES = ['bf16', 'fp8'] as const;
export const OPTIMIZER_CHOICES = ['adamw', 'adamw-8bit', 'sgd'] as const;
export const UNITS = ['binary', 'decimal'] as const;

export function trainingSchema(modelIds: string[], gpuIds: string[]) {
  return {
    model: { kind: 'enum', values: modelIds },
    gpu: { kind: 'enum', values: gpuIds },
    gpus: { kind: 'number', min: 1, max: 1_000_000, integer: true },
    tp: { kind: 'number', min: 1, max: 1024, integer: true },
    sp: { kind: 'boolean' },
    pp: { kind: 'number', min: 1, max: 1024, integer: true },
    /** Model chunks per GPU (interleaved 1F1B); 1 = plain 1F1B. */
    vpp: { kind: 'number', min: 1, max: 128, integer: true },
    cp: { kind: 'number', min: 1, max: 1024, integer: true },
    ep: { kind: 'number', min: 1, max: 1024, integer: true },
    zero: { kind: 'enum', values: ZERO_CHOICES },
    mb: { kind: 'number', min: 1, max: 4096, integer: true },
    seq: { kind: 'number', min: 1, max: 10_000_000, integer: true },
    /** Sequences per optimizer step, all replicas together (global batch = seqs × seq tokens). */
    gbs: { kind: 'number', min: 1, max: 100_000_000, integer: true },
    ckpt: { kind: 'enum', values: CHECKPOINT_CHOICES },
    prec: { kind: 'enum', values: PRECISION_CHOICES },
    opt: { kind: 'enum', values: OPTIMIZER_CHOICES },
    /** GPUs per NVLink / NVSwitch domain. */
    node: { kind: 'number', min: 1, max: 100_000, integer: true },
    /** Scale-out bandwidth per GPU, GB/s one way. */
    ib: { kind: 'number', min: 0.001, max: 1_000_000 },
    /** Share of the tensor peak the matmuls reach, percent; 0 = the calibrated default. */
    eff: { kind: 'number', min: 0, max: 100 },
    /** Share of the expert all-to-all hidden behind compute, percent. */
    eov: { kind: 'number', min: 0, max: 100 },
    drop: { kind: 'boolean' },
    /** Layers taken off the first and last pipeline stages (Llama 3 §3.3.2). */
    edge: { kind: 'number', min: 0, max: 1000, integer: true },
    /** Tokens to train, billions. */
    tokens: { kind: 'number', min: 0.001, max: 1_000_000 },
    /** Price per GPU-hour (any currency; 0 = no cost shown). */
    price: { kind: 'number', min: 0, max: 1000 },
    units: { kind: 'enum', values: UNITS },
  } satisfies StateSchema;
}
export type TrainingSchema = ReturnType<typeof trainingSchema>;
export type TrainingState = StateValues<TrainingSchema>;

/** The starting point when no published run is chosen: Llama-3.1-70B on 1,024 H100s, 16M-token batches of 8k. */
export const BASE_STATE: TrainingState = {
  model: 'llama-3.1-70b',
  gpu: 'h100-80gb',
  gpus: 1024,
  tp: 8,
  sp: true,
  pp: 4,
  vpp: 1,
  cp: 1,
  ep: 1,
  zero: '1',
  mb: 1,
  seq: 8192,
  gbs: 2048,
  ckpt: 'selective',
  prec: 'bf16',
  opt: 'adamw',
  node: 8,
  ib: 50,
  eff: 0,
  eov: 0,
  drop: false,
  edge: 0,
  tokens: 15_000,
  price: 2,
  units: 'binary',
};

/** The inputs the core needs, from the URL-shaped state and the lists the page carries. */
export function inputsOf(state: TrainingState, models: TrainingModel[], gpus: TrainingGpu[]): TrainingInputs {
  const model = models.find((m) => m.id === state.model) ?? models[0]!;
  const gpu = gpus.find((g) => g.id === state.gpu) ?? gpus[0]!;
  return {
    model,
    gpu,
    options: {
      gpus: state.gpus,
      tensorParallel: state.tp,
      sequenceParallel: state.sp && state.tp > 1,
      pipelineParallel: state.pp,
      virtualStages: state.vpp,
      contextParallel: state.cp,
      expertParallel: state.ep,
      zeroStage: Number(state.zero) as 0 | 1 | 2 | 3,
      microBatch: state.mb,
      seqLen: state.seq,
      globalBatchTokens: state.gbs * state.seq,
      checkpointing: state.ckpt as TrainingInputs['options']['checkpointing'],
      precision: state.prec as TrainingInputs['options']['precision'],
      optimizer: state.opt as TrainingInputs['options']['optimizer'],
      gpusPerNode: state.node,
      scaleOutGBps: state.ib,
      computeEfficiency: state.eff > 0 ? state.eff / 100 : undefined,
      expertOverlap: state.eov / 100,
      dropout: state.drop,
      edgeStageLayerReduction: state.edge,
    },
    tokens: state.tokens * 1e9,
    pricePerGpuHour: state.price,
  };
}
