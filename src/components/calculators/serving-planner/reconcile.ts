/**
 * A pasted vLLM startup log beside the planner's figures: pure, and apart from `view.ts` so that its code loads
 * with the log panel, after start-up, instead of with the island. Two things: the log's terms next to the planner's
 * estimate of the same terms (capacity, budget, weights, activation, outside PyTorch, CUDA graphs, free KV memory,
 * tokens, concurrency), and whether the log describes the setting the planner is set to (model, TP, KV type, context,
 * utilization, GPU memory), said in words.
 */
import { GiB } from '~/lib/model/dtype';
import { kvTokenCapacity } from '~/lib/memory/kv-capacity';
import type { VllmLogFigures } from '~/lib/memory/vllm-log';
import type { ServingInputs, ServingView } from './view';

export type ReconcileKey = 'capacity' | 'budget' | 'weights' | 'activation' | 'nonTorch' | 'cudaGraphs' | 'kvMemory' | 'kvTokens' | 'concurrency';

/** One line of the log next to the planner's figure for it. */
export interface ReconcileRow {
  key: ReconcileKey;
  logged: number;
  planner: number;
  /** planner / logged − 1. */
  difference: number;
  /** Why they differ, as a code the strings explain. */
  why: 'estimate' | 'rule' | 'rounding' | 'ranks' | 'same' | 'input';
}

/** Something the log says about its setup that the planner is not set to. */
export type Mismatch =
  | { kind: 'architecture'; logged: string; planner: string }
  | { kind: 'layers' | 'heads' | 'kvHeads' | 'tensorParallel' | 'maxModelLen'; logged: number; planner: number }
  | { kind: 'utilization'; logged: number; planner: number }
  | { kind: 'kvDtype'; logged: string; planner: string }
  | { kind: 'memory'; logged: number; planner: number }
  /** The log's own free memory gives another token count under the planner's model: a different model, TP or KV type. */
  | { kind: 'perToken'; logged: number; planner: number };

const diff = (planner: number, logged: number) => (logged === 0 ? 0 : planner / logged - 1);
/** vLLM prints GiB with two decimals. */
const HALF_STEP = 0.005 * GiB;
const squash = (s: string) =>
  s
    .toLowerCase()
    .replace(/forcausallm|forconditionalgeneration|model$/g, '')
    .replace(/[^a-z0-9]/g, '');

