import type { OptionReason } from '~/lib/errors';

/** A refusal of the core as the strings need it: its field, reason code, the value refused and the bound it broke. */
export interface ProblemText {
  field: string;
  reason: OptionReason;
  got?: string;
  limit?: number | string;
}

const num = (limit: number | string | undefined) => (typeof limit === 'number' ? limit.toLocaleString('en') : undefined);

/** A refusal in English, from (field, reason, limit) alone: never from the core's message. */
function problemEn(p: ProblemText): string {
  const limit = num(p.limit);
  const got = p.got ?? '';
  switch (`${p.field}:${p.reason}`) {
    case 'tp:not-divisible':
      return `The ${limit} attention heads must split evenly over the tensor-parallel GPUs; ${got} does not divide ${limit}.`;
    case 'cp:not-divisible':
      return `Each sequence of ${limit} tokens must split evenly over the context-parallel GPUs; ${got} does not divide ${limit}.`;
    case 'gpus:not-divisible':
      return `${got} GPUs are not a multiple of tensor × pipeline × context parallel = ${limit}.`;
    case 'ep:not-divisible':
      return `Expert parallel ${got} must divide ${limit} (the routed experts, and the data × context parallel GPUs).`;
    case 'ep:requires':
      return 'Expert parallelism needs a mixture-of-experts model: set it to 1.';
    case 'vpp:requires':
      return 'Interleaving (chunks per GPU > 1) needs more than one pipeline stage.';
    case 'vpp:above-max':
      return `Pipeline stages × chunks exceed the layers: at most ${limit} chunks per GPU here.`;
    case 'pp:above-max':
      return `At most ${limit} pipeline stages: a stage needs at least one layer.`;
    case 'mb:not-divisible':
      return `Each data-parallel replica gets ${limit} sequences per step; microbatches of ${got} do not split them evenly.`;
    case 'prec:requires':
      return 'This GPU has no FP8 tensor cores: choose BF16.';
    case 'edge:above-max':
      return p.limit === 0
        ? 'Moving layers off the edge stages needs at least three pipeline stages: set it to 0.'
        : `At most ${limit} layers can move off each edge stage.`;
    case 'gbs:below-min':
      return 'The global batch needs at least one sequence.';
  }
  switch (p.reason) {
    case 'below-min':
      return `Expected at least ${limit}, got ${got}.`;
    case 'above-max':
    case 'too-large':
      return `Expected at most ${limit}, got ${got}.`;
    case 'not-integer':
    case 'not-positive-integer':
      return `Expected a whole number, got ${got}.`;
    case 'not-divisible':
      return `${got} must divide ${limit}.`;
    default:
      return `This setting cannot be computed (${got}).`;
  }
}

