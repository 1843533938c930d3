/**
 * The serving planner's shareable state (URL prefix `srv.`; `sv.` belongs to the sparse-vector encoder), its
 * defaults, and the inputs the core needs, shared by the island and the `.astro` wrapper so the server-rendered
 * page carries the same figures the island shows after hydration.
 */
import { WEIGHT_FORMATS } from '~/lib/memory/weight-format-list';
import type { StateSchema, StateValues } from '~/components/calculators/shared/url-state';
import { GiB, type Dtype } from '~/lib/model/dtype';
import type { WeightFormat } from '~/lib/memory/weight-format-list';
import { DEFAULT_CUDA_CONTEXT_BYTES, DEFAULT_CUDA_GRAPH_BYTES, DEFAULT_NCCL_BYTES, PROFILE_SAMPLERS, type ProfileSampler } from '~/lib/memory/serving-defaults';
import { MAX_CONFIG_CHARS } from './config-limit';
import { KV_DTYPES, type ServingGpu, type ServingInputs, type ServingModel, type ServingPreset } from './view';

export const PREFIX = 'srv.';
/** The link choice: the GPU's own tier, or one named. */
export const LINK_CHOICES = ['auto', 'nvlink', 'pcie', 'infiniband'] as const;
export type LinkChoice = (typeof LINK_CHOICES)[number];
export const UNITS = ['binary', 'decimal'] as const;
/** The GPU choice for a card the reader describes (its figures are the `g…` parameters). */
export const CUSTOM_GPU = 'custom';
/**
 * The expected figure's per-layer time, µs: the GPUs' (`EXPECTED_EFFICIENCY`) and Apple silicon's under llama.cpp's
 * Metal backend (`EXPECTED_EFFICIENCY_UNIFIED_MEMORY`); kept here so the island needs no core import (a test ties them).
 */
export const GPU_LAYER_US = 25;
export const METAL_LAYER_US = 118;
/** Formats llama.cpp reads, kept when the reader picks Apple silicon or a CPU (others switch to GGUF Q4_K_M). */
export const LLAMA_CPP_FORMATS: ReadonlySet<WeightFormat> = new Set(
  WEIGHT_FORMATS.filter((w) => w.startsWith('gguf-') || w === 'bf16' || w === 'fp16' || w === 'mxfp4'),
);

const gib = (bytes: number) => Math.round((bytes / GiB) * 100) / 100;

export function servingSchema(presetIds: string[], gpuIds: string[]) {
  return {
    model: { kind: 'enum', values: presetIds },
    /** A supplied config.json, compacted (`compactHfConfig` plus its length and rope_scaling keys), as JSON text. */
    cfg: { kind: 'text', maxLength: MAX_CONFIG_CHARS },
    gpu: { kind: 'enum', values: [...gpuIds, CUSTOM_GPU] },
    /** A custom card: memory as the driver reports it (GiB), bandwidth (GB/s), dense TFLOPS, link (GB/s one way). */
    gmem: { kind: 'number', min: 1, max: 10_000 },
    gbw: { kind: 'number', min: 1, max: 1_000_000 },
    gbf16: { kind: 'number', min: 0.1, max: 1_000_000 },
    gfp8: { kind: 'number', min: 0, max: 1_000_000 },
    glink: { kind: 'number', min: 0.1, max: 100_000 },
    tp: { kind: 'number', min: 1, max: 64, integer: true },
    pp: { kind: 'number', min: 1, max: 64, integer: true },
    w: { kind: 'enum', values: WEIGHT_FORMATS },
    kvdt: { kind: 'enum', values: KV_DTYPES },
    util: { kind: 'number', min: 0.05, max: 1 },
    ctx: { kind: 'number', min: 1, max: 10_000_000, integer: true },
    prompt: { kind: 'number', min: 1, max: 10_000_000, integer: true },
    batch: { kind: 'number', min: 1, max: 4096, integer: true },
    /** 0: vLLM's default for the GPU. */
    mnbt: { kind: 'number', min: 0, max: 1_000_000, integer: true },
    /** 0: vLLM's default for the GPU. */
    mns: { kind: 'number', min: 0, max: 65_536, integer: true },
    graphs: { kind: 'boolean' },
    sampler: { kind: 'enum', values: PROFILE_SAMPLERS },
    /** The reserve's terms in GiB: CUDA context growth, NCCL (TP > 1), CUDA graphs, activation (0 = estimate). */
    ctxgb: { kind: 'number', min: 0, max: 100 },
    ncclgb: { kind: 'number', min: 0, max: 100 },
    cggb: { kind: 'number', min: 0, max: 100 },
    actgb: { kind: 'number', min: 0, max: 10_000 },
    beff: { kind: 'number', min: 0.01, max: 1 },
    ceff: { kind: 'number', min: 0.01, max: 1 },
    /** Fixed time per layer and decode step, µs (0 with efficiencies 1 gives the roofline bound). */
    lov: { kind: 'number', min: 0, max: 10_000 },
    /** The tensor-parallel link: the GPU's own, or NVLink, PCIe, InfiniBand. */
    link: { kind: 'enum', values: LINK_CHOICES },
    /** Share of each prompt in the prefix cache, percent. */
    pfx: { kind: 'number', min: 0, max: 99 },
    /** Speculative decoding: drafted tokens (0 = off), acceptance rate, draft cost over a target step. */
    spk: { kind: 'number', min: 0, max: 16, integer: true },
    spa: { kind: 'number', min: 0, max: 1 },
    spc: { kind: 'number', min: 0, max: 2 },
    /** Price per GPU-hour (0 = no cost shown). */
    price: { kind: 'number', min: 0, max: 1_000 },
    units: { kind: 'enum', values: UNITS },
  } satisfies StateSchema;
}
export type ServingSchema = ReturnType<typeof servingSchema>;
export type ServingState = StateValues<ServingSchema>;