/** The log's figures beside the planner's, term by term. */
export function reconcileLog(log: VllmLogFigures, inputs: ServingInputs, view: ServingView | null): ReconcileRow[] {
  const rows: ReconcileRow[] = [];
  const p = view?.memory.perGpu;
  const row = (key: ReconcileKey, logged: number | undefined, planner: number | undefined, why: ReconcileRow['why']) => {
    if (logged === undefined || planner === undefined) return;
    const d = diff(planner, logged);
    rows.push({ key, logged, planner, difference: d, why: Math.abs(planner - logged) <= HALF_STEP ? 'same' : why });
  };
  if (p) {
    row('capacity', log.totalGpuBytes, p.capacity, 'input');
    if (log.totalGpuBytes !== undefined && log.gpuMemoryUtilization !== undefined)
      row('budget', log.totalGpuBytes * log.gpuMemoryUtilization, p.budget, 'input');
    row('weights', log.weightsBytes, p.weights, 'estimate');
    row('activation', log.activationPeakBytes, p.activationPeak, 'estimate');
    row('nonTorch', log.nonTorchBytes, p.nonTorch, 'estimate');
    row('cudaGraphs', log.cudaGraphBytes, p.cudaGraphs, 'estimate');
    row('kvMemory', log.kvBytes, p.kv, 'estimate');
  }
  const loggedTokens = log.kvTokens ?? (log.gpuBlocks !== undefined ? log.gpuBlocks * 16 : undefined);
  if (loggedTokens !== undefined && log.kvBytes !== undefined) {
    const planner = tokensAt(log.kvBytes, inputs);
    if (planner !== null) {
      const d = diff(planner, loggedTokens);
      const roundingShare = HALF_STEP / log.kvBytes;
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

function tokensAt(free: number, inputs: ServingInputs): number | null {
  try {
    return kvTokenCapacity(inputs.spec, {
      freeBytesPerGpu: free,
      dtype: inputs.kvDtype,
      tensorParallel: inputs.tensorParallel,
      pipelineParallel: inputs.pipelineParallel,
    }).tokens;
  } catch {
    return null;
  }
}

/**
 * Where the log's setup differs from the planner's: the model (architecture, shapes), tensor parallelism, KV type,
 * context, utilization, the GPU's memory, and — the test that needs no banner — whether the log's own free memory
 * gives the log's token count under the planner's model (beyond the print's rounding it cannot be the same model,
 * TP and KV type).
 */
export function logMismatches(log: VllmLogFigures, inputs: ServingInputs): Mismatch[] {
  const out: Mismatch[] = [];
  const s = log.setup;
  const spec = inputs.spec;
  if (s.architecture) {
    const a = squash(s.architecture);
    const fam = squash(spec.family);
    if (!(a.startsWith(fam) || fam.startsWith(a))) out.push({ kind: 'architecture', logged: s.architecture, planner: spec.family });
  }
  if (s.layers !== undefined && s.layers !== spec.numLayers) out.push({ kind: 'layers', logged: s.layers, planner: spec.numLayers });
  if (s.heads !== undefined && s.heads !== spec.numHeads) out.push({ kind: 'heads', logged: s.heads, planner: spec.numHeads });
  if (s.kvHeads !== undefined && s.kvHeads !== spec.numKvHeads) out.push({ kind: 'kvHeads', logged: s.kvHeads, planner: spec.numKvHeads });
  // A single-GPU log need not name TP at all; only a log with its banner or arguments is taken to mean TP 1.
  const tp = log.tensorParallel ?? (s.version || s.model ? 1 : undefined);
  if (tp !== undefined && tp !== inputs.tensorParallel) out.push({ kind: 'tensorParallel', logged: tp, planner: inputs.tensorParallel });
  if (s.kvCacheDtype) {
    const logged =
      s.kvCacheDtype === 'auto'
        ? s.dtype === 'float16'
          ? 'fp16'
          : s.dtype === 'float32'
            ? 'fp32'
            : 'bf16'
        : s.kvCacheDtype.startsWith('fp8')
          ? 'fp8'
          : s.kvCacheDtype;
    if (logged !== inputs.kvDtype) out.push({ kind: 'kvDtype', logged, planner: inputs.kvDtype });
  }
  if (s.maxModelLen !== undefined && s.maxModelLen !== inputs.contextTokens)
    out.push({ kind: 'maxModelLen', logged: s.maxModelLen, planner: inputs.contextTokens });
  if (log.gpuMemoryUtilization !== undefined && Math.abs(log.gpuMemoryUtilization - inputs.utilization) > 1e-6) {
    out.push({ kind: 'utilization', logged: log.gpuMemoryUtilization, planner: inputs.utilization });
  }
  if (log.totalGpuBytes !== undefined && Math.abs(log.totalGpuBytes / inputs.gpu.memoryBytes - 1) > 0.01) {
    out.push({ kind: 'memory', logged: log.totalGpuBytes, planner: inputs.gpu.memoryBytes });
  }
  const loggedTokens = log.kvTokens ?? (log.gpuBlocks !== undefined ? log.gpuBlocks * 16 : undefined);
  if (loggedTokens !== undefined && loggedTokens > 0 && log.kvBytes !== undefined && log.kvBytesPerRank.length >= (tp ?? 1)) {
    const lo = tokensAt(Math.max(0, log.kvBytes - HALF_STEP), inputs);
    const hi = tokensAt(log.kvBytes + HALF_STEP, inputs);
    if (lo !== null && hi !== null && (loggedTokens < lo - 16 || loggedTokens > hi + 16)) {
      out.push({ kind: 'perToken', logged: log.kvBytes / loggedTokens, planner: log.kvBytes / Math.max(1, tokensAt(log.kvBytes, inputs) ?? 1) });
    }
  }
  return out;
}

/** The settings a log states, as a change to the planner's state (what "Use the log's settings" applies). */
export function logSettings(log: VllmLogFigures): {
  tp?: number;
  util?: number;
  ctx?: number;
  mnbt?: number;
  mns?: number;
  kvdt?: string;
  sampler?: 'flashinfer' | 'pytorch';
  graphs?: boolean;
} {
  const s = log.setup;
  const out: ReturnType<typeof logSettings> = {};
  if (log.tensorParallel !== undefined) out.tp = log.tensorParallel;
  else if (s.version || s.model) out.tp = 1;
  if (log.gpuMemoryUtilization !== undefined) out.util = log.gpuMemoryUtilization;
  if (s.maxModelLen !== undefined) out.ctx = s.maxModelLen;
  if (s.maxNumBatchedTokens !== undefined) out.mnbt = s.maxNumBatchedTokens;
  if (s.maxNumSeqs !== undefined) out.mns = s.maxNumSeqs;
  if (s.kvCacheDtype)
    out.kvdt = s.kvCacheDtype === 'auto' ? (s.dtype === 'float16' ? 'fp16' : 'bf16') : s.kvCacheDtype.startsWith('fp8') ? 'fp8' : s.kvCacheDtype;
  if (s.sampler) out.sampler = s.sampler;
  // vLLM counts its CUDA-graph estimate before sizing the cache from 0.21 on (earlier, graphs come out of the margin).
  const v = /^(\d+)\.(\d+)/.exec(s.version ?? '');
  if (s.enforceEager) out.graphs = false;
  else if (v) out.graphs = Number(v[1]) > 0 || Number(v[2]) >= 21;
  return out;
}
