import { expect, test, type Locator, type Page } from '@playwright/test';

/**
 * A reader answers a worked problem: types an answer, checks it, reads the verdict, opens the hint and the
 * solution; and the same page without JavaScript, where the solution is still one click away.
 */
const EN = '/en/serving/';
const ZH = '/serving/';

const problem = (page: Page, id: string) => page.locator(`#problem-${id}`);
/** The answer as the solution states it ("4.79 ms" → 4.79). */
async function statedAnswer(p: Locator): Promise<number> {
  const text = (await p.locator('.problem-result strong').textContent()) ?? '';
  return Number(text.replace(/[^\d.]/g, ''));
}
async function answer(p: Locator, text: string) {
  await p.locator('.problem-input').fill(text);
  await p.getByRole('button', { name: /Check|检查/ }).click();
}

test('a reader answers a numeric problem: too high, a GB/GiB-style slip, then correct within the tolerance', async ({ page }) => {
  await page.goto(`${EN}#problem-serving-2`);
  const p = problem(page, 'serving-2');
  await expect(p.getByRole('button', { name: 'Check' })).toBeVisible();
  const storage = () => page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }]));
  const storedBefore = await storage();
  const expected = await statedAnswer(p);
  expect(expected).toBeGreaterThan(0);

  await answer(p, String(expected * 3));
  await expect(p.locator('.problem-feedback')).toContainText('too high');
  await expect(p.locator('.problem-input')).toHaveAttribute('aria-invalid', 'true');

  await answer(p, String(expected * 1000));
  await expect(p.locator('.problem-feedback')).toContainText('power of 1,000 or 1,024');

  await answer(p, `${expected} ms`);
  await expect(p.locator('.problem-feedback')).toContainText('Correct');
  await expect(p).toHaveAttribute('data-verdict', 'correct');
  // Nothing about the answer is kept: not in the URL, not in storage.
  expect(page.url()).toMatch(/\/en\/serving\/#problem-serving-2$/);
  // (The site's own settings, such as the theme, may be there already; checking adds nothing.)
  expect(await storage()).toBe(storedBefore);
});

test('the hint and the worked solution open on request; the solution states the answer', async ({ page }) => {
  await page.goto(EN);
  const p = problem(page, 'serving-1');
  await expect(p.locator('.problem-solution li').first()).toBeHidden();
  await p.getByText('Hint', { exact: true }).click();
  await expect(p.locator('.problem-hint .katex').first()).toBeVisible();
  await p.getByText('Solution', { exact: true }).click();
  await expect(p.locator('.problem-solution li').first()).toBeVisible();
  await expect(p.locator('.problem-result')).toContainText('FLOP/B');
});

test('a multiple-choice problem: nothing picked, a wrong option, the right one', async ({ page }) => {
  await page.goto(EN);
  const p = problem(page, 'serving-6');
  await p.getByRole('button', { name: 'Check' }).click();
  await expect(p.locator('.problem-feedback')).toContainText('first');
  const options = p.locator('input[type="radio"]');
  const right = Number(await p.getAttribute('data-answer'));
  await options.nth((right + 1) % 3).check();
  await p.getByRole('button', { name: 'Check' }).click();
  await expect(p.locator('.problem-feedback')).toContainText('Not this one');
  await options.nth(right).check();
  await p.getByRole('button', { name: 'Check' }).click();
  await expect(p.locator('.problem-feedback')).toContainText('Correct');
});

test('the Chinese page has the same problems under the same anchors, with Chinese feedback', async ({ page }) => {
  await page.goto(`${ZH}#problem-serving-2`);
  const p = problem(page, 'serving-2');
  await expect(p.locator('.problem-title')).toContainText('练习 2');
  await answer(p, 'abc');
  await expect(p.locator('.problem-feedback')).toContainText('读不出这个数');
  await answer(p, String(await statedAnswer(p)));
  await expect(p.locator('.problem-feedback')).toContainText('正确');
});

test('a problem’s calculator link opens the calculator in the question’s setting', async ({ page }) => {
  await page.goto(EN);
  await problem(page, 'serving-2')
    .getByRole('link', { name: /Open this setting/ })
    .click();
  await expect(page).toHaveURL(/\/en\/calculators\/serving\/\?.*srv\.model=llama-3\.1-8b/);
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue('llama-3.1-8b');
});

test('the problems index links every problem to its anchor', async ({ page }) => {
  await page.goto('/en/problems/');
  await page.locator('a[href$="/en/serving/#problem-serving-3"]').click();
  await expect(page).toHaveURL(/\/en\/serving\/#problem-serving-3$/);
  await expect(problem(page, 'serving-3')).toBeInViewport();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the question, hint and solution work; the check button stays hidden', async ({ page }) => {
    await page.goto(EN);
    const p = problem(page, 'serving-2');
    await expect(p.locator('.problem-question')).toContainText('Llama 3.1 8B');
    await expect(p.locator('.problem-check')).toBeHidden();
    await expect(p.locator('.problem-tolerance')).toContainText('accepted within');
    await p.getByText('Solution', { exact: true }).click();
    await expect(p.locator('.problem-solution li').first()).toBeVisible();
    await expect(p.locator('.problem-result')).toContainText('ms');
  });
});
