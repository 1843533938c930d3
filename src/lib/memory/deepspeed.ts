/**
 * DeepSpeed's own model-state memory estimators, term for term, so a reader can check the calculator against
 * the numbers `estimate_zero{2,3}_model_states_mem_needs_all_cold` prints.
 *
 * Source: github.com/deepspeedai/DeepSpeed at edaa7221267243c7be7fb49c5d5f5c4fb97b4641 (2026-08-22):
 * - `deepspeed/runtime/zero/stage3.py`, `estimate_zero3_model_states_mem_needs`;
 * - `deepspeed/runtime/zero/stage_1_and_2.py`, `estimate_zero2_model_states_mem_needs` (the no-offload GPU term
 *   is 2Ψ + 18Ψ/N since PR #5099, June 2024; before it was 4Ψ + 16Ψ/N, which is what docs/code-docs/source/memory.rst
 *   still prints for t5-3b: 15.93 GB instead of 11.28).
 * Both return bytes; DeepSpeed prints them divided by 2^30 and labels them "GB" (they are GiB).
 * Model states only: no activations, no CUDA context, no temporary buffers.
 */
import { OptionError, type OptionReason } from '../errors';
import { validatorFor } from '../validate';

/** Thrown for estimator inputs DeepSpeed would not accept: an `OptionError` with the argument as `field` and a reason code. */
export class DeepSpeedEstimateError extends OptionError {
  override name = 'DeepSpeedEstimateError';
  constructor(field: string, reason: OptionReason, got?: unknown, limit?: number | string, detail?: string) {
    super(field, reason, got, limit, detail);
  }
}

const check = validatorFor(DeepSpeedEstimateError);

export interface DeepSpeedEstimate {
  /** Bytes per GPU. */
  gpuBytes: number;
  /** Bytes of CPU memory per node, buffer factor included. */
  cpuBytes: number;
}

export interface DeepSpeedZero3Args {
  totalParams: number;
  /** Parameters of the largest single module (`model_to_params`: parameters with `recurse=False`). */
  largestLayerParams: number;
  gpusPerNode: number;
  nodes: number;
  /** `offload_param: cpu` (needs `offloadOptimizer`, as in DeepSpeed's table). */
  offloadParam: boolean;
  /** `offload_optimizer: cpu`. */
  offloadOptimizer: boolean;
  /** `zero.Init`: each process builds only its partition instead of the whole model in CPU memory. */
  zeroInit: boolean;
  /** `additional_buffer_factor`, default 1.5. */
  bufferFactor?: number;
}

export interface DeepSpeedZero2Args {
  totalParams: number;
  gpusPerNode: number;
  nodes: number;
  offloadOptimizer: boolean;
  bufferFactor?: number;
}

/** DeepSpeed's default `additional_buffer_factor`. */
export const DEEPSPEED_BUFFER_FACTOR = 1.5;

const positiveNumber = (field: string, value: unknown): number => check.number(field, value, { min: Number.MIN_VALUE });
const wholeNumber = (field: string, value: unknown): number => check.integer(field, value);
const flag = (field: string, value: unknown): boolean => check.flag(field, value);

/**
 * ZeRO-3 model-state memory as `estimate_zero3_model_states_mem_needs` computes it. The GPU always holds the
 * largest layer gathered in fp32 (4 bytes per parameter); without offload it also holds 18 bytes per parameter
 * sharded over all GPUs (2 fp16 weights + 2 fp16 gradients + 4 fp32 gradients + 4 fp32 master + 8 Adam), with
 * optimizer offload only the 2-byte fp16 weight shard. CPU memory is per node and multiplied by the buffer factor.
 *
 * @example
 * // bigscience/T0_3B on one GPU (HF Transformers DeepSpeed docs): 70.00 GB CPU, 0.25 GB GPU
 * deepspeedZero3Estimate({ totalParams: 2783959040, largestLayerParams: 65798144, gpusPerNode: 1, nodes: 1, offloadParam: true, offloadOptimizer: true, zeroInit: true })
 */
