/**
 * Everything the training planner shows, from its inputs, in pure functions (no DOM): the plan of
 * `src/lib/training/parallel` (memory per GPU, step time, MFU/HFU, time and cost), the verdict's figures, and the
 * "find a layout" solver's rows. Core errors become field problems. The island loads this after start-up (`core.ts`);
 * until then the first frame is what the server computed with it.
 */
import { isOptionError } from '~/lib/errors';
import { countActiveParams, countParams } from '~/lib/model/param-count';
import { DEFAULT_SCALE_OUT_GBPS, findLayouts, inFlightMicrobatches, prepareModel, stageLayerCounts, trainingPlan } from '~/lib/training/parallel';
import type { FieldProblem, FoundView, MemoryKey, ProblemField, TrainingInputs, TrainingView } from './view';
import { MEMORY_KEYS } from './view';

/** The core's option names → the planner's fields (state keys). */
const FIELDS: Record<string, ProblemField> = {
  gpu: 'gpu',
  gpus: 'gpus',
  tensorParallel: 'tp',
  sequenceParallel: 'sp',
  pipelineParallel: 'pp',
  virtualStages: 'vpp',
  contextParallel: 'cp',
  expertParallel: 'ep',
  // Derived from the GPUs: a mismatch is the GPU count's.
  dataParallel: 'gpus',
  zeroStage: 'zero',
  microBatch: 'mb',
  globalBatchTokens: 'gbs',
  seqLen: 'seq',
  checkpointing: 'ckpt',
  precision: 'prec',
  optimizer: 'opt',
  gpusPerNode: 'node',
  scaleOutGBps: 'ib',
  computeEfficiency: 'eff',
  expertOverlap: 'eov',
  edgeStageLayerReduction: 'edge',
  tokens: 'tokens',
};

export function problemOf(error: unknown): FieldProblem {
  // Anything else is a bug in the core; it is shown as is rather than thrown (a calculator never throws).
  if (!isOptionError(error)) return { field: 'other', reason: 'malformed', detail: String(error) };
  return { field: FIELDS[error.field] ?? 'other', reason: error.reason, got: error.gotText, limit: error.limit, detail: error.message };
}

/** The planner's numbers for `inputs`, or the field to fix. Never throws. */
export function computeTraining(inputs: TrainingInputs): { ok: true; value: TrainingView } | { ok: false; error: FieldProblem } {
  try {
    const { spec } = inputs.model;
    const plan = trainingPlan(spec, { ...inputs.options, gpu: inputs.gpu });
    const p = plan.perGpu;
    const largest = MEMORY_KEYS.reduce<MemoryKey>((a, k) => (p[k] > p[a] ? k : a), 'weights');
    const model = prepareModel(spec);
    const trainSeconds = plan.trainSeconds(inputs.tokens);
    const gpuHours = plan.gpuHours(inputs.tokens);
    return {
      ok: true,
      value: {
        layout: plan.layout,
        perGpu: p,
        gpuMemoryBytes: plan.gpuMemoryBytes,
        fits: plan.fits,
        overBytes: p.total - plan.gpuMemoryBytes,
        largest,
        stepSeconds: plan.stepSeconds,
        tokensPerSecond: plan.tokensPerSecond,
        mfu: plan.mfu,
        hfu: plan.hfu,
        bubbleFraction: plan.bubbleFraction,
        step: { compute: plan.breakdown.compute, bubble: plan.breakdown.bubble, ...plan.comm },
        flopsPerToken: plan.flopsPerToken,
        params: { matmul: model.matmulParams, total: countParams(spec), active: countActiveParams(spec) },
        activationConstant: model.linearBytesPerToken / model.hidden,
        stageLayers: stageLayerCounts(model, {
          pipelineParallel: plan.layout.pipelineParallel,
          edgeStageLayerReduction: inputs.options.edgeStageLayerReduction ?? 0,
        }).middle,
        inFlight: inFlightMicrobatches(plan.layout.pipelineParallel, plan.layout.virtualStages, plan.layout.microbatches, 0),
        attention: {
          layers: model.attentionLayers,
          heads: model.heads,
          width: model.qkDim + model.vDim,
          context: inputs.options.seqLen * model.attentionSpan(inputs.options.seqLen),
        },
        hidden: model.hidden,
        peakFlops: inputs.gpu.flopsPerSecond.bf16,
        linkBytesPerSecond: inputs.gpu.interconnectBytesPerSecond,
        networkBytesPerSecond: (inputs.options.scaleOutGBps ?? DEFAULT_SCALE_OUT_GBPS) * 1e9,
        gpus: inputs.options.gpus,
        tokens: inputs.tokens,
        trainSeconds,
        gpuHours,
        cost: inputs.pricePerGpuHour > 0 ? gpuHours * inputs.pricePerGpuHour : null,
      },
    };
  } catch (error) {
    return { ok: false, error: problemOf(error) };
  }
}

/**
 * "Find a layout": the fastest layouts of the same GPUs, batch and precision that fit (`findLayouts`), as state
 * fields the reader can apply. Llama 3's edge-stage reduction is not searched (the solver varies the stages).
 */
export function solveTraining(inputs: TrainingInputs, limit = 8): { ok: true; value: FoundView } | { ok: false; error: FieldProblem } {
  try {
    const o = inputs.options;
    const found = findLayouts(inputs.model.spec, {
      gpu: inputs.gpu,
      gpus: o.gpus,
      globalBatchTokens: o.globalBatchTokens,
      seqLen: o.seqLen,
      precision: o.precision,
      optimizer: o.optimizer,
      gpusPerNode: o.gpusPerNode,
      scaleOutGBps: o.scaleOutGBps,
      computeEfficiency: o.computeEfficiency,
      expertOverlap: o.expertOverlap,
      dropout: o.dropout,
      limit,
    });
    return {
      ok: true,
      value: {
        evaluated: found.evaluated,
        fitting: found.fitting,
        rows: found.layouts.map((f) => ({
          patch: {
            tp: f.layout.tensorParallel,
            sp: f.layout.sequenceParallel,
            pp: f.layout.pipelineParallel,
            vpp: f.layout.virtualStages,
            cp: f.layout.contextParallel,
            ep: f.layout.expertParallel,
            zero: String(f.layout.zeroStage),
            mb: f.layout.microBatch,
            ckpt: f.layout.checkpointing,
            edge: 0,
          },
          dp: f.layout.dataParallel,
          stepSeconds: f.stepSeconds,
          mfu: f.mfu,
          memoryBytes: f.perGpu.total,
        })),
      },
    };
  } catch (error) {
    return { ok: false, error: problemOf(error) };
  }
}
