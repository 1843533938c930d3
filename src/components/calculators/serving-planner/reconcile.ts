/**
 * A pasted vLLM startup log beside the planner's figures: pure, and apart from `view.ts` so that its code loads
 * with the log panel, after start-up, instead of with the island.
 */
import { GiB } from '~/lib/model/dtype';
import { kvTokenCapacity } from '~/lib/memory/kv-capacity';
import type { VllmLogFigures } from '~/lib/memory/vllm-log';
import type { ServingInputs, ServingView } from './view';

export type ReconcileKey = 'weights' | 'kvMemory' | 'kvTokens' | 'concurrency';

/** One line of the log next to the planner's figure for it. */
export interface ReconcileRow {
  key: ReconcileKey;
  logged: number;
  planner: number;
  /** planner / logged − 1. */
  difference: number;
  /** Why they differ, as a code the strings explain. */
  why: 'estimate' | 'rule' | 'rounding' | 'ranks' | 'same';
}

/**
 * The log's figures beside the planner's. Memory lines compare the planner's estimate with vLLM's measurement;
 * the token line applies vLLM's block rule to the log's own free memory, so what is left is the rounding of the
 * logged GiB (two decimals: ±0.005 GiB) or, with several ranks, the rank the excerpt did not show.
 */
export function reconcileLog(log: VllmLogFigures, inputs: ServingInputs, view: ServingView | null): ReconcileRow[] {
  const rows: ReconcileRow[] = [];
  const diff = (planner: number, logged: number) => (logged === 0 ? 0 : planner / logged - 1);
  if (log.weightsBytes !== undefined && view) {
    const planner = view.memory.perGpu.weights;
    rows.push({ key: 'weights', logged: log.weightsBytes, planner, difference: diff(planner, log.weightsBytes), why: 'estimate' });
  }
  if (log.kvBytes !== undefined && view) {
    const planner = view.memory.perGpu.kv;
    rows.push({ key: 'kvMemory', logged: log.kvBytes, planner, difference: diff(planner, log.kvBytes), why: 'estimate' });
  }
  const loggedTokens = log.kvTokens ?? (log.gpuBlocks !== undefined ? log.gpuBlocks * 16 : undefined);
  if (loggedTokens !== undefined && log.kvBytes !== undefined) {
    let planner = NaN;
    try {
      planner = kvTokenCapacity(inputs.spec, {
        freeBytesPerGpu: log.kvBytes,
        dtype: inputs.kvDtype,
        tensorParallel: inputs.tensorParallel,
        pipelineParallel: inputs.pipelineParallel,
      }).tokens;
    } catch {
      planner = NaN;
    }
    if (Number.isFinite(planner)) {
      const d = diff(planner, loggedTokens);
      const roundingShare = (0.005 * GiB) / log.kvBytes;
      const why =
        d === 0
          ? 'same'
          : Math.abs(d) <= roundingShare + 16 / Math.max(loggedTokens, 1)
            ? 'rounding'
            : log.kvBytesPerRank.length < (log.tensorParallel ?? inputs.tensorParallel)
              ? 'ranks'
              : 'rule';
      rows.push({ key: 'kvTokens', logged: loggedTokens, planner, difference: d, why });
    }
  } else if (loggedTokens !== undefined && view) {
    rows.push({ key: 'kvTokens', logged: loggedTokens, planner: view.memory.kvTokens, difference: diff(view.memory.kvTokens, loggedTokens), why: 'estimate' });
  }
  if (log.concurrency && loggedTokens !== undefined) {
    const planner = loggedTokens / log.concurrency.contextTokens;
    rows.push({
      key: 'concurrency',
      logged: log.concurrency.factor,
      planner,
      difference: diff(planner, log.concurrency.factor),
      why: Math.abs(planner - log.concurrency.factor) < 0.006 ? 'rounding' : 'rule',
    });
  }
  return rows;
}