export function deepspeedZero3Estimate(args: DeepSpeedZero3Args): DeepSpeedEstimate {
  const P = positiveNumber('totalParams', args.totalParams);
  const LL = positiveNumber('largestLayerParams', args.largestLayerParams);
  if (LL > P) throw new DeepSpeedEstimateError('largestLayerParams', 'above-max', LL, P, `cannot exceed totalParams (${P})`);
  const perNode = wholeNumber('gpusPerNode', args.gpusPerNode);
  const nodes = wholeNumber('nodes', args.nodes);
  const offloadParam = flag('offloadParam', args.offloadParam);
  const offloadOptimizer = flag('offloadOptimizer', args.offloadOptimizer);
  const zeroInit = flag('zeroInit', args.zeroInit);
  const factor = positiveNumber('bufferFactor', args.bufferFactor ?? DEEPSPEED_BUFFER_FACTOR);
  check.requires(
    'offloadParam',
    !offloadParam || offloadOptimizer,
    offloadParam,
    'offloadOptimizer (DeepSpeed estimates parameter offload only together with optimizer offload)',
  );
  const totalGpus = nodes * perNode;
  const gpusFactor = 1 / nodes;
  const largestLayerMemory = 4 * LL;
  let gpu: number;
  let cpu: number;
  if (offloadOptimizer) {
    if (offloadParam) {
      gpu = largestLayerMemory;
      cpu = zeroInit ? P * 18 * gpusFactor * factor : P * Math.max(4 * perNode, 18 * gpusFactor) * factor;
    } else {
      gpu = largestLayerMemory + Math.trunc((2 * P) / totalGpus);
      cpu = zeroInit ? P * 16 * gpusFactor * factor : P * Math.max(4 * perNode, 16 * gpusFactor) * factor;
    }
  } else {
    gpu = largestLayerMemory + Math.trunc((18 * P) / totalGpus);
    cpu = zeroInit ? LL * 4 * perNode * factor : P * 4 * perNode * factor;
  }
  // DeepSpeed returns int(cpu_mem), int(gpu_mem).
  return { gpuBytes: Math.trunc(gpu), cpuBytes: Math.trunc(cpu) };
}

/**
 * ZeRO-2 model-state memory as `estimate_zero2_model_states_mem_needs` computes it: with optimizer offload the GPU
 * keeps the fp16 weights (2Ψ) and the CPU Ψ·max(4N, 16)·factor; without, 2Ψ + 18Ψ/N on the GPU and the fp32 model
 * loaded by every process of the node in CPU memory (4Ψ·gpus per node·factor).
 *
 * @example
 * // t5-3b, 8 GPUs (DeepSpeed memory.rst): 127.45 GB CPU, 5.31 GB GPU with offload
 * deepspeedZero2Estimate({ totalParams: 2851e6, gpusPerNode: 8, nodes: 1, offloadOptimizer: true })
 */
export function deepspeedZero2Estimate(args: DeepSpeedZero2Args): DeepSpeedEstimate {
  const P = positiveNumber('totalParams', args.totalParams);
  const perNode = wholeNumber('gpusPerNode', args.gpusPerNode);
  const nodes = wholeNumber('nodes', args.nodes);
  const offload = flag('offloadOptimizer', args.offloadOptimizer);
  const factor = positiveNumber('bufferFactor', args.bufferFactor ?? DEEPSPEED_BUFFER_FACTOR);
  const totalGpus = nodes * perNode;
  let gpu: number;
  let cpu: number;
  if (offload) {
    gpu = 2 * P;
    cpu = P * Math.max(4 * totalGpus, 16) * factor;
  } else {
    gpu = 2 * P + Math.trunc((18 * P) / totalGpus);
    cpu = P * 4 * perNode * factor;
  }
  return { gpuBytes: Math.trunc(gpu), cpuBytes: Math.trunc(cpu) };
}
