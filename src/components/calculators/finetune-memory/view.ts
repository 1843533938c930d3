/**
 * Everything the fine-tune calculator shows, derived from its state without the DOM: the result (or the field
 * that stops it), the comparison strip, the reverse solver, the "does it fit" rows and the formulas' numbers.
 */
import type { ModelSpec } from '~/lib/model/model-spec';
import type { FineTuneMemory, LargestFit } from '~/lib/memory/finetune-memory';
import type { OptionReason } from '~/lib/errors';
import type { Core, InitialResults } from './core';
import { formatNumber } from '~/lib/format/format-number';
import { attempt, type Attempt } from '~/components/calculators/shared/last-good';
import type { GpuFitRow } from '~/components/calculators/shared/GpuFitTable';
import { formatterFor, type Lang } from '~/components/calculators/shared/locale';
import type { FtStrings } from './strings/en';
import { toOptions, type FtState } from './state';

export interface Gpu {
  id: string;
  label: string;
  /** Memory in bytes. */
  bytes: number;
}

/** The methods compared side by side under the result. */
export const COMPARED = ['full', 'lora', 'qlora', 'p-tuning-v2'] as const;

/** Fields whose contradiction the core reports and the UI explains next to the field itself. */
const FIELD_ERRORS = ['trainableLayers', 'lora.targets', 'offload', 'tensorParallel'] as const;
type FieldError = (typeof FIELD_ERRORS)[number];

/** A refusal of the core as the UI translates it: the option, the reason code and its bound (never the message). */
export interface FtRefusal {
  field: string;
  reason: OptionReason | 'generic';
  limit?: string;
}

/** The core's result for a state, or what the core refused. */
export function memoryAttempt(core: Core, spec: ModelSpec, state: FtState, method = state.method): Attempt<FineTuneMemory, FtRefusal> {
  return attempt(
    () => core.fineTuneMemory(spec, toOptions(state, method)),
    (error): FtRefusal =>
      error instanceof core.FineTuneOptionError
        ? { field: error.field, reason: error.reason, limit: error.limit === undefined ? undefined : String(error.limit) }
        : { field: 'generic', reason: 'generic' },
  );
}

/**
 * Everything the first frame needs, computed where the core is at hand (the server, or a test): the result, the
 * comparison strip, the solver and the whole verdict with its suggestions, so the frame drawn before the core loads
 * is the one drawn after it.
 */
export function initialResults(core: Core, spec: ModelSpec, state: FtState, gpu: Gpu, t: FtStrings, lang: Lang): InitialResults {
  const result = memoryAttempt(core, spec, state);
  const solver = result.ok ? solve(core, spec, state, gpu.bytes) : null;
  return {
    result,
    compared: comparison(core, spec, state),
    solver,
    verdict: result.ok ? { gpu: gpu.id, verdict: verdict(core, spec, state, result.value, gpu, solver, t, lang) } : null,
  };
}

/** The message beside `field` when the core refused it, else null. */
export function fieldMessage(error: FtRefusal | null, field: FieldError, t: FtStrings, spec: ModelSpec): string | null {
  if (error?.field !== field) return null;
  if (field === 'trainableLayers') return t.errors.trainableLayers(spec.numLayers);
  if (field === 'tensorParallel') return t.errors.tensorParallel(spec.numHeads);
  return t.errors[field];
}

/** A refusal that belongs to no single field, shown above the results: translated from its reason and bound. */
export function genericMessage(error: FtRefusal | null, t: FtStrings): string | null {
  if (!error || (FIELD_ERRORS as readonly string[]).includes(error.field)) return null;
  if (error.reason === 'generic') return t.errors.generic;
  return t.errors.reason[error.reason](error.field, error.limit ?? '');
}

export function comparison(core: Core, spec: ModelSpec, state: FtState) {
  return COMPARED.map((method) => ({ method, attempt: memoryAttempt(core, spec, state, method) }));
}

/** Largest batch at this length and longest sequence at this batch that fit the chosen GPU; null if none can be computed. */
export function solve(core: Core, spec: ModelSpec, state: FtState, gpuBytes: number): LargestFit | null {
  try {
    return core.largestFit(spec, toOptions(state), gpuBytes);
  } catch {
    return null;
  }
}

/** The answer first: does the run fit the chosen GPU (its `peak.device`), and if not, the real cause and what to change. */
export interface Verdict {
  kind: 'fits' | 'does-not-fit';
  text: string;
  /** What to change, each with the peak it gives (empty when it fits). */
  advice: string[];
}