/** The training planner's English strings; `zh.ts` satisfies this shape. */
export const trainingEn = {
  region: 'Training planner',
  presetsTitle: 'Published runs',
  presetsHint: 'Each link restores the run’s layout as its paper or logbook states it.',
  presetNames: {
    'llama-3.1-70b': 'Llama 3.1 70B on 1,024 H100 (a starting point)',
    'llama3-405b': 'Llama 3 405B, 16,384 H100 (Meta 2024)',
    'deepseek-v3': 'DeepSeek-V3, 2,048 H800 (2024)',
    'bloom-176b': 'BLOOM 176B, 384 A100 (BigScience 2022)',
    'megatron-145b': 'Megatron-LM GPT 145.6B, 1,536 A100 (Narayanan et al. 2021)',
  } as Record<string, string>,
  model: 'Model',
  gpu: 'GPU',
  gpus: 'GPUs in all',
  tp: 'Tensor parallel (t)',
  sp: 'Sequence parallelism in the tensor group',
  pp: 'Pipeline stages (p)',
  vpp: 'Model chunks per GPU (v, interleaved 1F1B)',
  cp: 'Context parallel (c)',
  ep: 'Expert parallel (e)',
  dpDerived: (d: string) => `Data parallel d = GPUs / (t · p · c) = ${d}`,
  zero: 'ZeRO stage',
  zeroNames: { '0': '0 (DDP)', '1': '1 (optimizer)', '2': '2 (+ gradients)', '3': '3 (+ weights, FSDP)' } as Record<string, string>,
  mb: 'Microbatch (sequences)',
  seq: 'Sequence length (tokens)',
  gbs: 'Global batch (sequences per step)',
  gbsHint: (tokens: string) => `${tokens} tokens per step`,
  ckpt: 'Activation recomputation',
  ckptNames: { none: 'None', selective: 'Selective (attention)', full: 'Full (every layer)' } as Record<string, string>,
  prec: 'Matmul precision',
  precNames: { bf16: 'BF16', fp8: 'FP8' } as Record<string, string>,
  opt: 'Optimizer',
  optNames: { adamw: 'AdamW (12 bytes/param of states)', 'adamw-8bit': '8-bit AdamW (6 bytes)', sgd: 'SGD + momentum (8 bytes)' } as Record<string, string>,
  network: 'Cluster and efficiency',
  node: 'GPUs per NVLink domain (node)',
  ib: 'Network bandwidth per GPU (GB/s, one way)',
  ibHint: '400 Gb/s InfiniBand or RoCE = 50 GB/s',
  eff: 'Matmul efficiency (% of peak; 0 = calibrated default)',
  eov: 'Expert all-to-all hidden behind compute (%)',
  drop: 'Dropout (stores its masks)',
  edge: 'Layers moved off the first and last stage',
  tokens: 'Tokens to train (billions)',
  price: 'Price per GPU-hour',
  units: 'Units',
  binary: 'Binary (GiB = 2³⁰ bytes)',
  decimal: 'Decimal (GB = 10⁹ bytes)',
  problem: problemEn,
  keptNote: 'Showing the last setting that could be computed.',
  verdictTitle: 'Does it fit?',
  verdict: {
    fits: (total: string, capacity: string, mfu: string, days: string) =>
      `Fits: ${total} of ${capacity} per GPU on the fullest stage; MFU ${mfu}, ${days} to train.`,
    over: (part: string, over: string, capacity: string, total: string) =>
      `Does not fit: ${total} per GPU exceeds ${capacity} by ${over}; ${part} take the most.`,
  },
  memoryNames: { weights: 'weights', gradients: 'gradients', optimizer: 'optimizer states', activations: 'activations', buffers: 'buffers' } as Record<
    string,
    string
  >,
  memoryTitle: 'Memory per GPU (fullest pipeline stage)',
  memoryOf: (capacity: string) => `of ${capacity}`,
  spokenBar: (parts: string) => `Memory per GPU: ${parts}`,
  layoutTitle: 'The layout',
  layoutShown: (shown: string, total: string) =>
    `The first ${shown} of ${total} GPUs, one row per node, in Megatron-LM’s rank order (tensor fastest, then context, data, pipeline).`,
  layoutAll: (total: string) => `All ${total} GPUs, one row per node, in Megatron-LM’s rank order (tensor fastest, then context, data, pipeline).`,
  colourBy: 'Colour by group',
  groupNames: { tp: 'Tensor', pp: 'Pipeline stage', dp: 'Data', cp: 'Context', ep: 'Expert' } as Record<string, string>,
  layoutSummary: (t: string, p: string, c: string, d: string, e: string) => `t ${t} × p ${p} × c ${c} × d ${d}; experts over e = ${e}`,
  gpuTitle: (rank: string, tp: string, cp: string, dp: string, pp: string, node: string) =>
    `GPU ${rank} (node ${node}): tensor rank ${tp}, context ${cp}, replica ${dp}, stage ${pp}`,
  stepTitle: 'Time per step',
  stepNames: {
    compute: 'compute',
    tp: 'tensor-parallel collectives',
    cp: 'context-parallel ring',
    ep: 'expert all-to-all',
    bubble: 'pipeline bubble',
    pp: 'pipeline sends',
    dp: 'data-parallel gradients',
  } as Record<string, string>,
  stepTotal: (s: string) => `${s} s per step`,
  seconds: (s: string) => `${s} s`,
  results: 'Throughput, time and cost',
  tokensPerSecond: 'Tokens per second (all GPUs)',
  mfu: 'MFU (model FLOPs over peak)',
  hfu: 'HFU (with recomputation)',
  bubble: 'Bubble (p − 1)/(m · v)',
  microbatches: (m: string) => `${m} microbatches per replica and step`,
  trainTime: (tokens: string) => `Time to train ${tokens} tokens`,
  days: (d: string) => `${d} days`,
  gpuHours: 'GPU-hours',
  cost: 'Cost at your price',
  mfuNote:
    'MFU counts the PaLM convention, 6N + 12·L·H·Q·T FLOPs per token (attention over the full T × T scores), against the GPU’s dense BF16 peak; Megatron’s TFLOP/s include the recomputed forward pass, which is HFU here.',
  solverTitle: 'Find a layout',
  solverButton: 'Find the fastest layouts that fit',
  solverIntro:
    'Tries every split of these GPUs into tensor, context, pipeline and data parallel (experts too, for MoE), each ZeRO stage, recomputation, microbatch and interleaving, for the same batch, precision and network.',
  solverCounts: (evaluated: string, fitting: string) => `${evaluated} layouts evaluated, ${fitting} fit.`,
  solverNone: 'No layout of these GPUs fits: add GPUs, shorten the sequences or shrink the batch.',
  solverCols: {
    layout: 'Layout (t · c · p · d)',
    more: 'ZeRO · recomputation · microbatch · v',
    step: 'Step (s)',
    mfu: 'MFU',
    memory: 'Memory per GPU',
    use: '',
  },
  solverUse: 'Use',
  formulaTitle: 'Formulas, with your numbers',
  copy: 'Copy link',
};

export type TrainingStrings = typeof trainingEn;
