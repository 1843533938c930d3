import { formatNumber } from '~/lib/format/format-number';
import type { NumberFieldError } from '~/lib/input/number-field';
import type { UrlNotice } from '~/components/calculators/shared/url-state';

type Lang = 'zh-CN' | 'en';

/** Locale-formatted number for messages (1e7 → "10,000,000"). */
function n(value: number, lang: Lang): string {
  return formatNumber(value, { lang, digits: 6 });
}

/** The message shown next to a number field that holds something unusable. */
export function numberFieldMessage(error: NumberFieldError, lang: Lang): string {
  const zh = lang !== 'en';
  switch (error.reason) {
    case 'empty':
      return zh ? '请输入一个数。' : 'Enter a number.';
    case 'not-a-number':
      return zh ? '这不是一个数。' : 'This is not a number.';
    case 'not-finite':
      return zh ? '这个数太大，无法计算。' : 'This number is too large to compute with.';
    case 'not-integer':
      return zh ? '请输入整数。' : 'Enter a whole number.';
    case 'below-min':
      return zh ? `不能小于 ${n(error.min, lang)}。` : `Must be at least ${n(error.min, lang)}.`;
    case 'above-max':
      return zh ? `不能大于 ${n(error.max, lang)}。` : `Must be at most ${n(error.max, lang)}.`;
  }
}

/** The notice shown when a link's parameter was ignored. The raw value is returned as text, never markup. */
export function urlNoticeMessage(notice: UrlNotice, lang: Lang): string {
  const zh = lang !== 'en';
  const head = zh ? `链接参数 ${notice.key}=“${notice.value}” 已忽略：` : `Ignored link parameter ${notice.key}="${notice.value}": `;
  let why: string;
  switch (notice.reason) {
    case 'not-allowed':
      why = zh ? `可选值为 ${notice.allowed?.join('、')}。` : `expected one of ${notice.allowed?.join(', ')}.`;
      break;
    case 'not-boolean':
      why = zh ? '应为 0 或 1。' : 'expected 0 or 1.';
      break;
    case 'too-long':
      why = zh ? `超过 ${notice.maxLength} 个字符。` : `longer than ${notice.maxLength} characters.`;
      break;
    case 'repeated':
      why = zh ? '参数重复。' : 'given more than once.';
      break;
    case 'below-min':
    case 'above-max':
      why = zh
        ? `应在 ${n(notice.min ?? 0, lang)} 到 ${n(notice.max ?? 0, lang)} 之间。`
        : `expected a value from ${n(notice.min ?? 0, lang)} to ${n(notice.max ?? 0, lang)}.`;
      break;
    default:
      why = numberFieldMessage({ reason: notice.reason }, lang);
  }
  return head + why;
}
