/**
 * What the answer check says, in both languages. Shipped to the browser with the custom element (a few hundred
 * bytes), so a problem carries only its data-* attributes. `{tol}` is the stated tolerance, `{unit}` the unit.
 */
import type { Verdict } from './check';

export type FeedbackKey = Verdict | 'wrong';

export const FEEDBACK: Record<'zh' | 'en', Record<FeedbackKey, string>> = {
  zh: {
    empty: '请先填写答案。',
    unreadable: '读不出这个数：请只写数字，例如 1234.5 或 1.2e9。',
    correct: '正确：在 {tol} 的误差之内。可以展开解答对照步骤。',
    'too-high': '还不对：偏大（要求误差在 {tol} 之内）。看看提示，或展开解答。',
    'too-low': '还不对：偏小（要求误差在 {tol} 之内）。看看提示，或展开解答。',
    'binary-decimal': '差一点：相差的正好是二进制与十进制单位之比。GiB 是 2^30 字节，GB 是 10^9 字节；答案的单位是 {unit}。',
    'unit-scale': '相差 1000 或 1024 的整数次幂：请检查单位，答案的单位是 {unit}。',
    wrong: '不是这一项。看看提示，或展开解答。',
  },
  en: {
    empty: 'Type an answer first.',
    unreadable: 'That is not a number I can read: type digits only, e.g. 1234.5 or 1.2e9.',
    correct: 'Correct: within {tol}. Open the solution to compare the steps.',
    'too-high': 'Not yet: too high (it must be within {tol}). Try the hint, or open the solution.',
    'too-low': 'Not yet: too low (it must be within {tol}). Try the hint, or open the solution.',
    'binary-decimal': 'Close: off by exactly the ratio of binary to decimal units. A GiB is 2^30 bytes, a GB 10^9; the answer is in {unit}.',
    'unit-scale': 'Off by a power of 1,000 or 1,024: check the unit; the answer is in {unit}.',
    wrong: 'Not this one. Try the hint, or open the solution.',
  },
};

/** The message for a verdict, with the tolerance and unit filled in. */
export function feedbackText(lang: 'zh' | 'en', key: FeedbackKey, tol: string, unit: string): string {
  return FEEDBACK[lang][key].replace('{tol}', tol).replace('{unit}', unit);
}
