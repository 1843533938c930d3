/**
 * "Find a layout": every tensor × context × pipeline × data split of the GPUs (with expert parallelism for MoE
 * models), ZeRO stage, recomputation, microbatch and interleaving, evaluated with `evaluateLayout`; the fastest that
 * fit, fastest first. The model is counted once (`prepareModel`), so each layout costs only arithmetic.
 */
import type { ModelSpec } from '../../model/model-spec';
import {
  CHECKPOINTING,
  ZERO_STAGES,
  evaluateLayout,
  prepareModel,
  resolveTrainingOptions,
  type LayoutFigures,
  type ResolvedOptions,
  type TrainingLayout,
  type TrainingOptions,
} from './plan';

/** The options a solver search holds fixed; the layout fields are what it varies. */
export type FindLayoutsOptions = Omit<
  TrainingOptions,
  | 'tensorParallel'
  | 'sequenceParallel'
  | 'pipelineParallel'
  | 'virtualStages'
  | 'contextParallel'
  | 'expertParallel'
  | 'dataParallel'
  | 'zeroStage'
  | 'microBatch'
  | 'checkpointing'
> & {
  /** How many layouts to return (default 10). */
  limit?: number;
};

export interface FoundLayout extends LayoutFigures {
  layout: TrainingLayout;
}

export interface FoundLayouts {
  /** The fastest fitting layouts, fastest first. */
  layouts: FoundLayout[];
  /** Layouts evaluated. */
  evaluated: number;
  /** Of which fit in memory. */
  fitting: number;
}

const MICRO_BATCHES = [1, 2, 4, 8];
const VIRTUAL_STAGES = [1, 2, 4];

function divisors(n: number): number[] {
  const out: number[] = [];
  for (let i = 1; i * i <= n; i++) if (n % i === 0) out.push(i, n / i);
  return [...new Set(out)].sort((a, b) => a - b);
}

const powersOfTwoDividing = (n: number, max: number) => {
  const out: number[] = [];
  for (let x = 1; x <= max && n % x === 0; x *= 2) out.push(x);
  return out;
};

/**
 * The fastest layouts of `options.gpus` GPUs that fit, by step time.
 * @example findLayouts(llama3_70b, { gpu: 'h100-80gb', gpus: 1024, seqLen: 8192, globalBatchTokens: 2 ** 24 }).layouts[0].layout
 */
export function findLayouts(spec: ModelSpec, options: FindLayoutsOptions): FoundLayouts {
  const model = prepareModel(spec);
  // Validates the fixed options once, through the planner's own checks, on the trivial layout.
  const base = resolveTrainingOptions(model, {
    ...options,
    tensorParallel: 1,
    pipelineParallel: 1,
    contextParallel: 1,
    expertParallel: 1,
    dataParallel: options.gpus,
    microBatch: 1,
  } as TrainingOptions);
  const limit = options.limit ?? 10;
  const gpus = base.gpus;
  const sequences = base.globalBatchTokens / base.seqLen;
  const found: FoundLayout[] = [];
  let evaluated = 0;
  for (const tp of powersOfTwoDividing(gpus, Math.min(base.gpusPerNode, model.heads))) {
    if (model.heads % tp !== 0) continue;
    for (const cp of powersOfTwoDividing(gpus / tp, gpus)) {
      if (base.seqLen % cp !== 0) continue;
      for (const pp of divisors(gpus / (tp * cp))) {
        if (pp > model.layers) break;
        const dp = gpus / (tp * cp * pp);
        if (sequences % dp !== 0) continue;
        const eps = model.numExperts > 0 ? divisors(dp * cp).filter((e) => model.numExperts % e === 0) : [1];
        for (const ep of eps) {
          for (const microBatch of MICRO_BATCHES) {
            if ((sequences / dp) % microBatch !== 0) continue;
            for (const v of VIRTUAL_STAGES) {
              if (v > 1 && (pp === 1 || pp * v > model.layers)) continue;
              for (const checkpointing of CHECKPOINTING) {
                for (const zeroStage of ZERO_STAGES) {
                  const r: ResolvedOptions = {
                    ...base,
                    tensorParallel: tp,
                    sequenceParallel: tp > 1,
                    pipelineParallel: pp,
                    virtualStages: v,
                    contextParallel: cp,
                    expertParallel: ep,
                    dataParallel: dp,
                    zeroStage,
                    microBatch,
                    checkpointing,
                    microbatches: sequences / (dp * microBatch),
                  };
                  const f = evaluateLayout(model, r);
                  evaluated++;
                  if (!f.fits) continue;
                  const {
                    gpu: _gpu,
                    gpus: _gpus,
                    globalBatchTokens: _g,
                    seqLen: _s,
                    precision: _p,
                    optimizer: _o,
                    gpusPerNode: _n,
                    scaleOutBytesPerSecond: _b,
                    computeEfficiency: _e,
                    expertOverlap: _x,
                    flashAttention: _f,
                    ...layout
                  } = r;
                  found.push({ ...f, layout });
                }
              }
            }
          }
        }
      }
    }
  }
  found.sort((a, b) => a.stepSeconds - b.stepSeconds);
  return { layouts: found.slice(0, limit), evaluated, fitting: found.length };
}
