/**
 * The serving planner's shareable state (URL prefix `srv.`; `sv.` belongs to the sparse-vector encoder), its
 * defaults, and the numbers its formulas show, shared by the island and the `.astro` wrapper so the
 * server-rendered page carries the same figures the island shows after hydration.
 */
import { WEIGHT_FORMATS } from '~/lib/memory/weight-format-list';
import type { StateSchema, StateValues } from '~/lib/input/url-state';
import type { Dtype } from '~/lib/model/dtype';
import type { WeightFormat } from '~/lib/memory/weight-format-list';
import { KV_DTYPES, type ServingGpu, type ServingInputs, type ServingPreset } from './view';

export const PREFIX = 'srv.';
export const UNITS = ['binary', 'decimal'] as const;

export function servingSchema(presetIds: string[], gpuIds: string[]) {
  return {
    model: { kind: 'enum', values: presetIds },
    gpu: { kind: 'enum', values: gpuIds },
    tp: { kind: 'number', min: 1, max: 64, integer: true },
    pp: { kind: 'number', min: 1, max: 64, integer: true },
    w: { kind: 'enum', values: WEIGHT_FORMATS },
    kvdt: { kind: 'enum', values: KV_DTYPES },
    util: { kind: 'number', min: 0.05, max: 1 },
    ctx: { kind: 'number', min: 1, max: 10_000_000, integer: true },
    prompt: { kind: 'number', min: 1, max: 10_000_000, integer: true },
    batch: { kind: 'number', min: 1, max: 4096, integer: true },
    mnbt: { kind: 'number', min: 1, max: 1_000_000, integer: true },
    graphs: { kind: 'boolean' },
    beff: { kind: 'number', min: 0.01, max: 1 },
    ceff: { kind: 'number', min: 0.01, max: 1 },
    units: { kind: 'enum', values: UNITS },
  } satisfies StateSchema;
}
export type ServingSchema = ReturnType<typeof servingSchema>;
export type ServingState = StateValues<ServingSchema>;

export function servingDefaults(model: string, gpuIds: string[]): ServingState {
  return {
    model,
    gpu: gpuIds.includes('h100-80gb') ? 'h100-80gb' : gpuIds[0]!,
    tp: 4,
    pp: 1,
    w: 'bf16',
    kvdt: 'bf16',
    util: 0.9,
    ctx: 8192,
    prompt: 2048,
    batch: 32,
    mnbt: 8192,
    graphs: true,
    beff: 1,
    ceff: 1,
    units: 'binary',
  };
}

/** The inputs the core needs, from the URL-shaped state. */
export function inputsOf(state: ServingState, presets: ServingPreset[], gpus: ServingGpu[]): ServingInputs {
  return {
    spec: (presets.find((p) => p.id === state.model) ?? presets[0]!).spec,
    gpu: gpus.find((g) => g.id === state.gpu) ?? gpus[0]!,
    tensorParallel: state.tp,
    pipelineParallel: state.pp,
    weights: state.w as WeightFormat,
    kvDtype: state.kvdt as Dtype,
    utilization: state.util,
    contextTokens: state.ctx,
    promptTokens: state.prompt,
    batch: state.batch,
    maxNumBatchedTokens: state.mnbt,
    cudaGraphs: state.graphs,
    bandwidthEfficiency: state.beff,
    computeEfficiency: state.ceff,
  };
}
