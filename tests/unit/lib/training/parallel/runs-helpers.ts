/** Loads tests/fixtures/training-runs/runs.json into planner inputs. */
import { readFileSync } from 'node:fs';
import { parseHfConfig } from '~/lib/model/hf-config';
import type { ModelSpec } from '~/lib/model/model-spec';
import type { GpuSpec } from '~/lib/memory/serving';
import type { TrainingOptions } from '~/lib/training/parallel';

interface ModelEntry {
  source: string;
  config?: Record<string, unknown>;
  configFile?: string;
}

export interface RunEntry {
  id: string;
  model: string;
  gpu: string;
  source: string;
  /** The row or sentences the reported figures were read from, verbatim, and where. */
  quote: string | string[];
  quoteSource: string | string[];
  /** Set when no real text confirmed a figure; the reason says why, and the run asserts nothing. */
  unverified?: boolean;
  unverifiedReason?: string;
  options: Omit<TrainingOptions, 'gpu'>;
  reported: { mfu?: number; gpuHours?: number; gpuHoursTotal?: number; tokens?: number; tflopsPerGpu?: number; memoryGB?: number };
  gpuHoursTolerance?: number;
  gpuHoursToleranceReason?: string;
  memoryTolerance?: number;
  /** Why the planner cannot yet fit a run that did train on these GPUs (asserted to still not fit). */
  fitGap?: string;
  memoryToleranceReason?: string;
}

export interface WeakScalingRow {
  params: string;
  heads: number;
  hidden: number;
  layers: number;
  tp: number;
  pp: number;
  gpus: number;
  batch: number;
  tflopsPerGpu: number;
  calibration?: boolean;
  /** The Table 1 row as transcribed (see megatronWeakScaling.quoteSource). */
  quote: string;
}

export const fixture = JSON.parse(readFileSync('tests/fixtures/training-runs/runs.json', 'utf8')) as {
  gpus: Record<string, GpuSpec & { source: string }>;
  models: Record<string, ModelEntry>;
  megatronWeakScaling: { gpu: string; scaleOutGBps: number; rows: WeakScalingRow[] };
  runs: RunEntry[];
};

export function modelOf(id: string): ModelSpec {
  const entry = fixture.models[id]!;
  const config = entry.configFile ? (JSON.parse(readFileSync(entry.configFile, 'utf8')) as unknown) : entry.config;
  return parseHfConfig(config);
}

export function gpuOf(id: string): string | GpuSpec {
  return fixture.gpus[id] ?? id;
}

/** Megatron's GPT of Table 1: GPT-2 architecture, vocabulary 51,200, sequence 2,048. */
export function megatronGpt(row: WeakScalingRow): ModelSpec {
  return parseHfConfig({
    model_type: 'gpt2',
    n_embd: row.hidden,
    n_layer: row.layers,
    n_head: row.heads,
    n_inner: 4 * row.hidden,
    vocab_size: 51200,
    n_positions: 2048,
  });
}
