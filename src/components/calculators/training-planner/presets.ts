/**
 * Build-time: the published runs of tests/fixtures/training-runs/runs.json (the same fixture the core's tests check
 * against, each figure with its URL) as the planner's presets, and the models and GPUs they need beyond the site's
 * lists (Llama 3.1 405B, BLOOM, Megatron-LM's GPT, the H800). Imported by the `.astro` wrapper only.
 */
import runs from '../../../../tests/fixtures/training-runs/runs.json';
import { parseHfConfig } from '~/lib/model/hf-config';
import type { TrainingOptions } from '~/lib/training/parallel';
import { BASE_STATE, type TrainingState } from './state';
import type { TrainingGpu, TrainingModel, TrainingPreset } from './view';

interface Run {
  id: string;
  model: string;
  gpu: string;
  source: string;
  options: Omit<TrainingOptions, 'gpu'>;
  reported: { tokens?: number };
}

const fixture = runs as unknown as {
  gpus: Record<string, Omit<TrainingGpu, 'id' | 'name'> & { source: string }>;
  models: Record<string, { source: string; config?: Record<string, unknown>; configFile?: string }>;
  megatronWeakScaling: {
    source: string;
    gpu: string;
    scaleOutGBps: number;
    rows: { params: string; heads: number; hidden: number; layers: number; tp: number; pp: number; gpus: number; batch: number }[];
  };
  runs: Run[];
};

/** The Megatron-LM row shown (Narayanan et al. 2021, Table 1): 145.6B parameters on 1,536 A100s. */
const MEGATRON_ROW = '145.6B';
export const MEGATRON_MODEL_ID = 'megatron-gpt-145b';

/** The models the runs use that the site's model list does not have. */
export function runModels(): TrainingModel[] {
  const row = fixture.megatronWeakScaling.rows.find((r) => r.params === MEGATRON_ROW)!;
  return [
    {
      id: 'llama-3.1-405b',
      name: 'Llama 3.1 405B',
      spec: parseHfConfig(fixture.models['llama-3.1-405b']!.config),
      source: fixture.models['llama-3.1-405b']!.source,
    },
    { id: 'bloom-176b', name: 'BLOOM 176B', spec: parseHfConfig(fixture.models['bloom-176b']!.config), source: fixture.models['bloom-176b']!.source },
    {
      id: MEGATRON_MODEL_ID,
      name: 'Megatron-LM GPT 145.6B',
      // Table 1's GPT: GPT-2's architecture, vocabulary 51,200, sequence 2,048.
      spec: parseHfConfig({
        model_type: 'gpt2',
        n_embd: row.hidden,
        n_layer: row.layers,
        n_head: row.heads,
        n_inner: 4 * row.hidden,
        vocab_size: 51200,
        n_positions: 2048,
      }),
      source: fixture.megatronWeakScaling.source,
    },
  ];
}

/** The H800 with DeepSeek-V3's own link figures (§3.2.2). */
export function runGpus(): TrainingGpu[] {
  const { source: _source, ...h800 } = fixture.gpus.h800!;
  return [{ id: 'h800', name: 'NVIDIA H800 (DeepSeek-V3 §3.2.2)', ...h800 }];
}

function stateOf(run: Run, model: string): TrainingState {
  const o = run.options;
  return {
    ...BASE_STATE,
    model,
    gpu: run.gpu,
    gpus: o.gpus,
    tp: o.tensorParallel ?? 1,
    sp: o.sequenceParallel ?? (o.tensorParallel ?? 1) > 1,
    pp: o.pipelineParallel ?? 1,
    vpp: o.virtualStages ?? 1,
    cp: o.contextParallel ?? 1,
    ep: o.expertParallel ?? 1,
    zero: String(o.zeroStage ?? 1),
    mb: o.microBatch ?? 1,
    seq: o.seqLen,
    gbs: o.globalBatchTokens / o.seqLen,
    ckpt: o.checkpointing ?? 'selective',
    prec: o.precision ?? 'bf16',
    opt: o.optimizer ?? 'adamw',
    ib: o.scaleOutGBps ?? 50,
    eov: (o.expertOverlap ?? 0) * 100,
    drop: o.dropout ?? false,
    edge: o.edgeStageLayerReduction ?? 0,
    tokens: (run.reported.tokens ?? BASE_STATE.tokens * 1e9) / 1e9,
  };
}

/** The presets in the order the planner lists them: a starting point, then the published runs. */
export function trainingPresets(): TrainingPreset[] {
  const run = (id: string) => fixture.runs.find((r) => r.id === id)!;
  const w = fixture.megatronWeakScaling;
  const row = w.rows.find((r) => r.params === MEGATRON_ROW)!;
  return [
    { id: 'llama-3.1-70b', state: BASE_STATE, source: 'https://huggingface.co/meta-llama/Llama-3.1-70B/blob/main/config.json' },
    { id: 'llama3-405b', state: stateOf(run('llama3-405b-8k-16384'), 'llama-3.1-405b'), source: run('llama3-405b-8k-16384').source },
    { id: 'deepseek-v3', state: stateOf(run('deepseek-v3'), 'deepseek-v3'), source: run('deepseek-v3').source },
    { id: 'bloom-176b', state: stateOf(run('bloom-176b'), 'bloom-176b'), source: run('bloom-176b').source },
    {
      id: 'megatron-145b',
      state: {
        ...BASE_STATE,
        model: MEGATRON_MODEL_ID,
        gpu: w.gpu,
        gpus: row.gpus,
        tp: row.tp,
        sp: false,
        pp: row.pp,
        vpp: 1,
        cp: 1,
        ep: 1,
        zero: '0',
        mb: 1,
        seq: 2048,
        gbs: row.batch,
        ckpt: 'full',
        ib: w.scaleOutGBps,
        drop: true,
        edge: 0,
        // Narayanan et al. §5.1 time GPT-3 175B end to end on 300B tokens.
        tokens: 300,
      },
      source: w.source,
    },
  ];
}

/** A published run next to the planner's figures for it, for the page's table (computed at build time). */
export interface RunCheck {
  id: string;
  source: string;
  mfu: number;
  hfu: number;
  gpuHours: number;
  fits: boolean;
  totalBytes: number;
  reported: { mfu?: number; gpuHours?: number; tflopsPerGpu?: number; tokens?: number };
}

/** Every run of the fixture through `trainingPlan`, with what its source reported. */
export async function runChecks(): Promise<RunCheck[]> {
  const { trainingPlan } = await import('~/lib/training/parallel');
  const { parseHfConfig: parse } = await import('~/lib/model/hf-config');
  const deepseek = (await import('~/content/models/deepseek-v3.json')).default;
  const specs: Record<string, ReturnType<typeof parse>> = {
    'llama-3.1-405b': parse(fixture.models['llama-3.1-405b']!.config),
    'bloom-176b': parse(fixture.models['bloom-176b']!.config),
    'deepseek-v3': parse(deepseek.config),
  };
  return fixture.runs.map((run) => {
    const gpu = fixture.gpus[run.gpu] ? { ...fixture.gpus[run.gpu]! } : run.gpu;
    const plan = trainingPlan(specs[run.model]!, { gpu, ...run.options });
    const reported = (run as Run & { reported: RunCheck['reported'] }).reported;
    return {
      id: run.id,
      source: run.source,
      mfu: plan.mfu,
      hfu: plan.hfu,
      gpuHours: reported.tokens ? plan.gpuHours(reported.tokens) : 0,
      fits: plan.fits,
      totalBytes: plan.perGpu.total,
      reported,
    };
  });
}
