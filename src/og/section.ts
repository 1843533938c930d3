import type { CardLang } from './fonts';

/**
 * The part of the site a page belongs to, as its card names it. The sidebar is one flat list of chapters
 * plus the calculators folder, so the chapter groups are named here (`serving` and `preference-optimization`
 * are chapters on their way); a page not listed reads "Notes" until it is added.
 */
const CHAPTER_GROUPS: Record<string, { 'zh-CN': string; en: string; pages: string[] }> = {
  architecture: {
    'zh-CN': '模型结构',
    en: 'Model architecture',
    pages: ['transformer-counted', 'architectures', 'why-decoder-only', 'attention-variants', 'context-length', 'rope-scaling', 'mixture-of-experts'],
  },
  tokens: {
    'zh-CN': '词元与检索',
    en: 'Tokens and retrieval',
    pages: ['tokens-embeddings', 'sparse-dense-vectors'],
  },
  training: {
    'zh-CN': '训练与微调',
    en: 'Training and fine-tuning',
    pages: [
      'fine-tuning-methods',
      'finetune-memory',
      'distributed-training',
      'sft-data-and-failures',
      'preference-optimization',
      'reasoning-models',
      'forgetting',
      'knowledge-injection',
      'chinese-llm',
    ],
  },
  inference: { 'zh-CN': '推理与部署', en: 'Inference and serving', pages: ['quantization', 'decoding-sampling', 'serving'] },
  reference: { 'zh-CN': '参考资料', en: 'Reference', pages: ['problems', 'glossary', 'references'] },
};

const LABELS = {
  'zh-CN': { home: '总览', calculator: '计算器', notes: '笔记' },
  en: { home: 'Overview', calculator: 'Calculator', notes: 'Notes' },
} as const;

/**
 * What each calculator does, in one line: what goes in, and what comes out (the card draws an arrow between
 * them: the bundled fonts have no arrow glyph). A calculator not listed here gets no such line.
 */
const CALCULATOR_LINES: Record<string, Record<CardLang, CalculatorLine>> = {
  'kv-cache': {
    'zh-CN': { inputs: '模型 · 上下文长度 · 批大小', outputs: 'KV 缓存显存，能放下的最长上下文' },
    en: { inputs: 'Model · context · batch', outputs: 'KV-cache memory, max context per GPU' },
  },
  'finetune-memory': {
    'zh-CN': { inputs: '模型 · 微调方法 · 精度 · GPU 数', outputs: '每块 GPU 的显存，逐项列出' },
    en: { inputs: 'Model · method · GPUs', outputs: 'memory per GPU, term by term' },
  },
  'attention-mask': {
    'zh-CN': { inputs: '结构 · 序列长度', outputs: '谁能看到谁，损失落在哪些位置' },
    en: { inputs: 'Architecture · lengths', outputs: 'who sees whom, and where the loss falls' },
  },
  'sparse-vector': {
    'zh-CN': { inputs: '向量或句子', outputs: '各种稀疏格式及字节数，本站最相关的小节' },
    en: { inputs: 'Vector or sentence', outputs: 'sparse formats, their bytes, matching notes' },
  },
  serving: {
    'zh-CN': { inputs: '模型 · GPU · 并行方式', outputs: '每块 GPU 的显存、并发请求数与速度' },
    en: { inputs: 'Model · GPUs · parallelism', outputs: 'memory per GPU, users, speed' },
  },
  'transformer-counts': {
    'zh-CN': { inputs: '模型或 config.json · 上下文长度', outputs: '各部分的参数量与每词元 FLOPs' },
    en: { inputs: 'Model or config.json · context', outputs: 'parameters and FLOPs, part by part' },
  },
  training: {
    'zh-CN': { inputs: '模型 · GPU 数 · 并行布局', outputs: '每块 GPU 的显存、步时、MFU 与成本' },
    en: { inputs: 'Model · GPUs · layout', outputs: 'memory per GPU, step time, MFU, cost' },
  },
  tokens: {
    'zh-CN': { inputs: '文本', outputs: 'GPT-2、GPT-4、GPT-4o 词表下的词元、编号与个数' },
    en: { inputs: 'Text', outputs: 'tokens and ids in the GPT-2, GPT-4 and GPT-4o vocabularies' },
  },
};

/** A docs entry id without its locale: `en/calculators/kv-cache` → `calculators/kv-cache`, `en` → `index`. */
export function pagePath(entryId: string): string {
  const path = entryId.replace(/^en(\/|$)/, '');
  return path === '' ? 'index' : path;
}

/** The card language of a docs entry: English under `en/`, Chinese (the root locale) otherwise. */
export const entryLang = (entryId: string): CardLang => (entryId === 'en' || entryId.startsWith('en/') ? 'en' : 'zh-CN');

/**
 * The section label for a page, in the card's language.
 *
 * @example
 * pageSection('en/calculators/kv-cache') // => 'Calculator'
 * pageSection('attention-variants')      // => '模型结构'
 */
export function pageSection(entryId: string): string {
  const lang = entryLang(entryId);
  const path = pagePath(entryId);
  if (path === 'index') return LABELS[lang].home;
  if (path.startsWith('calculators/')) return LABELS[lang].calculator;
  const group = Object.values(CHAPTER_GROUPS).find((g) => g.pages.includes(path));
  return group ? group[lang] : LABELS[lang].notes;
}

export interface CalculatorLine {
  inputs: string;
  outputs: string;
}

/** The one-line "in → out" summary of a calculator page, or undefined for any other page. */
export function calculatorLine(entryId: string): CalculatorLine | undefined {
  const match = /^calculators\/(.+)$/.exec(pagePath(entryId));
  return match ? CALCULATOR_LINES[match[1]!]?.[entryLang(entryId)] : undefined;
}
