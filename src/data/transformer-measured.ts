/**
 * Measured inference speeds beside the roofline's bound, for "The Transformer, counted" (§ measured). Each entry
 * keeps its source and where in it the figure is; the bound is the serving planner's roofline (`inferenceSpeed`)
 * for decode at batch 1, and the compute roof over the FLOPs of `componentCounts` for a saturated server. A
 * measurement can only fall short of its bound: tests/unit/data/transformer-measured.test.ts checks 0 < ratio ≤ 1.
 */
import { inferenceSpeed } from '~/lib/memory/inference-speed';
import { gpuById } from '~/lib/memory/gpu-data';
import { causalMeanKeys, componentCounts } from '~/lib/model/component-counts';
import type { ModelSpec } from '~/lib/model/model-spec';

/** One sequence decoded at a time: the time per token is bounded below by bytes read / bandwidth. */
export interface BatchOneMeasurement {
  kind: 'batch-1';
  /** Preset whose shapes the measured model has. */
  model: string;
  /** When the measured model is another with the same shapes (Llama 3 8B for the Llama 3.1 8B preset). */
  measuredModel: string;
  gpu: string;
  /** 16-bit weights, KV cache in 16 bits. */
  tokensPerSecond: number;
  /** Tokens generated in the run; the bound uses the mean context, half of it. */
  generatedTokens: number;
  tool: string;
  source: string;
  /** Where in the source: table and cell. */
  at: string;
}

/** A server fed requests without pause: output tokens per second over all requests. */
export interface ThroughputMeasurement {
  kind: 'throughput';
  model: string;
  measuredModel: string;
  gpu: string;
  /** Matmuls in FP8 (the model's weights quantized to FP8). */
  outputTokensPerSecond: number;
  inputTokens: number;
  outputTokens: number;
  tool: string;
  source: string;
  at: string;
}

export type Measurement = BatchOneMeasurement | ThroughputMeasurement;

const DAI = 'https://github.com/XiongjieDai/GPU-Benchmarks-on-LLM-Inference/blob/00dd2bdeb2404263f22bd6c1cd46ce397e341db5/README.md';
const TRTLLM = 'https://github.com/NVIDIA/TensorRT-LLM/blob/00f37686aa854010d68bcbd0f4ab000221541ca6/docs/source/performance/perf-overview.md';

export const MEASUREMENTS = {
  rtx4090: {
    kind: 'batch-1',
    model: 'llama-3.1-8b',
    measuredModel: 'Llama 3 8B',
    gpu: 'rtx-4090',
    tokensPerSecond: 54.84,
    generatedTokens: 512,
    tool: 'llama.cpp (llama-bench), F16',
    source: DAI,
    at: 'Benchmarks › LLaMA 3 › NVIDIA GPUs: 4090 24GB, 8B F16, tg 512',
  },
  h100Pcie: {
    kind: 'batch-1',
    model: 'llama-2-7b',
    measuredModel: 'LLaMA 2 7B',
    gpu: 'h100-pcie',
    tokensPerSecond: 83.32,
    generatedTokens: 512,
    tool: 'llama.cpp, f16',
    source: DAI,
    at: 'Overview › average eval speed on LLaMA 2: H100 PCIe 80GB, 7B_f16',
  },
  h100Trtllm: {
    kind: 'throughput',
    model: 'llama-3.1-8b',
    measuredModel: 'Llama 3.1 8B Instruct (FP8)',
    gpu: 'h100-80gb',
    outputTokensPerSecond: 28312,
    inputTokens: 128,
    outputTokens: 128,
    tool: 'TensorRT-LLM (trtllm-bench), FP8',
    source: TRTLLM,
    at: 'Throughput Measurements › Llama 3.1 8B: H100 TP1 (FP8), ISL/OSL 128/128',
  },
} as const satisfies Record<string, Measurement>;

export interface Comparison {
  measured: number;
  /** The roofline's best case for the same work, in the same unit. */
  bound: number;
  /** measured / bound. */
  ratio: number;
}

/** Batch-1 decode: tokens per second at most, the weights (no embedding table) and the KV cache read per token. */
export function batchOneBound(spec: ModelSpec, m: BatchOneMeasurement): Comparison {
  const speed = inferenceSpeed(spec, {
    gpu: m.gpu,
    batch: 1,
    promptTokens: 1,
    contextTokens: Math.round(m.generatedTokens / 2),
    weights: 'bf16',
    kvDtype: 'bf16',
  });
  const bound = 1 / speed.decodeSecondsPerToken;
  return { measured: m.tokensPerSecond, bound, ratio: m.tokensPerSecond / bound };
}

/**
 * FLOPs one request costs: its prompt in one pass (each prompt token attends to (p + 1)/2 keys on average) and
 * each output token at the mean context of decoding.
 */
export function requestFlops(spec: ModelSpec, inputTokens: number, outputTokens: number): number {
  const prefill = inputTokens * componentCounts(spec, { contextTokens: causalMeanKeys(inputTokens) }).flopsPerToken;
  const decode = outputTokens * componentCounts(spec, { contextTokens: inputTokens + (outputTokens + 1) / 2 }).flopsPerToken;
  return prefill + decode;
}

/** A saturated server: output tokens per second at most when every FLOP runs at the GPU's FP8 peak. */
export function throughputBound(spec: ModelSpec, m: ThroughputMeasurement): Comparison {
  const peak = gpuById(m.gpu).flopsPerSecond.fp8;
  if (peak === null) throw new Error(`${m.gpu}: no FP8 rate in its data file`);
  const bound = (peak * m.outputTokens) / requestFlops(spec, m.inputTokens, m.outputTokens);
  return { measured: m.outputTokensPerSecond, bound, ratio: m.outputTokensPerSecond / bound };
}
