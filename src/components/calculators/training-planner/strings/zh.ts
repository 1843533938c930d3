import type { ProblemText, TrainingStrings } from './en';

const num = (limit: number | string | undefined) => (typeof limit === 'number' ? limit.toLocaleString('zh-CN') : undefined);

/** 从 (字段, 原因, 界限) 给出中文说明，从不解析核心的英文消息。 */
function problemZh(p: ProblemText): string {
  const limit = num(p.limit);
  const got = p.got ?? '';
  switch (`${p.field}:${p.reason}`) {
    case 'tp:not-divisible':
      return `${limit} 个注意力头要在张量并行的 GPU 间均分；${got} 不能整除 ${limit}。`;
    case 'cp:not-divisible':
      return `每条 ${limit} 词元的序列要在上下文并行的 GPU 间均分；${got} 不能整除 ${limit}。`;
    case 'gpus:not-divisible':
      return `${got} 块 GPU 不是 张量 × 流水线 × 上下文并行 = ${limit} 的整数倍。`;
    case 'ep:not-divisible':
      return `专家并行度 ${got} 必须整除 ${limit}（路由专家数，以及数据 × 上下文并行的 GPU 数）。`;
    case 'ep:requires':
      return '专家并行只适用于混合专家（MoE）模型：请设为 1。';
    case 'vpp:requires':
      return '交错调度（每块 GPU 多于 1 个模型块）需要至少两个流水线阶段。';
    case 'vpp:above-max':
      return `流水线阶段数 × 模型块数超过了层数：这里每块 GPU 最多 ${limit} 个模型块。`;
    case 'pp:above-max':
      return `最多 ${limit} 个流水线阶段：每个阶段至少要有一层。`;
    case 'mb:not-divisible':
      return `每个数据并行副本每步分到 ${limit} 条序列，不能均分成每份 ${got} 条的微批次。`;
    case 'prec:requires':
      return '这块 GPU 没有 FP8 张量核心：请选 BF16。';
    case 'edge:above-max':
      return p.limit === 0 ? '从首尾阶段移走层需要至少三个流水线阶段：请设为 0。' : `每个首尾阶段最多移走 ${limit} 层。`;
    case 'gbs:below-min':
      return '全局批次至少要有一条序列。';
  }
  switch (p.reason) {
    case 'below-min':
      return `应不小于 ${limit}，实际为 ${got}。`;
    case 'above-max':
    case 'too-large':
      return `应不大于 ${limit}，实际为 ${got}。`;
    case 'not-integer':
    case 'not-positive-integer':
      return `应为整数，实际为 ${got}。`;
    case 'not-divisible':
      return `${got} 必须整除 ${limit}。`;
    default:
      return `这个设置无法计算（${got}）。`;
  }
}

