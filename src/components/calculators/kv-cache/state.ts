/**
 * The calculator's state (what the URL holds, prefix `kv.`) and its defaults, shared by the island and the
 * `.astro` wrapper. The formulas' numbers are `formulas.ts`, loaded with the formulas panel.
 */
import { DTYPES } from '~/lib/model/dtype';
import type { StateSchema, StateValues } from '~/components/calculators/shared/url-state';
import { ATTENTION_CHOICES, WEIGHTS_CHOICES } from './view';

export const UNITS = ['binary', 'decimal'] as const;
export const MAX_SEQ = 100_000_000;

export function kvSchema(presetIds: string[], gpuIds: string[]) {
  return {
    model: { kind: 'enum', values: presetIds },
    /** A supplied config.json, compacted (`compactHfConfig`), as JSON text. */
    cfg: { kind: 'text', maxLength: 4000 },
    seq: { kind: 'number', min: 1, max: MAX_SEQ, integer: true },
    batch: { kind: 'number', min: 1, max: 1_000_000, integer: true },
    kvdt: { kind: 'enum', values: DTYPES },
    wdt: { kind: 'enum', values: WEIGHTS_CHOICES },
    attn: { kind: 'enum', values: ATTENTION_CHOICES },
    groups: { kind: 'number', min: 1, max: 100_000, integer: true },
    gpu: { kind: 'enum', values: gpuIds },
    ngpu: { kind: 'number', min: 1, max: 1024, integer: true },
    util: { kind: 'number', min: 0.05, max: 1 },
    block: { kind: 'number', min: 1, max: 4096, integer: true },
    units: { kind: 'enum', values: UNITS },
  } satisfies StateSchema;
}
export type KvSchema = ReturnType<typeof kvSchema>;
export type KvState = StateValues<KvSchema>;

export function kvDefaults(model: string, gpuIds: string[]): KvState {
  return {
    model,
    cfg: '',
    seq: 4096,
    batch: 1,
    kvdt: 'bf16',
    wdt: 'bf16',
    attn: 'model',
    groups: 8,
    gpu: gpuIds.includes('h100-80gb') ? 'h100-80gb' : gpuIds[0]!,
    ngpu: 1,
    util: 0.9,
    block: 16,
    units: 'binary',
  };
}
