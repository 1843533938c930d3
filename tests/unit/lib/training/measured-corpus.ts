/**
 * The measured corpus (tests/fixtures/finetune-measured/corpus.json) as calculator inputs: each row's model spec,
 * the options that describe its run, and the figure it reports, in bytes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHfConfig } from '~/lib/model/hf-config';
import type { ModelSpec } from '~/lib/model/model-spec';
import { fineTuneMemory, type FineTuneMemory, type FineTuneOptions } from '~/lib/training/finetune';
import type { LoraTarget } from '~/lib/memory/lora-targets';
import { modelPreset } from '../../helpers/presets';

export interface MeasuredRow {
  id: string;
  url: string;
  recipe: string;
  framework: 'hf' | 'unsloth' | 'torchtune' | 'litgpt' | 'llama-factory';
  frameworkVersion: string;
  gpu: string;
  model: string | { config: string };
  method: FineTuneOptions['method'];
  lora?: { rank: number; targets: LoraTarget[] };
  seqLen: number;
  batchSize: number;
  checkpointing: boolean;
  precision: FineTuneOptions['precision'];
  optimizer: FineTuneOptions['optimizer'];
  options: Partial<FineTuneOptions>;
  metric: 'allocated' | 'reserved' | 'device';
  unit: 'GB' | 'GiB';
  measured: number;
  kind?: 'largest-fit' | 'oom';
  compile?: boolean;
  note: string;
}

const root = process.cwd();
export const CORPUS: MeasuredRow[] = JSON.parse(readFileSync(join(root, 'tests/fixtures/finetune-measured/corpus.json'), 'utf8')).rows;

export function rowSpec(row: MeasuredRow): ModelSpec {
  if (typeof row.model === 'string') return modelPreset(row.model).spec;
  return parseHfConfig(JSON.parse(readFileSync(join(root, 'tests/fixtures/configs', row.model.config), 'utf8')));
}

export function rowOptions(row: MeasuredRow): FineTuneOptions {
  return {
    framework: row.framework,
    method: row.method,
    precision: row.precision,
    optimizer: row.optimizer,
    batchSize: row.batchSize,
    seqLen: row.seqLen,
    gradientCheckpointing: row.checkpointing,
    ...(row.lora ? { lora: row.lora } : {}),
    ...row.options,
  };
}

export const UNIT = { GB: 1e9, GiB: 2 ** 30 } as const;

export function measuredBytes(row: MeasuredRow): number {
  return row.measured * UNIT[row.unit];
}

export function predictedBytes(row: MeasuredRow, m: FineTuneMemory = fineTuneMemory(rowSpec(row), rowOptions(row))): number {
  return m.peak[row.metric];
}