export function verdict(
  core: Core | null,
  spec: ModelSpec,
  state: FtState,
  result: FineTuneMemory,
  gpu: Gpu,
  solver: LargestFit | null,
  t: FtStrings,
  lang: Lang,
): Verdict {
  const bytes = formatterFor(lang).bytes;
  const peak = result.peak.device;
  if (peak <= gpu.bytes) return { kind: 'fits', text: t.verdict.fits(gpu.label, bytes(gpu.bytes - peak), bytes(peak)), advice: [] };
  // Everything but the activations (the solver's floor); a run that peaks at the optimizer step has no activations
  // alive there, so its whole peak is what no shorter sequence can remove.
  const fixed = solver?.fixedBytes ?? (result.peakBreakdown.activationsAtPeak ? peak - result.bytes.activations : peak);
  if (fixed > gpu.bytes) return { kind: 'does-not-fit', text: t.verdict.statesTooBig(gpu.label, bytes(fixed - gpu.bytes), bytes(fixed)), advice: [] };
  const advice: string[] = [];
  // Without the core (an edit before it has loaded) the alternatives wait for it; the solver's answer is kept.
  const alt = (o: Partial<FtState>) => {
    if (!core) return null;
    try {
      return core.fineTuneMemory(spec, toOptions({ ...state, ...o })).peak.device;
    } catch {
      return null;
    }
  };
  if (!state.ckpt) {
    const p = alt({ ckpt: true });
    if (p !== null) advice.push(t.verdict.turnOnCkpt(bytes(p)));
  }
  if (!state.fusedce && result.activations.logits > 0) {
    const p = alt({ fusedce: true });
    if (p !== null) advice.push(t.verdict.fusedLoss(bytes(p)));
  }
  if (solver?.maxSeqLen) advice.push(t.verdict.cutSeq(formatCount(solver.maxSeqLen, lang)));
  else if (solver?.maxBatchSize && state.batch > 1) advice.push(t.verdict.cutBatch(formatCount(solver.maxBatchSize, lang)));
  return { kind: 'does-not-fit', text: t.verdict.activationsTooBig(gpu.label, bytes(peak - gpu.bytes), bytes(result.bytes.activations)), advice };
}

/** The solver's "nothing fits", naming what is too big. */
export function solverNoneMessage(solver: LargestFit, capacity: number, t: FtStrings, lang: Lang): string {
  const bytes = formatterFor(lang).bytes;
  return solver.cause ? t.solverCause[solver.cause](bytes(solver.fixedBytes), bytes(capacity)) : t.solverNone;
}

/** The bar: what is alive at the peak, summing to `peak.device`. */
export type PeakSegment =
  | 'weights'
  | 'optimizer'
  | 'zeroBuffer'
  | 'reference'
  | 'reward'
  | 'critic'
  | 'gradients'
  | 'activations'
  | 'criticActivations'
  | 'rolloutKvCache'
  | 'workspace'
  | 'allocatorReserve'
  | 'cudaContext';

/**
 * The segments of the bar. The core counts the critic's activations and the rollout KV cache in the activation peak
 * (`peakOf`); they stay separate segments so PPO and GRPO show what their rollouts cost. When the peak is at the
 * optimizer step, none of the three is alive and none is drawn (the summary still names the rollout cache).
 */
export function peakSegments(m: FineTuneMemory): { key: PeakSegment; bytes: number }[] {
  const b = m.bytes;
  const p = m.peakBreakdown;
  const alive = (bytes: number) => (p.activationsAtPeak ? bytes : 0);
  const segments: { key: PeakSegment; bytes: number }[] = [
    { key: 'weights', bytes: b.weights },
    { key: 'optimizer', bytes: b.optimizer },
    { key: 'zeroBuffer', bytes: b.zeroBuffer },
    { key: 'reference', bytes: b.reference },
    { key: 'reward', bytes: b.reward },
    { key: 'critic', bytes: b.critic },
    { key: 'gradients', bytes: p.gradientsAtPeak },
    { key: 'activations', bytes: alive(b.activations) },
    { key: 'criticActivations', bytes: alive(b.criticActivations) },
    { key: 'rolloutKvCache', bytes: alive(b.rolloutKvCache) },
    { key: 'workspace', bytes: p.workspace },
    { key: 'allocatorReserve', bytes: p.allocatorReserve },
    { key: 'cudaContext', bytes: p.cudaContext },
  ];
  return segments.filter((s) => s.bytes > 0 || s.key === 'weights' || s.key === 'activations');
}

/** The error band of measured runs of this framework and method (from the corpus, computed at build time). */
export interface ErrorBand {
  lo: number;
  hi: number;
  n: number;
}

export function bandText(bands: Record<string, ErrorBand>, state: FtState, t: FtStrings, lang: Lang): string | null {
  const band = bands[`${state.fw}:${state.method}`];
  if (!band) return null;
  const pct = (x: number) => `${x >= 0 ? '+' : '−'}${formatNumber(Math.abs(x * 100), { lang, digits: 0 })}%`;
  return t.band(
    t.frameworks[state.fw as keyof FtStrings['frameworks']],
    t.methodsShort[state.method as keyof FtStrings['methodsShort']],
    pct(band.lo),
    pct(band.hi),
    formatCount(band.n, lang),
  );
}

/** One row per GPU: does the per-GPU peak fit its memory, and by how much not. */
export function fitRows(total: number, gpus: readonly Gpu[], t: FtStrings, lang: Lang): GpuFitRow[] {
  const f = formatterFor(lang);
  return gpus.map((g) => {
    const fits = total <= g.bytes;
    return { id: g.id, name: g.label, capacity: f.bytes(g.bytes), fits, verdict: fits ? `✓ ${t.fits}` : `✗ ${t.doesNotFit(f.bytes(total - g.bytes))}` };
  });
}

export function formatCount(n: number, lang: Lang): string {
  return formatNumber(n, { lang });
}

/** A share with more decimals the smaller it is, so 0.06% of trainable parameters does not read as 0.1%. */
export function formatPercent(fraction: number, lang: Lang): string {
  const pct = fraction * 100;
  return `${formatNumber(pct, { lang, digits: pct >= 10 ? 1 : pct >= 0.1 ? 2 : 4 })}%`;
}

/** Bytes per parameter, e.g. 2, 0.5, 4. */
export function formatBytesPerParam(n: number, lang: Lang): string {
  return formatNumber(n, { lang, digits: 3 });
}
