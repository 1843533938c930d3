/**
 * The measured corpus (tests/fixtures/finetune-measured/corpus.json, issue 27) beside this calculator: every row's
 * prediction from the same core, its error, the calculator link that reproduces it, and the error band of each
 * framework and method shown beside the result. Computed at build time; the island receives only the bands.
 */
import corpus from '../../../../tests/fixtures/finetune-measured/corpus.json';
import type { ModelSpec } from '~/lib/model/model-spec';
import { parseHfConfig } from '~/lib/model/hf-config';
import { fineTuneMemory, type FineTuneOptions } from '~/lib/memory/finetune-memory';
import { writeUrlState } from '~/components/calculators/shared/url-state';
import type { LoraTarget } from '~/lib/memory/lora-targets';
import { URL_PREFIX, type FtSchema, type FtState } from './state';
import type { ErrorBand } from './view';

export interface MeasuredRow {
  id: string;
  url: string;
  recipe: string;
  framework: 'hf' | 'unsloth' | 'torchtune' | 'litgpt' | 'llama-factory';
  frameworkVersion: string;
  gpu: string;
  model: string | { config: string };
  method: FineTuneOptions['method'];
  lora?: { rank: number; targets: string[] };
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
  note: string;
  outside?: { reason: string; source: string };
}

export const MEASURED: readonly MeasuredRow[] = corpus.rows as MeasuredRow[];

const UNIT = { GB: 1e9, GiB: 2 ** 30 } as const;

export function rowOptions(row: MeasuredRow): FineTuneOptions {
  return {
    framework: row.framework,
    method: row.method,
    precision: row.precision,
    optimizer: row.optimizer,
    batchSize: row.batchSize,
    seqLen: row.seqLen,
    gradientCheckpointing: row.checkpointing,
    ...(row.lora ? { lora: { rank: row.lora.rank, targets: row.lora.targets as LoraTarget[] } } : {}),
    ...row.options,
  };
}

/** The spec of a row: a preset, or a config.json the fixture names (read by the caller, build time only). */
export function rowSpec(row: MeasuredRow, presets: readonly { id: string; spec: ModelSpec }[], readConfig: (name: string) => string): ModelSpec {
  if (typeof row.model === 'string') {
    const preset = presets.find((p) => p.id === row.model);
    if (!preset) throw new Error(`measured corpus: unknown preset "${row.model}"`);
    return preset.spec;
  }
  return parseHfConfig(JSON.parse(readConfig(row.model.config)));
}

export interface ComparedMeasured {
  row: MeasuredRow;
  /** Predicted figure of the row's metric, in its unit. */
  predicted: number;
  /** predicted / measured − 1. */
  error: number;
  /** The calculator state's query and fragment, or null when the row's model is not a preset or its options are not in the calculator. */
  link: string | null;
}

/** What the calculator's state cannot express of a row (the link then opens the nearest state and says so). */
export function unexpressed(row: MeasuredRow): string[] {
  return Object.keys(row.options).filter((k) => !['gradientAccumulationSteps', 'attention', 'activationOffload'].includes(k));
}

export function compareMeasured(row: MeasuredRow, spec: ModelSpec, schema: FtSchema, defaults: FtState, anchor: string): ComparedMeasured {
  const m = fineTuneMemory(spec, rowOptions(row));
  const unit = UNIT[row.unit];
  const predicted = m.peak[row.metric] / unit;
  let link: string | null = null;
  if (typeof row.model === 'string') {
    const state: FtState = {
      ...defaults,
      model: row.model,
      fw: row.framework,
      method: row.method,
      precision: row.precision,
      opt: row.optimizer,
      batch: row.batchSize,
      seq: row.seqLen,
      ckpt: row.checkpointing,
      flash: row.options.attention !== 'eager',
      rank: row.lora?.rank ?? defaults.rank,
      targets: row.lora?.targets ?? defaults.targets,
      actoffload: row.options.activationOffload ?? false,
      fusedce: row.options.loss === 'fused',
    };
    link = `${writeUrlState('', schema, state, defaults, URL_PREFIX)}#${anchor}`;
  }
  return { row, predicted, error: predicted / row.measured - 1, link };
}

/** The error band of each `framework:method` over the corpus's peaks (largest-fit rows included, OOM bounds not). */
export function errorBands(compared: readonly ComparedMeasured[]): Record<string, ErrorBand> {
  const bands: Record<string, ErrorBand> = {};
  for (const c of compared) {
    if (c.row.kind === 'oom') continue;
    const key = `${c.row.framework}:${c.row.method}`;
    const b = bands[key];
    bands[key] = b ? { lo: Math.min(b.lo, c.error), hi: Math.max(b.hi, c.error), n: b.n + 1 } : { lo: c.error, hi: c.error, n: 1 };
  }
  return bands;
}