/** 训练规划器的中文界面文字。 */
export const trainingZh = {
  region: '训练规划器',
  presetsTitle: '公开的训练记录',
  presetsHint: '每个链接按论文或训练日志所述恢复该次训练的并行布局。',
  presetNames: {
    'llama-3.1-70b': 'Llama 3.1 70B，1,024 块 H100（起点）',
    'llama3-405b': 'Llama 3 405B，16,384 块 H100（Meta 2024）',
    'deepseek-v3': 'DeepSeek-V3，2,048 块 H800（2024）',
    'bloom-176b': 'BLOOM 176B，384 块 A100（BigScience 2022）',
    'megatron-145b': 'Megatron-LM GPT 145.6B，1,536 块 A100（Narayanan 等 2021）',
  } as Record<string, string>,
  model: '模型',
  gpu: 'GPU',
  gpus: 'GPU 总数',
  tp: '张量并行（t）',
  sp: '张量并行组内启用序列并行',
  pp: '流水线阶段数（p）',
  vpp: '每块 GPU 的模型块数（v，交错 1F1B）',
  cp: '上下文并行（c）',
  ep: '专家并行（e）',
  dpDerived: (d: string) => `数据并行 d = GPU 数 / (t · p · c) = ${d}`,
  zero: 'ZeRO 阶段',
  zeroNames: { '0': '0（DDP）', '1': '1（切分优化器状态）', '2': '2（再切分梯度）', '3': '3（再切分权重，FSDP）' } as Record<string, string>,
  mb: '微批次（序列数）',
  seq: '序列长度（词元）',
  gbs: '全局批次（每步序列数）',
  gbsHint: (tokens: string) => `每步 ${tokens} 个词元`,
  ckpt: '激活重计算',
  ckptNames: { none: '不重算', selective: '选择性（注意力）', full: '完全（每一层）' } as Record<string, string>,
  prec: '矩阵乘精度',
  precNames: { bf16: 'BF16', fp8: 'FP8' } as Record<string, string>,
  opt: '优化器',
  optNames: { adamw: 'AdamW（状态 12 字节/参数）', 'adamw-8bit': '8 位 AdamW（6 字节）', sgd: 'SGD + 动量（8 字节）' } as Record<string, string>,
  network: '集群与效率',
  node: '每个 NVLink 域（节点）的 GPU 数',
  ib: '每块 GPU 的网络带宽（GB/s，单向）',
  ibHint: '400 Gb/s 的 InfiniBand 或 RoCE = 50 GB/s',
  eff: '矩阵乘效率（占峰值的 %；0 = 校准后的默认值）',
  eov: '被计算掩盖的专家 all-to-all（%）',
  drop: 'Dropout（保存其掩码）',
  edge: '从首、尾阶段各移走的层数',
  tokens: '训练词元数（十亿）',
  price: '每 GPU 小时价格',
  units: '单位',
  binary: '二进制（GiB = 2³⁰ 字节）',
  decimal: '十进制（GB = 10⁹ 字节）',
  problem: problemZh,
  keptNote: '下方仍显示上一个能计算的设置。',
  verdictTitle: '放得下吗？',
  verdict: {
    fits: (total: string, capacity: string, mfu: string, days: string) =>
      `放得下：最满的流水线阶段每块 GPU 用 ${total}（共 ${capacity}）；MFU ${mfu}，训练需 ${days}。`,
    over: (part: string, over: string, capacity: string, total: string) => `放不下：每块 GPU 需要 ${total}，超出 ${capacity} ${over}；占用最多的是${part}。`,
  },
  memoryNames: { weights: '权重', gradients: '梯度', optimizer: '优化器状态', activations: '激活', buffers: '缓冲区' } as Record<string, string>,
  memoryTitle: '每块 GPU 的显存（最满的流水线阶段）',
  memoryOf: (capacity: string) => `共 ${capacity}`,
  spokenBar: (parts: string) => `每块 GPU 的显存：${parts}`,
  layoutTitle: '并行布局',
  layoutShown: (shown: string, total: string) =>
    `${total} 块 GPU 中的前 ${shown} 块，每行一个节点，按 Megatron-LM 的编号顺序（张量最快，其次上下文、数据、流水线）。`,
  layoutAll: (total: string) => `全部 ${total} 块 GPU，每行一个节点，按 Megatron-LM 的编号顺序（张量最快，其次上下文、数据、流水线）。`,
  colourBy: '按哪种组着色',
  groupNames: { tp: '张量', pp: '流水线阶段', dp: '数据', cp: '上下文', ep: '专家' } as Record<string, string>,
  layoutSummary: (t: string, p: string, c: string, d: string, e: string) => `t ${t} × p ${p} × c ${c} × d ${d}；专家分布在 e = ${e} 块 GPU 上`,
  gpuTitle: (rank: string, tp: string, cp: string, dp: string, pp: string, node: string) =>
    `GPU ${rank}（节点 ${node}）：张量序号 ${tp}，上下文 ${cp}，副本 ${dp}，阶段 ${pp}`,
  stepTitle: '每步时间',
  stepNames: {
    compute: '计算',
    tp: '张量并行通信',
    cp: '上下文并行环',
    ep: '专家 all-to-all',
    bubble: '流水线气泡',
    pp: '流水线收发',
    dp: '数据并行梯度同步',
  } as Record<string, string>,
  stepTotal: (s: string) => `每步 ${s} 秒`,
  seconds: (s: string) => `${s} 秒`,
  results: '吞吐、时间与成本',
  tokensPerSecond: '每秒词元数（全部 GPU）',
  mfu: 'MFU（模型 FLOPs / 峰值）',
  hfu: 'HFU（含重计算）',
  bubble: '气泡 (p − 1)/(m · v)',
  microbatches: (m: string) => `每个副本每步 ${m} 个微批次`,
  trainTime: (tokens: string) => `训练 ${tokens} 个词元所需时间`,
  days: (d: string) => `${d} 天`,
  gpuHours: 'GPU 小时',
  cost: '按你的价格计算的成本',
  mfuNote:
    'MFU 采用 PaLM 的约定：每词元 6N + 12·L·H·Q·T FLOPs（注意力按完整的 T × T 分数计），除以 GPU 的稠密 BF16 峰值；Megatron 报告的 TFLOP/s 含重计算的前向，对应这里的 HFU。',
  solverTitle: '寻找布局',
  solverButton: '找出放得下的最快布局',
  solverIntro:
    '在同样的批次、精度和网络下，尝试把这些 GPU 分成张量、上下文、流水线与数据并行的每一种方式（MoE 还有专家并行），以及每个 ZeRO 阶段、重计算方式、微批次和交错度。',
  solverCounts: (evaluated: string, fitting: string) => `共评估 ${evaluated} 种布局，其中 ${fitting} 种放得下。`,
  solverNone: '这些 GPU 上没有放得下的布局：增加 GPU、缩短序列或减小批次。',
  solverCols: { layout: '布局（t · c · p · d）', more: 'ZeRO · 重计算 · 微批次 · v', step: '每步（秒）', mfu: 'MFU', memory: '每块 GPU 显存', use: '' },
  solverUse: '采用',
  formulaTitle: '公式（代入你的数字）',
  copy: '复制链接',
} satisfies TrainingStrings;
