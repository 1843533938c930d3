import type { CountsStrings } from './en';

/** Chinese UI strings of the per-component table; typed by the English table so the two cannot drift. */
export const countsZh = {
  context: '上下文长度（词元）',
  contextHint: '每个新词元要关注的键的个数',
  phase: '计算对象',
  decode: '解码一个词元',
  train: '训练一个词元（序列为此长度）',
  beyondMax: (max: string) => `超过模型训练时的上下文长度 ${max}；计数照样成立。`,
  caption: (model: string) => `${model} 各部分的参数量与每词元 FLOPs`,
  component: '部分',
  params: '参数量',
  share: '占比',
  flops: '每词元 FLOPs',
  total: '合计',
  names: {
    embedding: '词嵌入',
    'attention-projections': '注意力投影（Q、K、V、O）',
    'attention-scores': '注意力分数（QKᵀ、权重乘 V）',
    mlp: 'MLP',
    norms: '归一化层',
    head: '输出头（LM head）',
  },
  mlpKind: (gated: boolean, moe: boolean) => (moe ? '混合专家' : gated ? '门控（SwiGLU）' : '普通'),
  tied: '与词嵌入共享',
  activeNote: (active: string) => `每个词元只乘其中 ${active} 个（它用到的路由专家）。`,
  ruleDecode: (rule: string, ratio: string) => `按 2·N 估算每词元 ${rule} FLOPs；逐项相加是它的 ${ratio}。`,
  ruleTrain: (rule: string, ratio: string) => `按 6·N 估算每词元 ${rule} FLOPs；逐项相加（3 倍前向）是它的 ${ratio}。`,
  scores: (share: string) => `在这个上下文长度下，注意力分数占全部 FLOPs 的 ${share}。`,
  gflop: (value: string) => `${value} GFLOP`,
  formulaTitle: '公式（代入当前数字）',
  spokenScores: (value: string) => `每词元注意力分数 FLOPs：${value}`,
} satisfies CountsStrings;
