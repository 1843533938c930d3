/*
 * <llm-problem>: checks a reader's answer to one problem in the browser. Configured by data-* attributes the
 * server writes (src/problems/markup.ts): data-kind ("number" or "choice"), data-answer (the expected value, or the
 * index of the right option), data-tolerance-kind and data-tolerance ("relative" 0.01 / "absolute" 0.5), and
 * data-tolerance-text and data-unit for the message. Without JavaScript the check button stays hidden and the
 * reader compares with the solution in its <details>. The answer is never stored: not in the URL, not in storage.
 * Up front this is only the element; the check and its messages load on the first check (problem-verdict.ts), so
 * a prose page stays within its JavaScript budget.
 */
import type { FeedbackKey } from '~/problems/feedback';

let verdicts: Promise<typeof import('./problem-verdict')> | undefined;

export class LlmProblem extends HTMLElement {
  connectedCallback() {
    if (this.dataset.ready !== undefined) return;
    this.dataset.ready = '';
    // Events are caught on the element itself, so they work whenever its children arrive.
    this.addEventListener('click', (event) => {
      if ((event.target as Element).closest('.problem-check')) void this.check();
    });
    this.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.target as Element).matches('.problem-input')) {
        event.preventDefault();
        void this.check();
      }
    });
    // A new answer clears the last verdict, so the message never speaks of an answer no longer there.
    this.addEventListener('input', () => this.show(null, ''));
    // The button shows only once it works; the children may still be parsing when the element connects.
    const reveal = () => this.querySelector('.problem-check')?.removeAttribute('hidden');
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', reveal, { once: true });
    else queueMicrotask(reveal);
    reveal();
  }

  /** Checks the current answer and shows the verdict next to it. */
  async check(): Promise<FeedbackKey> {
    const d = this.dataset;
    const input = this.querySelector<HTMLInputElement>('.problem-input');
    const picked = this.querySelector<HTMLInputElement>('input[type="radio"]:checked');
    const given = d.kind === 'choice' ? (picked ? Number(picked.value) : null) : (input?.value ?? '');
    const { verdictFor } = await (verdicts ??= import('./problem-verdict'));
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
    this.show(key, message);
    return key;
  }

  private show(key: FeedbackKey | null, message: string) {
    const status = this.querySelector('.problem-feedback');
    const input = this.querySelector('.problem-input');
    if (!status) return;
    if (key === null) {
      if (!this.dataset.verdict) return;
      delete this.dataset.verdict;
      status.textContent = '';
      input?.removeAttribute('aria-invalid');
      return;
    }
    const unread = key === 'empty' || key === 'unreadable';
    this.dataset.verdict = key === 'correct' ? 'correct' : unread ? 'unread' : 'wrong';
    if (key !== 'empty') input?.setAttribute('aria-invalid', String(key !== 'correct'));
    // Cleared first, so the same message twice is announced twice.
    status.textContent = '';
    requestAnimationFrame(() => (status.textContent = message));
  }
}

if (!customElements.get('llm-problem')) customElements.define('llm-problem', LlmProblem);
