/**
 * Where a problem's "open this in the calculator" link goes: the calculator's page and its name in both languages.
 * The parameters are the calculator's own URL state (its state.ts), validated against its schema in the tests.
 */
import type { Bilingual } from './text';
import type { CalculatorLink, CalculatorName } from './types';

export const CALCULATOR_NAMES: Record<CalculatorName, Bilingual<string>> = {
  'kv-cache': { zh: 'KV 缓存计算器', en: 'KV-cache calculator' },
  'serving-planner': { zh: '推理服务规划器', en: 'serving planner' },
  'finetune-memory': { zh: '微调显存计算器', en: 'fine-tune memory calculator' },
  'attention-mask': { zh: '注意力掩码可视化', en: 'attention-mask visualizer' },
  'attention-rank': { zh: '注意力矩阵秩的实验面板', en: 'attention-rank panel' },
  'sparse-vector': { zh: '稀疏向量计算器', en: 'sparse-vector calculator' },
  tokens: { zh: '分词演示', en: 'token playground' },
  'transformer-counts': { zh: '逐项计数表', en: 'per-component table' },
};

/** The link's path under the site root for a language (no base: the component adds it), query and fragment included. */
export function calculatorHref(link: CalculatorLink, lang: 'zh' | 'en'): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(link.params)) query.set(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  const path = `${lang === 'en' ? '/en' : ''}/${link.page}/`;
  const search = query.toString();
  return `${path}${search ? `?${search}` : ''}${link.fragment ? `#${link.fragment}` : ''}`;
}
