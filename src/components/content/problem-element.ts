/*
 * <llm-problem>: checks a reader's answer to one problem in the browser, configured by the data-* attributes the
 * server writes (src/problems/markup.ts; see problem-verdict.ts for what each means). Without JavaScript the check
 * button stays hidden and the reader compares with the solution in its <details>. The answer is never stored: not
 * in the URL, not in storage. Up front this is only the element (a few hundred bytes, so prose pages stay within
 * their budget); the check, its messages and the verdict's display load on first use.
 */
import type { FeedbackKey } from '~/problems/feedback';

type Verdicts = typeof import('./problem-verdict');
let verdicts: Promise<Verdicts> | undefined;

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
    this.addEventListener('input', () => {
      if (!this.dataset.verdict) return;
      delete this.dataset.verdict;
      const status = this.querySelector('.problem-feedback');
      if (status) status.textContent = '';
      this.querySelector('.problem-input')?.removeAttribute('aria-invalid');
    });
    // The button shows only once it works; the children may still be parsing when the element connects.
    const reveal = () => this.querySelector('.problem-check')?.removeAttribute('hidden');
    reveal();
    queueMicrotask(reveal);
  }

  /** Checks the current answer and shows the verdict next to it. */
  check(): Promise<FeedbackKey> {
    return this.load().then((m) => m.showVerdict(this));
  }

  private load(): Promise<Verdicts> {
    return (verdicts ??= import('./problem-verdict'));
  }
}

if (!customElements.get('llm-problem')) customElements.define('llm-problem', LlmProblem);
