import type { OptionReason } from '~/lib/errors';
import type { ProblemText, ServingStrings } from './en';

/** 核心期望的值，按原因代码给出（从不解析核心的英文消息）。 */
export function expectedZh({ reason, limit }: ProblemText & { reason: OptionReason }): string {
  switch (reason) {
    case 'not-number':
      return '一个数';
    case 'not-integer':
    case 'not-positive-integer':
      return '整数';
    case 'below-min':
      return `不小于 ${limit} 的数`;
    case 'above-max':
    case 'too-large':
      return `不大于 ${limit} 的数`;
    case 'not-one-of':
      return '列表中的一项';
    case 'not-divisible':
      return `能整除 ${limit} 的数`;
    default:
      return '有效的值';
  }
}

/** 服务规划器的中文字符串。 */
export const servingZh = {
  region: '服务规划器',
  model: '模型',
  gpu: 'GPU',
  customGpu: '自定义 GPU（填你的数字）',
  customGpuName: '自定义 GPU',
  gmem: '驱动报告的显存（GiB）',
  gmemHint: '即 vLLM 打印的 total_gpu_memory 或 “Free memory on device (…/总量 GiB)”：比包装盒上的数字略小（H100 为 79.18 GiB）。',
  gbw: '显存带宽（GB/s）',
  gbf16: '稠密 bf16 张量算力（TFLOPS）',
  gfp8: '稠密 fp8 张量算力（TFLOPS，0 表示不支持）',
  glink: 'GPU 间互联单向带宽（GB/s）',
  tp: '张量并行（每级 GPU 数）',
  pp: '流水线并行（级数）',
  gpuCount: (_count: number, n: string) => `共 ${n} 块 GPU`,
  weights: '权重格式',
  kvDtype: 'KV 缓存类型',
  utilization: '显存利用率',
  utilizationHint: 'vLLM 的 gpu_memory_utilization，默认 0.9',
  context: '每个请求的词元数（max_model_len）',
  prompt: '提示词元数（用于首词元时间）',
  batch: '公式所用的解码批大小',
  batchHint: '不超过能同时容纳的请求数。',
  mns: 'max_num_seqs（0 表示 vLLM 默认值）',
  mnsHint: (v: string) => `限制同时服务的请求数，也决定剖析时采样器处理的序列数；此处 vLLM 的默认值为 ${v}。`,
  costInput: '每百万提示词元',
  costOutput: (b: string) => `批大小 ${b} 时每百万生成词元`,
  units: '单位',
  binary: 'GiB（2³⁰ 字节）',
  decimal: 'GB（10⁹ 字节）',
  modelsFromKv: '在服务规划器中打开这个模型',
  formats: {
    bf16: 'bf16',
    fp16: 'fp16',
    fp8: 'fp8（W8A8，嵌入保持 16 位）',
    int8: 'int8（W8A8）',
    'gptq-int4': 'GPTQ int4，组大小 128',
    'awq-int4': 'AWQ int4，组大小 128',
    nf4: 'bitsandbytes NF4（双重量化）',
    'gguf-q8_0': 'GGUF Q8_0',
    'gguf-q6_k': 'GGUF Q6_K',
    'gguf-q5_k_m': 'GGUF Q5_K_M',
    'gguf-q4_k_m': 'GGUF Q4_K_M',
    'gguf-q4_0': 'GGUF Q4_0',
    'gguf-q3_k_m': 'GGUF Q3_K_M',
    'gguf-q2_k': 'GGUF Q2_K',
  } as Record<string, string>,
  problems: {
    heads: (p: ProblemText) => `${p.limit} 个注意力头必须能平均分到张量并行的各块 GPU 上；${p.got} 不能整除 ${p.limit}。`,
    kvHeads: (p: ProblemText) => `vLLM 要求张量并行度整除 ${p.limit} 个 KV 头，或是它的整数倍；${p.got} 两者都不是。`,
    layers: (p: ProblemText) => `${p.limit} 层分不成 ${p.got} 级流水线：每级至少要有一层。`,
    range: (p: ProblemText) => `超出范围：应为${expectedZh(p)}，收到的是 ${p.got}。`,
    oneDevice: (p: ProblemText) =>
      `这台设备只能单独解码（Apple 芯片的统一内存，或 CPU 的内存）：没有可用来切分模型的互连，张量并行只能是 ${p.limit}，不能是 ${p.got}。`,
    other: (p: ProblemText) => `这个设置算不出来：应为${expectedZh(p)}，收到的是 ${p.got}。`,
  },
  keptNote: '显示的是最后一个能算出的设置。',
  verdictTitle: '能不能跑起来？',
  verdict: {
    fits: (_requests: number, r: string, ctx: string, tokens: string) => `能启动：可同时容纳 ${r} 个 ${ctx} 词元的请求（KV 缓存 ${tokens} 个词元）。`,
    speeds: (one: string, full: string | null, r: string) =>
      full === null ? `单个请求 ${one} 词元/秒。` : `单个请求 ${one} 词元/秒；同时跑满 ${r} 个请求时共 ${full} 词元/秒。`,
    noRoom: (weights: string, reserve: string, usable: string) => `无法启动：每块 GPU 上权重 ${weights} 加预留 ${reserve}，超过可用的 ${usable}。`,
    wontStart: (tokens: string, ctx: string) => `无法启动：KV 缓存只有 ${tokens} 个词元，少于 max_model_len ${ctx}。`,
    whyNoRoom: 'vLLM 会报 “No available memory for the cache blocks” 并退出（vllm/v1/core/kv_cache_utils.py）。',
    whyWontStart: 'vLLM 会在检查“至少能容纳一个 max_model_len 长度的请求”时报错退出（vllm/v1/core/kv_cache_utils.py）。',
    change: '可以这样改：',
    noChange: '增加 GPU、换更小的格式、缩短上下文或提高利用率，单独哪一项都不能让它启动。',
  },
  remedies: {
    tp: (tp: string, gpus: string, requests: string) => `张量并行 ${tp}（共 ${gpus} 块 GPU），可容纳 ${requests}`,
    weights: (format: string, requests: string) => `改用 ${format} 权重，可容纳 ${requests}`,
    context: (ctx: string) => `max_model_len 不超过 ${ctx}`,
    utilization: (u: string, requests: string) => `gpu_memory_utilization 设为 ${u}，可容纳 ${requests}`,
    requests: (_n: number, s: string) => `${s} 个请求`,
  },
  window: (ctx: string, model: string, limit: string, how: string) =>
    `${ctx} 个词元超出了 ${model} 的上下文窗口 ${limit}（${how}）：除非配置中加入 rope_scaling 或设置 VLLM_ALLOW_LONG_MAX_MODEL_LEN=1，vLLM 不接受更长的 max_model_len，而且超出训练长度后质量没有保证。`,
  windowHow: (key: string, scaling: { type: string; factor: number } | undefined, trained: string) =>
    scaling ? `${key} ${trained} 乘以 ${scaling.type} 的倍数 ${scaling.factor}` : `${key}，没有 rope_scaling`,
  perGpuTitle: '一块 GPU，按 vLLM 的方式装满',
  segments: {
    weights: '权重',
    activation: '激活峰值（估计）',
    nonTorch: 'PyTorch 之外（上下文、NCCL）',
    cudaGraphs: 'CUDA 图（估计）',
    kv: 'KV 缓存',
    unused: '不使用（1 − u）',
  } as Record<string, string>,
  capacity: (name: string, bytes: string, source: string) =>
    `${name}：${bytes}${
      source === 'runtime'
        ? '，vLLM 读到的容量（torch.cuda.mem_get_info）'
        : source === 'driver'
          ? '，nvidia-smi 报告的容量'
          : source === 'reader'
            ? '，你填写的容量'
            : '（厂商标称值；未找到驱动输出）'
    }`,
  tokensFit: (k: string) => `KV 缓存词元数（按 ${k} 个一块取整）`,
  kvPerToken: '单块 GPU 上每个词元的 KV',
  weightsPerGpu: '单块 GPU 上的权重',
  statePerRequest: '单块 GPU 上每个请求的循环状态（按整页计）',
  concurrency: (ctx: string) => `同时容纳的 ${ctx} 词元请求`,
  concurrencyValue: (c: string, whole: string) => `${c} 倍（完整 ${whole} 个）`,
  limits: (mnbt: string, mns: string) => `生效的批限制：${mnbt} 个批内词元，${mns} 条序列。`,
  perSeqAt: (b: string) => `批大小 ${b} 时每条序列`,
  aggregateAt: (b: string) => `批大小 ${b} 时总计`,
  noSpeeds: '不给出速度：这个设置下 vLLM 无法启动。',
  ttft: (p: string) => `${p} 词元提示的首词元时间`,
  bound: { memory: '受限于显存带宽', compute: '受限于算力' } as Record<string, string>,
  tokPerSec: (v: string) => `${v} 词元/秒`,
  ms: (v: string) => `${v} 毫秒`,
  logTitle: '与 vLLM 启动日志对照',
  spokenBar: (parts: string) => `单卡显存：${parts}`,
} satisfies ServingStrings;
