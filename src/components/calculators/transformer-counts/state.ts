/**
 * The per-component table's shareable state (URL prefix `tc.`): a preset or a pasted config (compacted, as the
 * KV-cache calculator carries it), the context, and whether a token is decoded or trained on.
 */
import type { StateSchema, StateValues } from '~/components/calculators/shared/url-state';

export const URL_PREFIX = 'tc.';
/** A decode step sees the whole context; a training sequence of that length sees (T + 1)/2 keys on average. */
export const PHASES = ['decode', 'train'] as const;
export type Phase = (typeof PHASES)[number];
/** Longest context the table accepts: past any trained context, small enough for exact FLOP counts. */
export const MAX_CONTEXT = 100_000_000;

export function countsSchema(presetIds: string[]) {
  return {
    model: { kind: 'enum', values: presetIds },
    /** A supplied config.json, compacted (`compactHfConfig`), as JSON text. */
    cfg: { kind: 'text', maxLength: 4000 },
    ctx: { kind: 'number', min: 1, max: MAX_CONTEXT, integer: true },
    phase: { kind: 'enum', values: PHASES },
  } satisfies StateSchema;
}
export type CountsSchema = ReturnType<typeof countsSchema>;
export type CountsState = StateValues<CountsSchema>;

export function countsDefaults(model: string): CountsState {
  return { model, cfg: '', ctx: 4096, phase: 'decode' };
}
