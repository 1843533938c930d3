import { expect, test, type Page } from '@playwright/test';
import { openCalculator } from './fixtures';

const EN = '/en/calculators/transformer-counts/';
const id = 'transformer-counts';
const open = (page: Page, url: string) => openCalculator(page, url, 'transformer-counts');
const flops = (page: Page) => page.locator(`#${id}-flops`);

test('copy link, then opening it restores the model, context and phase', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, EN);
  await page.getByLabel('Model', { exact: true }).selectOption('qwen3-30b-a3b');
  await page.getByLabel('Context (tokens)').fill('32768');
  await page.getByLabel('one trained token (sequences of this length)').check();
  const expected = await flops(page).textContent();
  await page.getByRole('button', { name: 'Copy link to this setting' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('tc.model=qwen3-30b-a3b');
  const fresh = await context.newPage();
  await open(fresh, link);
  await expect(fresh.getByLabel('Model', { exact: true })).toHaveValue('qwen3-30b-a3b');
  await expect(fresh.getByLabel('Context (tokens)')).toHaveValue('32768');
  await expect(flops(fresh)).toHaveText(expected!);
});

test('the chapter carries the table, the figure and readable numbers without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/en/transformer-counted/');
  await expect(page.locator('#fig-decoder-block svg')).toBeVisible();
  await expect(page.locator(`#${id}-params`)).toHaveText('8,030,261,248');
  await context.close();
});
