import type { OptionReason } from '~/lib/errors';

/** A refusal of the core as the strings need it: its reason code, the value refused and the bound it broke. */
export interface ProblemText {
  reason: OptionReason;
  got?: string;
  limit?: number | string;
}

/** What the core expected, in English, from the reason code (never from the core's message). */
export function expectedEn({ reason, limit }: ProblemText): string {
  switch (reason) {
    case 'not-number':
      return 'a number';
    case 'not-integer':
    case 'not-positive-integer':
      return 'a whole number';
    case 'below-min':
      return `at least ${limit}`;
    case 'above-max':
    case 'too-large':
      return `at most ${limit}`;
    case 'not-one-of':
      return 'one of the listed choices';
    case 'not-divisible':
      return `a number that divides ${limit}`;
    default:
      return 'a valid value';
  }
}

/** The serving planner's English strings; `zh.ts` satisfies this shape. */
export const servingEn = {
  region: 'Serving planner',
  model: 'Model',
  gpu: 'GPU',
  customGpu: 'Custom GPU (your figures)',
  customGpuName: 'Custom GPU',
  gmem: 'Memory as the driver reports it (GiB)',
  gmemHint: 'What vLLM prints as total_gpu_memory or "Free memory on device (…/total GiB)": a little under the box figure (79.18 GiB on an H100).',
  gbw: 'Memory bandwidth (GB/s)',
  gbf16: 'Dense bf16 tensor TFLOPS',
  gfp8: 'Dense fp8 tensor TFLOPS (0 = none)',
  glink: 'GPU-to-GPU link, one direction (GB/s)',
  tp: 'Tensor parallel (GPUs per stage)',
  pp: 'Pipeline parallel (stages)',
  gpuCount: (count: number, n: string) => (count === 1 ? '1 GPU in all' : `${n} GPUs in all`),
  weights: 'Weight format',
  kvDtype: 'KV cache type',
  utilization: 'GPU memory utilization',
  utilizationHint: "vLLM's gpu_memory_utilization; default 0.9",
  context: 'Tokens per request (max_model_len)',
  prompt: 'Prompt tokens (for time to first token)',
  batch: 'Decode batch for the formulas',
  batchHint: 'Capped at the requests that fit.',
  mns: 'max_num_seqs (0 = vLLM’s default)',
  mnsHint: (v: string) => `Bounds the requests served at once and sizes the profile’s sampler run; vLLM’s default here is ${v}.`,
  costInput: 'Per million prompt tokens',
  costOutput: (b: string) => `Per million generated tokens at batch ${b}`,
  units: 'Units',
  binary: 'GiB (2³⁰ B)',
  decimal: 'GB (10⁹ B)',
  modelsFromKv: 'Open this model in the serving planner',
  formats: {
    bf16: 'bf16',
    fp16: 'fp16',
    fp8: 'fp8 (W8A8, 16-bit embeddings)',
    int8: 'int8 (W8A8)',
    'gptq-int4': 'GPTQ int4, group 128',
    'awq-int4': 'AWQ int4, group 128',
    nf4: 'bitsandbytes NF4 (double quant)',
    'gguf-q8_0': 'GGUF Q8_0',
    'gguf-q6_k': 'GGUF Q6_K',
    'gguf-q5_k_m': 'GGUF Q5_K_M',
    'gguf-q4_k_m': 'GGUF Q4_K_M',
    'gguf-q4_0': 'GGUF Q4_0',
    'gguf-q3_k_m': 'GGUF Q3_K_M',
    'gguf-q2_k': 'GGUF Q2_K',
  } as Record<string, string>,
  problems: {
    heads: (p: ProblemText) => `The ${p.limit} attention heads must split evenly across the tensor-parallel GPUs; ${p.got} does not divide ${p.limit}.`,
    kvHeads: (p: ProblemText) => `vLLM needs the tensor-parallel degree to divide the ${p.limit} KV heads, or to be a multiple of them; ${p.got} is neither.`,
    layers: (p: ProblemText) => `${p.got} pipeline stages for ${p.limit} layers: a stage needs at least one layer.`,
    range: (p: ProblemText) => `Out of range: expected ${expectedEn(p)}, got ${p.got}.`,
    oneDevice: (p: ProblemText) =>
      `This device decodes alone (Apple silicon’s unified memory, or a CPU’s): there is no link to split the model over, so tensor parallel must be ${p.limit}, not ${p.got}.`,
    other: (p: ProblemText) => `This setting cannot be computed: expected ${expectedEn(p)}, got ${p.got}.`,
  },
  keptNote: 'Showing the last setting that could be computed.',
  verdictTitle: 'Will it serve?',
  verdict: {
    fits: (requests: number, r: string, ctx: string, tokens: string) =>
      `Starts: holds ${requests === 1 ? `1 request` : `${r} requests`} of ${ctx} tokens at once (${tokens} KV tokens).`,
    speeds: (one: string, full: string | null, r: string) =>
      full === null ? `${one} tok/s for one request.` : `${one} tok/s for one request, ${full} tok/s in all at the ${r} that fit.`,
    noRoom: (weights: string, reserve: string, usable: string) => `Won’t start: weights ${weights} + reserve ${reserve} > ${usable} usable on each GPU.`,
    wontStart: (tokens: string, ctx: string) => `Won’t start: ${tokens} KV tokens < max_model_len ${ctx}.`,
    whyNoRoom: 'vLLM stops with “No available memory for the cache blocks” (vllm/v1/core/kv_cache_utils.py).',
    whyWontStart:
      'vLLM stops with “To serve at least one request with the model’s max seq len … larger than the available KV cache memory” (vllm/v1/core/kv_cache_utils.py).',
    change: 'What to change:',
    noChange: 'No single change among more GPUs, a smaller format, a shorter context or a higher utilization makes it start.',
  },
  remedies: {
    tp: (tp: string, gpus: string, requests: string) => `tensor parallel ${tp} (${gpus} GPUs) holds ${requests}`,
    weights: (format: string, requests: string) => `${format} weights hold ${requests}`,
    context: (ctx: string) => `max_model_len ≤ ${ctx}`,
    utilization: (u: string, requests: string) => `gpu_memory_utilization ${u} holds ${requests}`,
    requests: (n: number, s: string) => (n === 1 ? '1 request' : `${s} requests`),
  },
  window: (ctx: string, model: string, limit: string, how: string) =>
    `${ctx} tokens is beyond ${model}’s window of ${limit} (${how}): vLLM refuses a longer max_model_len unless the config adds rope_scaling or VLLM_ALLOW_LONG_MAX_MODEL_LEN=1 is set, and quality past the trained length is not guaranteed.`,
  windowHow: (key: string, scaling: { type: string; factor: number } | undefined, trained: string) =>
    scaling ? `${key} ${trained} × ${scaling.type} factor ${scaling.factor}` : `${key}, no rope_scaling`,
  perGpuTitle: 'One GPU, as vLLM fills it',
  segments: {
    weights: 'Weights',
    activation: 'Activation peak (estimate)',
    nonTorch: 'Outside PyTorch (context, NCCL)',
    cudaGraphs: 'CUDA graphs (estimate)',
    kv: 'KV cache',
    unused: 'Left alone (1 − u)',
  } as Record<string, string>,
  capacity: (name: string, bytes: string, source: string) =>
    `${name}: ${bytes} ${
      source === 'runtime'
        ? 'as vLLM reads it (torch.cuda.mem_get_info)'
        : source === 'driver'
          ? 'as nvidia-smi reports it'
          : source === 'reader'
            ? 'as you entered it'
            : "(vendor's figure; no driver output found)"
    }`,
  tokensFit: (k: string) => `KV cache tokens (whole blocks of ${k})`,
  kvPerToken: 'KV per token on one GPU',
  weightsPerGpu: 'Weights on one GPU',
  statePerRequest: 'Recurrent state per request on one GPU (whole pages)',
  concurrency: (ctx: string) => `Requests of ${ctx} tokens at once`,
  concurrencyValue: (c: string, whole: string) => `${c}× (${whole} whole)`,
  limits: (mnbt: string, mns: string) => `Batch limits in force: ${mnbt} batched tokens, ${mns} sequences.`,
  perSeqAt: (b: string) => `Per sequence at batch ${b}`,
  aggregateAt: (b: string) => `In all at batch ${b}`,
  noSpeeds: 'No speeds: vLLM would not start with this setting.',
  ttft: (p: string) => `Time to first token, ${p}-token prompt`,
  bound: { memory: 'memory-bound', compute: 'compute-bound' } as Record<string, string>,
  tokPerSec: (v: string) => `${v} tok/s`,
  ms: (v: string) => `${v} ms`,
  logTitle: 'Check against a vLLM startup log',
  spokenBar: (parts: string) => `Per-GPU memory: ${parts}`,
};
export type ServingStrings = typeof servingEn;
