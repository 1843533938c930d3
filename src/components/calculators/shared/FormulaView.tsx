import { useLayoutEffect, useRef } from 'preact/hooks';

interface Props {
  /** HTML from `renderSlottedFormula`, rendered at build time. */
  html: string;
  /** Display text per slot, already formatted for the reader's locale. */
  values: Record<string, string>;
  /** The same formula in words with the numbers in, for screen readers. */
  spoken: string;
}

/**
 * A KaTeX formula whose numbers follow the calculator. The markup is KaTeX's (visual, aria-hidden);
 * `spoken` carries the same content for assistive technology.
 */
export function FormulaView({ html, values, spoken }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    for (const el of root.querySelectorAll<HTMLElement>('[data-slot]')) {
      const value = values[el.dataset.slot ?? ''];
      if (value !== undefined) el.textContent = value;
    }
  });
  return (
    // Focusable because a wide formula scrolls sideways inside this box (keyboard users must reach it).
    <div class="calc-formula" tabIndex={0}>
      <div ref={ref} aria-hidden="true" dangerouslySetInnerHTML={{ __html: html }} />
      <p class="sr-only">{spoken}</p>
    </div>
  );
}
