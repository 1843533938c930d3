import type { ServingPanelStrings } from './panels-en';

/** 规划器次要面板（速度图、公式、日志对照）的中文字符串，随这些面板在启动后加载。 */
export const servingPanelsZh = {
  chartTitle: '不同批大小下的解码词元/秒',
  chartX: '批大小（同时解码的序列数）',
  chartY: '词元/秒',
  chartAggregate: '总吞吐',
  chartPerSeq: '每条序列',
  chartRidge: (b: string) => `批大小 ${b} 起受限于算力`,
  chartNoRidge: '图中所有批大小都受限于带宽',
  chartFitLimit: (b: string) => `KV 缓存可容纳 ${b} 个请求`,
  chartDesc: (ridge: string) => `读取权重占主导时，总吞吐随批大小上升；${ridge}。`,
  formulaTitle: '代入你的数字的公式',
  logLabel: '粘贴日志（只读取下列各行；内容不会离开本页）',
  logEmpty: '没有找到 vLLM 的容量相关行：请粘贴含 “Available KV cache memory”“GPU KV cache size”“Model loading took” 或 “Maximum concurrency” 的行。',
  logCols: { line: '日志行', logged: 'vLLM 记录', planner: '规划器', diff: '差异', why: '原因' },
  logRows: {
    weights: '单卡权重',
    kvMemory: '可用 KV 缓存显存',
    kvTokens: 'GPU KV 缓存大小（词元）',
    concurrency: '最大并发',
  } as Record<string, string>,
  why: {
    estimate: '规划器估计的是 vLLM 实测（启动剖析）的量；做规划时请用日志里的数。',
    rule: '对日志自身的可用显存套用 vLLM 的分块规则；若仍有差异，说明模型或设置与日志不同。',
    rounding: '规则相同；日志把 GiB 只印到两位小数（±0.005 GiB），差异仅来自于此。',
    ranks: '日志里的进程数少于张量并行度；vLLM 按可用显存最少的那个进程决定缓存大小。',
    same: '完全一致。',
  } as Record<string, string>,
} satisfies ServingPanelStrings;
