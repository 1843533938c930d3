/**
 * Everything the fine-tune calculator shows, derived from its state without the DOM: the result (or the field
 * that stops it), the comparison strip, the reverse solver, the "does it fit" rows and the formulas' numbers.
 */
import type { ModelSpec } from '~/lib/model/model-spec';
import type { FineTuneMemory, LargestFit } from '~/lib/memory/finetune-memory';
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

/** The core's result for a state, or the option that the core refused ('generic' for anything else). */
export function memoryAttempt(core: Core, spec: ModelSpec, state: FtState, method = state.method): Attempt<FineTuneMemory, string> {
  return attempt(
    () => core.fineTuneMemory(spec, toOptions(state, method)),
    (error) => (error instanceof core.FineTuneOptionError ? error.field : 'generic'),
  );
}

/** Everything the first frame needs, computed where the core is at hand (the server, or a test). */
export function initialResults(core: Core, spec: ModelSpec, state: FtState, gpuBytes: number): InitialResults {
  const result = memoryAttempt(core, spec, state);
  return { result, compared: comparison(core, spec, state), solver: result.ok ? solve(core, spec, state, gpuBytes) : null };
}

/** The message beside `field` when the core refused it, else null. */
export function fieldMessage(error: string | null, field: FieldError, t: FtStrings, spec: ModelSpec): string | null {
  if (error !== field) return null;
  if (field === 'trainableLayers') return t.errors.trainableLayers(spec.numLayers);
  if (field === 'tensorParallel') return t.errors.tensorParallel(spec.numHeads);
  return t.errors[field];
}

/** A refusal that belongs to no single field, shown above the results. */
export function genericMessage(error: string | null, t: FtStrings): string | null {
  return error && !(FIELD_ERRORS as readonly string[]).includes(error) ? t.errors.generic : null;
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

/** One row per GPU: does the per-GPU total fit its memory, and by how much not. */
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
