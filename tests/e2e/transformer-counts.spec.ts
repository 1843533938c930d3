import { expect, test, type Page } from '@playwright/test';
import { openCalculator } from './fixtures';

const EN = '/en/calculators/transformer-counts/';
const ZH = '/calculators/transformer-counts/';
const id = 'transformer-counts';
const open = (page: Page, url: string) => openCalculator(page, url, 'transformer-counts');
const params = (page: Page) => page.locator(`#${id}-params`);
const flops = (page: Page) => page.locator(`#${id}-flops`);

test('the default table is Llama 3.1 8B, its parameters adding up to the released count', async ({ page }) => {
  await open(page, EN);
  await expect(params(page)).toHaveText('8,030,261,248');
  await expect(page.locator('tr[data-component="mlp"]')).toContainText('gated (SwiGLU)');
});

test('GPT-2: a plain MLP and a tied head; a longer context raises only the attention scores', async ({ page }) => {
  await open(page, EN);
  await page.getByLabel('Model', { exact: true }).selectOption('gpt2');
  await expect(params(page)).toHaveText('124,439,808');
  await expect(page.locator('tr[data-component="head"]')).toContainText('tied to the embedding');
  // The row's second output is its FLOPs (the first, its parameters: none for the scores).
  const scores = page.locator('tr[data-component="attention-scores"] output').nth(1);
  const before = Number(await scores.getAttribute('data-value'));
  await page.getByLabel('Context (tokens)').fill('8192');
  await expect(scores).not.toHaveAttribute('data-value', String(before));
  const after = Number(await scores.getAttribute('data-value'));
  expect(after / before).toBeCloseTo(2, 6);
});

test('training counts three passes and compares with 6·N', async ({ page }) => {
  await open(page, EN);
  const decode = Number(await flops(page).getAttribute('data-value'));
  await page.getByLabel('one trained token (sequences of this length)').check();
  await expect(page.locator(`#${id}-rule`)).toContainText('6·N');
  const train = Number(await flops(page).getAttribute('data-value'));
  expect(train / decode).toBeGreaterThan(2.5);
  expect(train / decode).toBeLessThan(3);
});

test('a bad context shows a message next to the field and keeps the last table', async ({ page }) => {
  await open(page, EN);
  const field = page.getByLabel('Context (tokens)');
  await field.fill('-5');
  await expect(page.getByText('Must be at least 1.')).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(params(page)).toHaveText('8,030,261,248');
  await field.fill('1e400');
  await expect(page.getByText('This number is too large to compute with.')).toBeVisible();
  await expect(flops(page)).not.toContainText('NaN');
});

test('bad link parameters are ignored with a notice', async ({ page }) => {
  await open(page, `${EN}?tc.ctx=abc&tc.model=gpt-9&tc.cfg=%7Bbroken`);
  await expect(page.getByText('Ignored link parameter tc.ctx="abc"')).toBeVisible();
  await expect(page.getByText('Ignored link parameter tc.model="gpt-9"')).toBeVisible();
  await expect(page.getByText(/Ignored link parameter tc\.cfg/)).toBeVisible();
  await expect(params(page)).toHaveText('8,030,261,248');
});

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

test('the Chinese page has the same table in Chinese', async ({ page }) => {
  await open(page, ZH);
  await expect(page.getByText('注意力投影（Q、K、V、O）')).toBeVisible();
  await expect(params(page)).toHaveText('8,030,261,248');
});

test('the chapter carries the table, the figure and readable numbers without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/en/transformer-counted/');
  await expect(page.locator('#fig-decoder-block svg')).toBeVisible();
  await expect(page.locator(`#${id}-params`)).toHaveText('8,030,261,248');
  await context.close();
});
