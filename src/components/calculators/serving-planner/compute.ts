/**
 * Everything the serving planner shows, from its inputs, in pure functions (no DOM): per-GPU memory, tokens that
 * fit, decode and prefill speed across batch sizes. The formulas live in `src/lib/memory`; this file combines them
 * and turns core errors into field problems. The island loads it after start-up (`core.ts`): until then the first
 * frame is what the server computed with it for the default setting.
 */
import { kvCacheGroups } from '~/lib/memory/kv-capacity';
import { kvBytesPerLayerPerRank, ParallelismError, stageKvLayers } from '~/lib/memory/tensor-parallel';
import { servingMemoryOn, ServingOptionError } from '~/lib/memory/serving';
import { inferenceSpeedOn } from '~/lib/memory/inference-speed';
import type { BarSegment, FieldProblem, ServingInputs, ServingView } from './view';

const BATCHES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048];

function problemOf(error: unknown): FieldProblem {
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof ParallelismError) {
    if (error.field === 'pipelineParallel') return { field: 'pp', code: 'layers', detail };
    return { field: 'tp', code: /attention heads/.test(detail) ? 'heads' : 'kvHeads', detail };
  }
  if (error instanceof ServingOptionError) {
    if (error.field === 'gpuMemoryUtilization') return { field: 'util', code: 'range', detail };
    if (error.field === 'weights') return { field: 'weights', code: 'other', detail };
  }
  return { field: 'other', code: 'other', detail };
}

/** The planner's numbers for `inputs`, or the field to fix. Never throws. */
export function computeServing(inputs: ServingInputs): { ok: true; value: ServingView } | { ok: false; error: FieldProblem } {
  try {
    const { spec, gpu, tensorParallel: tp, pipelineParallel: pp } = inputs;
    const memory = servingMemoryOn(spec, {
      gpu,
      tensorParallel: tp,
      pipelineParallel: pp,
      weights: inputs.weights,
      kvDtype: inputs.kvDtype,
      gpuMemoryUtilization: inputs.utilization,
      maxNumBatchedTokens: inputs.maxNumBatchedTokens,
      cudaGraphs: inputs.cudaGraphs,
      contextTokens: inputs.contextTokens,
    });
    const p = memory.perGpu;
    const bar: BarSegment[] = [
      { key: 'weights', bytes: p.weights },
      { key: 'activation', bytes: p.activationPeak },
      { key: 'nonTorch', bytes: p.nonTorch },
      { key: 'cudaGraphs', bytes: p.cudaGraphs },
      { key: 'kv', bytes: Math.max(0, p.kv) },
      { key: 'unused', bytes: Math.max(0, p.capacity - p.budget) },
    ];
    const efficiency = { bandwidth: inputs.bandwidthEfficiency, compute: inputs.computeEfficiency };
    const speedOpts = {
      gpu,
      tensorParallel: tp,
      promptTokens: inputs.promptTokens,
      contextTokens: inputs.contextTokens,
      weights: inputs.weights,
      kvDtype: inputs.kvDtype,
      efficiency,
    };
    const speed = inferenceSpeedOn(spec, { ...speedOpts, batch: inputs.batch });
    const series = BATCHES.map((batch) => {
      const s = inferenceSpeedOn(spec, { ...speedOpts, batch });
      return { batch, tokensPerSecond: s.tokensPerSecond, perSequence: s.tokensPerSecondPerSequence, bound: s.bound.decode };
    });
    const kvLayers = stageKvLayers(spec, pp);
    const kvPerLayerPerRank = kvBytesPerLayerPerRank(spec, inputs.kvDtype, tp);
    return {
      ok: true,
      value: {
        memory,
        bar,
        kvPerLayerPerRank,
        kvLayers,
        kvGroups: kvCacheGroups(spec, pp),
        kvPerTokenPerGpu: kvPerLayerPerRank * kvLayers,
        concurrentSequences: Math.floor(memory.kvTokens / inputs.contextTokens),
        speed,
        series,
        ridge: series.find((s) => s.bound === 'compute')?.batch ?? null,
      },
    };
  } catch (error) {
    return { ok: false, error: problemOf(error) };
  }
}
