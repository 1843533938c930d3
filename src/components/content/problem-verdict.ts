/**
 * The part of <llm-problem> that loads on the first check (problem-element.ts): the pure check, the messages in both
 * languages, and showing the verdict. The problem's data-* attributes: data-kind ("number" or "choice"),
 * data-answer (the expected value, or the index of the right option), data-tolerance-kind and data-tolerance
 * ("relative" 0.01 / "absolute" 0.5), data-tolerance-text and data-unit (for the message).
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
    key = checkChoice(typeof attempt.given === 'number' ? attempt.given : null, Number(attempt.answer)).verdict;
  } else {
    const tolerance = { kind: attempt.toleranceKind, value: Number(attempt.tolerance) } as Tolerance;
    key = checkNumber(String(attempt.given ?? ''), Number(attempt.answer), tolerance, attempt.unit).verdict;
  }
  return { key, message: feedbackText(lang, key, attempt.toleranceText ?? '', attempt.unit ?? '') };
}

/** Checks the problem's current answer and shows the verdict in its feedback line; returns the verdict. */
export function showVerdict(problem: HTMLElement): FeedbackKey {
  const d = problem.dataset;
  const input = problem.querySelector<HTMLInputElement>('.problem-input');
  const picked = problem.querySelector<HTMLInputElement>('input[type="radio"]:checked');
  const given = d.kind === 'choice' ? (picked ? Number(picked.value) : null) : (input?.value ?? '');
  const lang = document.documentElement.lang.toLowerCase().startsWith('en') ? 'en' : 'zh';
  const { key, message } = verdictFor(
    {
      kind: d.kind ?? 'number',
      answer: d.answer ?? '',
      toleranceKind: d.toleranceKind,
      tolerance: d.tolerance,
      toleranceText: d.toleranceText,
      unit: d.unit,
      given,
    },
    lang,
  );
  const unread = key === 'empty' || key === 'unreadable';
  d.verdict = key === 'correct' ? 'correct' : unread ? 'unread' : 'wrong';
  if (key !== 'empty') input?.setAttribute('aria-invalid', String(key !== 'correct'));
  const status = problem.querySelector('.problem-feedback');
  if (status) {
    // Cleared first, so the same message twice is announced twice.
    status.textContent = '';
    requestAnimationFrame(() => (status.textContent = message));
  }
  return key;
}
