/**
 * The training planner's shapes: its inputs, what it shows (`TrainingView`), the problems it reports, and the
 * layout picture's cells. Pure (no DOM); the numbers come from `compute.ts`, which the island loads after start-up.
 */
import type { OptionReason } from '~/lib/errors';
import type { ModelSpec } from '~/lib/model/model-spec';
import type { GpuSpec } from '~/lib/hardware/gpus';
import type { TrainingComm, TrainingLayout, TrainingMemory, TrainingOptions } from '~/lib/training/parallel';
import type { TrainingState } from './state';

/** A model the planner offers: a site preset or a published run's model (Llama 3.1 405B, BLOOM, Megatron's GPT). */
export interface TrainingModel {
  id: string;
  name: string;
  spec: ModelSpec;
  /** The config.json or table it was read from. */
  source: string;
}

export type TrainingGpu = GpuSpec & { id: string; name: string };

/** A published run as a starting point: its state, where it is from, and what was reported. */
export interface TrainingPreset {
  id: string;
  /** The run's name in each language is in the string tables (`presetNames`); `id` keys them. */
  state: TrainingState;
  source: string;
}

export interface TrainingInputs {
  model: TrainingModel;
  gpu: TrainingGpu;
  options: Omit<TrainingOptions, 'gpu'>;
  /** Tokens to train on. */
  tokens: number;
  /** Price per GPU-hour; 0 shows no cost. */
  pricePerGpuHour: number;
}

/** The state keys a core refusal can point at. */
export type ProblemField =
  | 'gpu'
  | 'gpus'
  | 'tp'
  | 'sp'
  | 'pp'
  | 'vpp'
  | 'cp'
  | 'ep'
  | 'zero'
  | 'mb'
  | 'seq'
  | 'gbs'
  | 'ckpt'
  | 'prec'
  | 'opt'
  | 'node'
  | 'ib'
  | 'eff'
  | 'eov'
  | 'edge'
  | 'tokens'
  | 'price'
  | 'other';

/** Why the inputs cannot be computed, tied to the field the reader should change. */
export interface FieldProblem {
  field: ProblemField;
  /** The core's reason code (`OptionError.reason`), which the string tables translate. */
  reason: OptionReason;
  /** The value refused, as short inert text. */
  got?: string;
  /** The bound it broke, or the count it failed to split. */
  limit?: number | string;
  /** The core's English message: for developers and logs, never shown in place of a translation. */
  detail: string;
}

export type MemoryKey = Exclude<keyof TrainingMemory, 'total'>;
export const MEMORY_KEYS: readonly MemoryKey[] = ['weights', 'gradients', 'optimizer', 'activations', 'buffers'];

export type StepKey = 'compute' | keyof TrainingComm | 'bubble';
export const STEP_KEYS: readonly StepKey[] = ['compute', 'tp', 'cp', 'ep', 'bubble', 'pp', 'dp'];

export interface TrainingView {
  layout: TrainingLayout;
  perGpu: TrainingMemory;
  gpuMemoryBytes: number;
  fits: boolean;
  /** Bytes over the GPU's memory (≤ 0 when it fits), and the largest term: what the verdict names. */
  overBytes: number;
  largest: MemoryKey;
  stepSeconds: number;
  tokensPerSecond: number;
  mfu: number;
  hfu: number;
  bubbleFraction: number;
  /** Seconds per step by part, left to right as `STEP_KEYS`. */
  step: Record<StepKey, number>;
  flopsPerToken: { model: number; hardware: number };
  /** N of the PaLM formula (parameters a token multiplies), total and active parameters. */
  params: { matmul: number; total: number; active: number };
  /** The model's activation bytes per token and layer over h (34 for GPT's widths with dropout). */
  activationConstant: number;
  /** Layers on the fullest stage and microbatches its first rank holds at its peak (the activation formula's terms). */
  stageLayers: number;
  inFlight: number;
  /** The attention term of the FLOPs: attention layers, heads, Q_k + Q_v per head, context (sliding windows shorten it). */
  attention: { layers: number; heads: number; width: number; context: number };
  hidden: number;
  peakFlops: number;
  linkBytesPerSecond: number;
  networkBytesPerSecond: number;
  gpus: number;
  tokens: number;
  trainSeconds: number;
  gpuHours: number;
  /** null without a price. */
  cost: number | null;
}

/** One row of "find a layout": the layout as state fields, and its figures. */
export interface FoundRow {
  patch: Pick<TrainingState, 'tp' | 'sp' | 'pp' | 'vpp' | 'cp' | 'ep' | 'zero' | 'mb' | 'ckpt' | 'edge'>;
  dp: number;
  stepSeconds: number;
  mfu: number;
  memoryBytes: number;
}

export interface FoundView {
  rows: FoundRow[];
  evaluated: number;
  fitting: number;
}

/** Group colouring of the layout picture. */
export const GROUP_KINDS = ['tp', 'pp', 'dp', 'cp', 'ep'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** One drawn GPU: its global rank, its coordinates in each parallel dimension, and its node. */
export interface GridCell {
  rank: number;
  node: number;
  tp: number;
  cp: number;
  dp: number;
  pp: number;
  /** The expert-parallel group (ranks sharing one set of experts' shards). */
  ep: number;
}

/** Most GPUs drawn one by one; beyond, the picture shows the first ones and says how many it left out. */
export const GRID_MAX_CELLS = 256;

/**
 * The first GPUs in Megatron-LM's rank order (tensor fastest, then context, data, pipeline: its default
 * `order="tp-cp-ep-dp-pp"`), one row per node, each with its place in every parallel group.
 */
export function gridCells(
  layout: Pick<TrainingLayout, 'tensorParallel' | 'contextParallel' | 'dataParallel' | 'pipelineParallel' | 'expertParallel'>,
  gpusPerNode: number,
  max = GRID_MAX_CELLS,
): GridCell[] {
  const t = layout.tensorParallel;
  const c = layout.contextParallel;
  const d = layout.dataParallel;
  const total = t * c * d * layout.pipelineParallel;
  const cells: GridCell[] = [];
  for (let rank = 0; rank < Math.min(total, max); rank++) {
    const tp = rank % t;
    const cp = Math.floor(rank / t) % c;
    const dp = Math.floor(rank / (t * c)) % d;
    const pp = Math.floor(rank / (t * c * d));
    // Experts are spread over `ep` consecutive ranks of the data × context dimension.
    const dc = dp * c + cp;
    cells.push({ rank, node: Math.floor(rank / gpusPerNode), tp, cp, dp, pp, ep: Math.floor(dc / Math.max(1, layout.expertParallel)) });
  }
  return cells;
}

/** The group a cell belongs to for a colouring: ranks of one group share the colour. */
export function groupOf(cell: GridCell, kind: GroupKind, layout: Pick<TrainingLayout, 'tensorParallel' | 'contextParallel' | 'dataParallel'>): number {
  const { tensorParallel: t, contextParallel: c, dataParallel: d } = layout;
  switch (kind) {
    // A tensor-parallel group: same cp, dp, pp.
    case 'tp':
      return cell.cp + c * (cell.dp + d * cell.pp);
    // A pipeline group: same tp, cp, dp (one copy of the model, cut into stages): coloured by stage instead.
    case 'pp':
      return cell.pp;
    case 'dp':
      return cell.tp + t * (cell.cp + c * cell.pp);
    case 'cp':
      return cell.tp + t * (cell.dp + d * cell.pp);
    case 'ep':
      return cell.ep + cell.pp * 100_000;
  }
}