export function servingDefaults(model: string, gpuIds: string[]): ServingState {
  return {
    model,
    cfg: '',
    gpu: gpuIds.includes('h100-80gb') ? 'h100-80gb' : gpuIds[0]!,
    // The custom card starts as an RTX 4090 (its datasheet figures), a common card readers adapt.
    gmem: 24,
    gbw: 1008,
    gbf16: 165.2,
    gfp8: 330.3,
    glink: 32,
    tp: 4,
    pp: 1,
    w: 'bf16',
    kvdt: 'bf16',
    util: 0.9,
    ctx: 8192,
    prompt: 2048,
    batch: 32,
    mnbt: 0,
    mns: 0,
    graphs: true,
    sampler: 'flashinfer',
    ctxgb: gib(DEFAULT_CUDA_CONTEXT_BYTES),
    ncclgb: gib(DEFAULT_NCCL_BYTES),
    cggb: gib(DEFAULT_CUDA_GRAPH_BYTES),
    actgb: 0,
    // The expected figure (EXPECTED_EFFICIENCY), checked against published runs; 1, 1 and 0 µs give the bound.
    beff: 0.7,
    ceff: 0.5,
    lov: GPU_LAYER_US,
    link: 'auto',
    pfx: 0,
    spk: 0,
    spa: 0.7,
    spc: 0.05,
    price: 0,
    units: 'binary',
  };
}

/** The card the reader describes, as the planner's GPU. */
export function customGpu(state: ServingState, name: string): ServingGpu {
  return {
    id: CUSTOM_GPU,
    name,
    memoryBytes: state.gmem * GiB,
    memorySource: 'reader',
    driverReported: true,
    bandwidthBytesPerSecond: state.gbw * 1e9,
    flopsPerSecond: { bf16: state.gbf16 * 1e12, fp8: state.gfp8 > 0 ? state.gfp8 * 1e12 : null },
    interconnectBytesPerSecond: state.glink * 1e9,
    interconnect: '',
    datasheet: '',
  };
}

/** The model a state names when no config was supplied. */
export function presetModel(presets: ServingPreset[], id: string): ServingModel {
  const p = presets.find((x) => x.id === id) ?? presets[0]!;
  return { id: p.id, name: p.name, spec: p.spec, contextLimit: p.contextLimit ?? null };
}

/** The inputs the core needs, from the URL-shaped state and the model in use. */
export function inputsOf(state: ServingState, model: ServingModel, gpus: ServingGpu[], customName = 'Custom GPU'): ServingInputs {
  return {
    spec: model.spec,
    modelName: model.name,
    contextLimit: model.contextLimit ?? null,
    config: model.config,
    gpu: state.gpu === CUSTOM_GPU ? customGpu(state, customName) : (gpus.find((g) => g.id === state.gpu) ?? gpus[0]!),
    tensorParallel: state.tp,
    pipelineParallel: state.pp,
    weights: state.w as WeightFormat,
    kvDtype: state.kvdt as Dtype,
    utilization: state.util,
    contextTokens: state.ctx,
    promptTokens: state.prompt,
    batch: state.batch,
    maxNumBatchedTokens: state.mnbt,
    maxNumSeqs: state.mns,
    cudaGraphs: state.graphs,
    sampler: state.sampler as ProfileSampler,
    cudaContextBytes: state.ctxgb * GiB,
    ncclBytes: state.ncclgb * GiB,
    cudaGraphBytes: state.cggb * GiB,
    activationOverrideBytes: state.actgb * GiB,
    bandwidthEfficiency: state.beff,
    computeEfficiency: state.ceff,
    layerOverheadSeconds: state.lov * 1e-6,
    link: state.link as LinkChoice,
    prefixCachedShare: state.pfx / 100,
    speculation: state.spk > 0 ? { draftTokens: state.spk, acceptance: state.spa, draftCost: state.spc } : null,
    pricePerGpuHour: state.price,
  };
}
