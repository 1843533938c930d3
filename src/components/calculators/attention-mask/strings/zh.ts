import type { OptionReason } from '~/lib/errors';
import type { MaskStrings } from './en';

/** Chinese UI strings of the attention-mask visualizer; typed by the English table so the two cannot drift. */
export const zh = {
  kinds: {
    causal: '因果（Causal LM）',
    prefix: '前缀（Prefix LM）',
    glm: 'GLM（A 部分双向，B 部分因果）',
    'encoder-decoder': '编码器-解码器',
    bidirectional: '双向（编码器）',
    'sliding-window': '滑动窗口',
    chunked: '分块注意力（块大小取 W）',
    packed: '打包文档（按句末标点分文档）',
  },
  kindNotes: {
    glm: 'GLM 的 A 部分是挖掉若干片段后的原文（前 p 个词元），彼此双向可见；B 部分是被挖掉的片段，逐个生成，因果地看 A 和 B 中在它之前的词元。损失只落在 B 部分。',
    'encoder-decoder':
      '编码器-解码器（T5、BART）：前 p 个词元是编码器输入，其余是解码器。画成一个方阵时，可见性与前缀 LM 相同；区别在于编码器和解码器是两套参数，交叉注意力读的是编码器最后一层的输出。',
  },
  encDecRoles: ['编码器', '解码器'],
  glmRoles: ['A 部分', 'B 部分'],
  rowSeesParts: (role: string, q: number, token: string, first: string, firstRanges: string, second: string, secondRanges: string) =>
    // A space between a Chinese character and a Latin letter ("看到 A 部分"), none before 编码器.
    `${role}词元 ${q}「${token}」可以看到${/^[A-Za-z]/.test(first) ? ' ' : ''}${first}词元 ${firstRanges}，以及${/^[A-Za-z]/.test(second) ? ' ' : ''}${second}词元 ${secondRanges}`,
  gridKeys: '用 Tab 进入表格，上下方向键在行之间移动，Home / End 跳到首行或末行。',
  canvasLabel: (n: number) => `${n} × ${n} 的注意力掩码；聚焦后用上下方向键逐行查看`,
  canvasLoss: (count: number, first: number) => `计算损失的位置：${count} 个（从位置 ${first} 起）。`,
  fieldHeading: (q: number, token: string) => `逐层看：最后一个词元 ${q}「${token}」在第 l 层之后受哪些词元影响（窗口取上面的 W）`,
  fieldRow: (layer: number, ranges: string) => `第 ${layer} 层：词元 ${ranges}`,
  fieldMore: (rows: number, layers: number) => `只列出前 ${rows} 层：到这一层已覆盖整个序列，或已到列出上限；共 ${layers} 层。`,
  play: '自动播放',
  pause: '暂停',
  padLabel: '左侧填充词元数',
  layersLabel: '堆叠层数 L（滑动窗口的感受野）',
  reach: (l: string, w: string, r: string) => `${l} 层、每层 ${w} 个键的滑动窗口叠起来，信息最远可以传过 L·(W−1)+1 = ${r} 个词元。`,
  wplusLabel: '窗口按 W+1 个键计（论文正文与 attention-gym 的写法）',
  textLabel: '输入文本（按词切分为词元）',
  textHint: '用浏览器的 Intl.Segmenter 按“词”切分，去掉空白；清空文本则按长度生成 t0、t1……',
  lengthLabel: '长度 n（无文本时）',
  maskA: '左侧掩码',
  maskB: '右侧掩码',
  prefixLabel: '前缀长度 p',
  windowLabel: '窗口 W（含自身的键数）/ 块大小',
  pairs: (n: string, total: string) => `允许的 (查询, 键) 对：${n} / ${total}`,
  gridCaption: (kind: string) => `${kind}：行是查询，列是键；● 表示可以关注`,
  rowSees: (q: number, token: string, ranges: string) => `词元 ${q}「${token}」可以看到词元 ${ranges}`,
  sees: '可见',
  none: '（无）',
  canvasNote: (n: number) =>
    `长度 ${n} 超过 32，用画布绘制（长序列每个像素显示一块格子中允许的比例）；把鼠标移到某一行上，或聚焦画布后用方向键，查看它能看到哪些词元。`,
  lossLabel: '显示训练时计算损失的位置',
  lossRow: '损失',
  decodeHeading: '逐步解码',
  prefill: '预填充（一次并行处理提示）',
  next: '生成下一个词元',
  reset: '重置',
  stepPrefill: (rows: number) => `预填充：一次前向计算提示的全部 ${rows} 行。`,
  stepDecode: (step: number, row: number) => `第 ${step} 步解码：只计算新词元所在的第 ${row} 行，它看到的键与因果模型相同。`,
  stepIdle: '点“预填充”开始；提示长度取前缀长度 p（至少 1）。',
  stepDone: '已到序列末尾。',
  exportHeading: (kind: string) => `导出左侧掩码为 PyTorch：${kind}`,
  rankHeading: '秩：softmax(τ·QKᵀ/√d + M) 的奇异值',
  rankN: '长度 n（≤ 64）',
  rankD: '头维度 d',
  rankTau: '缩放 τ',
  rankSeed: '随机种子',
  numericalRank: '数值秩',
  effectiveRank: '有效秩',
  plotLabel: '按大小排列的奇异值（对数纵轴）',
  optionError: (m: string) => `无法生成掩码：${m}`,
  fields: {
    length: '长度 n',
    prefixLength: '前缀长度 p',
    window: '窗口 W',
    kind: '掩码类型',
    padding: '填充数',
    documents: '各文档长度',
    headDim: '头维度 d',
    scale: '缩放 τ',
    size: '网格边长',
  },
  problem: (field: string, reason: OptionReason, limit: number | string | undefined): string => {
    if (reason === 'below-min') return `${field}至少为 ${String(limit)}`;
    if (reason === 'above-max') return `${field}至多为 ${String(limit)}`;
    if (reason === 'not-one-of') return `${field}须为以下之一：${String(limit)}`;
    if (reason === 'wrong-length') return `${field}须有 1 至 ${String(limit)} 项`;
    if (reason === 'not-number' || reason === 'not-integer' || reason === 'not-positive-integer') return `${field}须为整数`;
    return `${field}无效`;
  },
} satisfies MaskStrings;
