import { expect, test } from '@playwright/test';
import { openCalculator, type CalculatorName } from './fixtures';

/*
 * The KV-cache calculator, the fine-tune estimator and the serving planner draw their first frame from the
 * server's results and load their arithmetic after start-up (each island's core.ts). These tests are about that
 * split: with the core the results follow the reader; without it (the chunk fails to load) the calculator says so
 * instead of showing the default setting's numbers as if they were the reader's.
 */
const CASES: { name: CalculatorName; url: string; core: RegExp; result: string; edit: { label: string; value: string } }[] = [
  {
    name: 'kv-cache',
    url: '/en/calculators/kv-cache/',
    core: /\/_astro\/compute\.[\w-]+\.js$/,
    result: '#kv-cache-calculator-total',
    edit: { label: 'Batch (sequences at once)', value: '4' },
  },
  {
    name: 'serving-planner',
    url: '/en/calculators/serving/',
    core: /\/_astro\/compute\.[\w-]+\.js$/,
    result: '#serving-planner-tokens',
    edit: { label: 'Tensor parallel (GPUs per stage)', value: '8' },
  },
  {
    name: 'finetune-memory',
    url: '/en/calculators/finetune-memory/',
    core: /\/_astro\/finetune-memory\.[\w-]+\.js$/,
    result: '[data-testid="ft-total"]',
    edit: { label: 'Sequence length (tokens)', value: '8192' },
  },
];

for (const c of CASES) {
  test(`${c.name}: with its core loaded, an edit changes the result and nothing is reported`, async ({ page }) => {
    const calculator = await openCalculator(page, c.url, c.name);
    const result = calculator.locator(c.result).first();
    const before = await result.textContent();
    await calculator.getByLabel(c.edit.label, { exact: true }).first().fill(c.edit.value);
    await expect(result).not.toHaveText(before!);
    await expect(calculator.locator('[data-core-failed]')).toHaveCount(0);
  });

  test(`${c.name}: when its core cannot be loaded, the calculator says so and keeps the server's numbers`, async ({ page }) => {
    let blocked = 0;
    await page.route(c.core, (route) => {
      blocked++;
      return route.abort();
    });
    const calculator = await openCalculator(page, c.url, c.name);
    await expect(calculator.locator('[data-core-failed]')).toContainText('did not load');
    expect(blocked).toBeGreaterThan(0);
    const shown = await calculator.locator(c.result).first().textContent();
    expect(shown).toMatch(/\d/);
    expect(shown).not.toMatch(/NaN|Infinity/);
  });
}
