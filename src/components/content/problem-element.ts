/*
 * <llm-problem>: checks a reader's answer to one problem in the browser. Configured by data-* attributes the
 * server writes (Problem.astro): data-kind ("number" or "choice"), data-answer (the expected value, or the index
 * of the right option), data-tolerance-kind and data-tolerance ("relative" 0.01 / "absolute" 0.5), data-tolerance-text
 * and data-unit for the message. Without JavaScript the check button stays hidden and the reader compares with the
 * solution in its <details>. The answer is never stored: not in the URL, not in storage.
 */
import { checkChoice, checkNumber } from '~/problems/check';
import { feedbackText, type FeedbackKey } from '~/problems/feedback';
import type { Tolerance } from '~/problems/types';

export class LlmProblem extends HTMLElement {
  connectedCallback() {
    if (this.dataset.ready) return;
    this.dataset.ready = '';
    // Events are caught on the element itself, so they work whenever its children arrive.
    this.addEventListener('click', (event) => {
      if ((event.target as Element).closest('.problem-check')) this.check();
    });
    this.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.target as Element).matches('.problem-input')) {
        event.preventDefault();
        this.check();
      }
    });
    // A new answer clears the last verdict, so the message never speaks of an answer no longer there.
    this.addEventListener('input', () => this.show(null));
    // The button shows only once it works; the children may still be parsing when the element connects.
    const reveal = () => this.querySelector<HTMLButtonElement>('.problem-check')?.removeAttribute('hidden');
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', reveal, { once: true });
    else queueMicrotask(reveal);
    reveal();
  }

  /** Checks the current answer and shows the verdict next to it. */
  check(): FeedbackKey {
    const d = this.dataset;
    let key: FeedbackKey;
    if (d.kind === 'choice') {
      const picked = this.querySelector<HTMLInputElement>('input[type="radio"]:checked');
      const verdict = checkChoice(picked ? Number(picked.value) : null, Number(d.answer)).verdict;
      key = verdict === 'wrong' ? 'wrong' : verdict;
    } else {
      const input = this.querySelector<HTMLInputElement>('.problem-input');
      const tolerance = { kind: d.toleranceKind, value: Number(d.tolerance) } as Tolerance;
      key = checkNumber(input?.value ?? '', Number(d.answer), tolerance, d.unit).verdict;
      input?.setAttribute('aria-invalid', String(key !== 'correct' && key !== 'empty'));
    }
    this.show(key);
    return key;
  }

  private show(key: FeedbackKey | null) {
    const status = this.querySelector<HTMLElement>('.problem-feedback');
    if (!status) return;
    if (key === null) {
      if (!this.dataset.verdict) return;
      delete this.dataset.verdict;
      status.textContent = '';
      this.querySelector('.problem-input')?.removeAttribute('aria-invalid');
      return;
    }
    const lang = document.documentElement.lang.toLowerCase().startsWith('en') ? 'en' : 'zh';
    this.dataset.verdict = key === 'correct' ? 'correct' : key === 'empty' || key === 'unreadable' ? 'unread' : 'wrong';
    status.textContent = feedbackText(lang, key, this.dataset.toleranceText ?? '', this.dataset.unit ?? '');
  }
}

if (!customElements.get('llm-problem')) customElements.define('llm-problem', LlmProblem);
