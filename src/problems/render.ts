/**
 * Build-time rendering of problem text to HTML: numbers formatted in the page's locale, `$…$` through KaTeX (so
 * no math library ships to the browser), `` `…` `` as code, `**…**` as bold. Everything else is escaped.
 */
import katex from 'katex';
import { searchMathHtml } from '../plugins/rehype-search-math';
import { formatNumber } from '~/lib/format/format-number';
import { autoDigits, type Bilingual, type Shown, type Text, type TextValue } from './text';
import type { NumericAnswer, Tolerance } from './types';

export type ProblemLang = 'zh' | 'en';

/** Starlight's locale for a problem language. */
export const LOCALE: Record<ProblemLang, string> = { zh: 'zh-CN', en: 'en' };

// Private-use characters mark where a number outside math starts and ends, so it can be wrapped after escaping.
const NUM_OPEN = '\uE000';
const NUM_CLOSE = '\uE001';

/** A number in the language's format, with `digits` fraction digits at most (default from its size). */
export function formatShown(shown: Shown, lang: ProblemLang): string {
  const { value } = shown;
  if (!Number.isFinite(value)) throw new RangeError(`problem text: ${value} is not a finite number`);
  const digits = shown.digits ?? autoDigits(value);
  return formatNumber(value, { lang: LOCALE[lang], digits, minDigits: shown.minDigits });
}

function valueText(value: TextValue, lang: ProblemLang, inMath: boolean): string {
  if (typeof value === 'string') return value;
  const shown = typeof value === 'number' ? { value } : value;
  const text = formatShown(shown, lang);
  // TeX puts space after a comma; braces keep 4,096 one number.
  return inMath ? text.replace(/,/g, '{,}') : `${NUM_OPEN}${text}${NUM_CLOSE}`;
}

/** The text with its values filled in, math still as TeX between dollars. */
export function fillText(text: Text, lang: ProblemLang): string {
  let out = '';
  let dollars = 0;
  text.strings.forEach((words, i) => {
    out += words;
    dollars += (words.match(/(?<!\\)\$/g) ?? []).length;
    if (i < text.values.length) out += valueText(text.values[i]!, lang, dollars % 2 === 1);
  });
  return out;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function inlineMarkup(s: string): string {
  return escapeHtml(s)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(new RegExp(NUM_OPEN, 'g'), '<span class="num">')
    .replace(new RegExp(NUM_CLOSE, 'g'), '</span>');
}

function tex(source: string, displayMode: boolean): string {
  return searchMathHtml(katex.renderToString(source, { displayMode, output: 'htmlAndMathml', throwOnError: true, strict: 'ignore' }));
}

/**
 * HTML for one piece of problem text. Throws (failing the build) on unbalanced `$` or TeX KaTeX cannot read.
 *
 * @example
 * renderText(t`$2 \cdot ${32}$ layers, ${n(0.5, 1)} MiB`, 'en') // KaTeX for 2·32, then "layers, 0.5 MiB"
 */
export function renderText(text: Text, lang: ProblemLang): string {
  const filled = fillText(text, lang);
  const blocks = filled.split('$$');
  if (blocks.length % 2 === 0) throw new Error(`problem text: unbalanced $$ in "${filled}"`);
  return blocks
    .map((block, i) => {
      if (i % 2 === 1) return tex(block, true);
      const parts = block.split(/(?<!\\)\$/);
      if (parts.length % 2 === 0) throw new Error(`problem text: unbalanced $ in "${filled}"`);
      return parts.map((part, j) => (j % 2 === 1 ? tex(part, false) : inlineMarkup(part.replace(/\\\$/g, '$')))).join('');
    })
    .join('');
}

/** The same text without markup, for an attribute or a search snippet. */
export function plainText(text: Text, lang: ProblemLang): string {
  return fillText(text, lang)
    .replace(new RegExp(`[${NUM_OPEN}${NUM_CLOSE}]`, 'g'), '')
    .replace(/\$\$?|`|\*\*/g, '')
    .replace(/\\[a-z]+\s*/gi, '')
    .replace(/[{}]/g, '');
}

export function unitOf(answer: NumericAnswer, lang: ProblemLang): string {
  return typeof answer.unit === 'string' ? answer.unit : answer.unit[lang];
}

export function pick<T>(value: Bilingual<T>, lang: ProblemLang): T {
  return value[lang];
}

/** "±1 %" or "±0.5 GiB": how close an answer must be, in the language's format. */
export function toleranceText(tolerance: Tolerance, unit: string, lang: ProblemLang): string {
  if (tolerance.kind === 'relative') return `±${formatShown({ value: tolerance.value * 100 }, lang)}\u202F%`;
  return `±${formatShown({ value: tolerance.value }, lang)}${unit ? `\u202F${unit}` : ''}`;
}

/** The expected answer as shown in the solution, in the language's format. */
export function answerText(answer: NumericAnswer, lang: ProblemLang): string {
  return formatShown({ value: answer.value, digits: answer.digits }, lang);
}
