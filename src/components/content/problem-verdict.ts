/**
 * The part of the answer check the <llm-problem> element loads on the first check (problem-element.ts): the
 * pure check and the messages in both languages, kept out of every page's up-front JavaScript.
 */
import { checkChoice, checkNumber } from '~/problems/check';
import { feedbackText, type FeedbackKey } from '~/problems/feedback';
import type { Tolerance } from '~/problems/types';

/** What the problem's data-* attributes say about its answer, and what the reader gave. */
export interface Attempt {
  kind: string;
  answer: string;
  toleranceKind?: string;
  tolerance?: string;
  toleranceText?: string;
  unit?: string;
  /** The text typed, for a number; the index picked (or null), for a choice. */
  given: string | number | null;
}

/** The verdict and its message in the page's language. */
export function verdictFor(attempt: Attempt, lang: 'zh' | 'en'): { key: FeedbackKey; message: string } {
  let key: FeedbackKey;
  if (attempt.kind === 'choice') {
    const verdict = checkChoice(typeof attempt.given === 'number' ? attempt.given : null, Number(attempt.answer)).verdict;
    key = verdict;
  } else {
    const tolerance = { kind: attempt.toleranceKind, value: Number(attempt.tolerance) } as Tolerance;
    key = checkNumber(String(attempt.given ?? ''), Number(attempt.answer), tolerance, attempt.unit).verdict;
  }
  return { key, message: feedbackText(lang, key, attempt.toleranceText ?? '', attempt.unit ?? '') };
}
