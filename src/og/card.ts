import type { CardLang } from './fonts';
import { calculatorLine, entryLang, pageSection, type CalculatorLine } from './section';

/** Everything a social card shows. Two cards with equal fields are the same picture. */
export interface OgCard {
  lang: CardLang;
  siteName: string;
  /** The part of the site: a chapter group, "Calculator", "Overview". */
  section: string;
  title: string;
  description: string;
  /** Calculator pages only: what the calculator does, in one line. */
  calculatorLine?: CalculatorLine;
}

const SITE_NAME: Record<CardLang, string> = {
  'zh-CN': 'LLM 学习笔记（校订版）',
  en: 'LLM Notes · fact-checked',
};

/**
 * The card of a docs entry, from its id and frontmatter.
 *
 * @example
 * cardForEntry('en/calculators/kv-cache', { title: 'KV-cache calculator', description: '…' }).section // => 'Calculator'
 */
export function cardForEntry(entryId: string, data: { title: string; description?: string }): OgCard {
  const lang = entryLang(entryId);
  const line = calculatorLine(entryId);
  return {
    lang,
    siteName: SITE_NAME[lang],
    section: pageSection(entryId),
    title: data.title,
    description: data.description ?? '',
    ...(line ? { calculatorLine: line } : {}),
  };
}
