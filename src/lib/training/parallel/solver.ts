/**
 * "Find a layout": every tensor × context × pipeline × data split of the GPUs (with expert parallelism for MoE
 * models), ZeRO stage, recomputation, microbatch and interleaving, evaluated with `evaluateLayout`; the fastest that
 * fit, fastest first. The model is counted once (`prepareModel`), so each layout costs only arithmetic.
 */
import type { ModelSpec } from '../../model/model-spec';
import { validatorFor } from '../../validate';
import {
  TrainingPlanError,
  CHECKPOINTING,
  ZERO_STAGES,
  evaluateLayout,
  activationBytes,
  layoutComputeSeconds,
  layoutMemory,
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

const solverCheck = /* @__PURE__ */ validatorFor(TrainingPlanError);

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
  // Validates the fixed options once, through the planner's own checks, on the trivial layout. Its batch is one
  // sequence per GPU, so that the trivial layout's split (all data parallel) never refuses a batch that other layouts
  // split evenly (2,048 sequences on 16,384 GPUs); the real batch is checked on its own and layouts that cannot split
  // it are skipped below.
  const base = resolveTrainingOptions(model, {
    ...options,
    tensorParallel: 1,
    pipelineParallel: 1,
    contextParallel: 1,
    expertParallel: 1,
    dataParallel: options.gpus,
    microBatch: 1,
    globalBatchTokens: Number(options.seqLen) * Number(options.gpus),
  } as TrainingOptions);
  const batch = solverCheck.integer('globalBatchTokens', options.globalBatchTokens, { min: base.seqLen, max: 1e12 });
  solverCheck.divides('globalBatchTokens', base.seqLen, batch, 'tokens of the global batch (whole sequences)');
  base.globalBatchTokens = batch;
  const limit = options.limit ?? 10;
  const gpus = base.gpus;
  const memory = base.gpu.memoryBytes;
  const sequences = base.globalBatchTokens / base.seqLen;
  // The fastest `limit` fitting layouts, kept sorted; `worst` is the step time a newcomer must beat once it is full.
  const best: FoundLayout[] = [];
  let evaluated = 0;
  let fitting = 0;
  // One options object, rewritten in place: thousands of layouts, no per-layout spread.
  const r: ResolvedOptions = { ...base };
  const keep = () => {
    const f = evaluateLayout(model, r);
    if (best.length === limit && f.stepSeconds >= best[limit - 1]!.stepSeconds) return;
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
    let i = best.length;
    while (i > 0 && best[i - 1]!.stepSeconds > f.stepSeconds) i--;
    best.splice(i, 0, { ...f, layout });
    if (best.length > limit) best.pop();
  };
  for (const tp of powersOfTwoDividing(gpus, Math.min(base.gpusPerNode, model.heads))) {
    if (model.heads % tp !== 0) continue;
    for (const cp of powersOfTwoDividing(gpus / tp, gpus)) {
      if (base.seqLen % cp !== 0) continue;
      for (const pp of divisors(gpus / (tp * cp))) {
        if (pp > model.layers) break;
        const dp = gpus / (tp * cp * pp);
        if (sequences % dp !== 0) continue;
        const perReplica = sequences / dp;
        const microBatches = MICRO_BATCHES.filter((b) => perReplica % b === 0);
        const stages = VIRTUAL_STAGES.filter((v) => v === 1 || (pp > 1 && pp * v <= model.layers));
        const perZero = CHECKPOINTING.length * stages.length * microBatches.length;
        // Experts spread over valid divisors only: of the expert count and of the data × context ranks.
        const eps = model.numExperts > 0 ? divisors(dp * cp).filter((e) => e <= model.numExperts && model.numExperts % e === 0) : [1];
        r.tensorParallel = tp;
        r.sequenceParallel = tp > 1;
        r.contextParallel = cp;
        r.pipelineParallel = pp;
        r.dataParallel = dp;
        for (const ep of eps) {
          r.expertParallel = ep;
          // ZeRO-3 first: if the leanest stage's model states with the least activations (full recomputation,
          // 1F1B, microbatch 1) do not fit, nothing at this split does.
          for (let zi = ZERO_STAGES.length - 1; zi >= 0; zi--) {
            r.zeroStage = ZERO_STAGES[zi]!;
            evaluated += perZero;
            r.checkpointing = 'full';
            r.virtualStages = 1;
            r.microBatch = microBatches[0]!;
            r.microbatches = perReplica / r.microBatch;
            const floorMemory = layoutMemory(model, r);
            // Model states and buffers do not depend on recomputation, interleaving or the microbatch.
            const states = floorMemory.total - floorMemory.activations;
            if (floorMemory.total > memory) {
              evaluated += zi * perZero; // lower stages hold more: none of them fits either
              break;
            }
            for (const checkpointing of CHECKPOINTING) {
              r.checkpointing = checkpointing;
              const compute = layoutComputeSeconds(model, r);
              for (const v of stages) {
                r.virtualStages = v;
                // Activations grow with the microbatch (b · min(p, m) never shrinks), so the first miss ends the loop.
                for (const microBatch of microBatches) {
                  r.microBatch = microBatch;
                  r.microbatches = perReplica / microBatch;
                  if (states + activationBytes(model, r) > memory) break;
                  fitting++;
                  // ZeRO-0/1 move the same bytes as ZeRO-2 here (ZeRO §7.2: 2Ψ either way) and fit only where it fits:
                  // equal step times, so they are counted, not listed twice.
                  if (r.zeroStage < 2) continue;
                  // Compute plus bubble is a floor on the step time: a layout that cannot beat the list is not timed.
                  const floor = pp > 1 ? compute * (1 + (pp - 1) / (r.microbatches * v)) : compute;
                  if (best.length < limit || floor < best[limit - 1]!.stepSeconds) keep();
                }
              }
            }
          }
        }
      }
    }
  }
  return { layouts: best, evaluated, fitting };
}
