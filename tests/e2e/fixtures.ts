import type { Locator, Page } from '@playwright/test';

/** The `data-calculator` names of the calculators' sections. */
export type CalculatorName =
  'kv-cache' | 'finetune-memory' | 'attention-mask' | 'sparse-vector' | 'tokens' | 'serving-planner' | 'transformer-counts' | 'training-planner';

/**
 * Opens `url` and waits until the calculator has started up: its island root carries `data-live`, which
 * useLinkedState sets after the link's state (and any async step) is applied and early edits are replayed, so a
 * test that types from then on is exactly a reader typing into a live calculator. Returns the calculator.
 */
export async function openCalculator(page: Page, url: string, name: CalculatorName, nth = 0): Promise<Locator> {
  await page.goto(url);
  const calculator = page.locator(`[data-calculator="${name}"]`).nth(nth);
  await calculator.scrollIntoViewIfNeeded();
  await calculator.locator('[data-live]').first().waitFor({ state: 'attached' });
  return calculator;
}
