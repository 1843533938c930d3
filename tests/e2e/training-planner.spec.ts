import { expect, test, type Page } from '@playwright/test';
import { openCalculator } from './fixtures';

const EN = '/en/calculators/training/';
const ZH = '/calculators/training/';
const id = 'training-planner';

const verdict = (page: Page) => page.locator(`#${id}-verdict`);
const total = (page: Page) => page.locator(`#${id}-total`);
const open = (page: Page, url: string) => openCalculator(page, url, 'training-planner');

test('without JavaScript the default plan is readable: verdict, layout, memory and step bars, formulas', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const url of [EN, ZH]) {
    await page.goto(url);
    await expect(verdict(page)).toHaveAttribute('data-verdict', 'fits');
    await expect(page.locator(`#${id}-verdict-sentence`)).toContainText(url === EN ? 'Fits:' : '放得下');
    await expect(page.locator(`#${id}-layout rect`).first()).toBeVisible();
    await expect(page.locator(`#${id}-memory`)).toBeVisible();
    await expect(page.locator(`#${id}-step-total`)).toBeVisible();
    await expect(page.locator(`#${id} .calc-formula`)).toHaveCount(8);
    // Every preset is a plain link that restores its run.
    await expect(page.locator(`#${id} a[data-preset="llama3-405b"]`)).toHaveAttribute('href', /trn\.model=llama-3\.1-405b/);
  }
  await context.close();
});

test('a shared link restores the layout, and the copied link carries it', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! });
  await open(page, `${EN}?trn.model=llama-3.1-405b&trn.gpus=16384&trn.tp=8&trn.pp=16&trn.vpp=8&trn.seq=8192&trn.gbs=2048&trn.zero=2&trn.ckpt=none&trn.edge=1`);
  const layout = page.locator(`#${id}-layout`);
  await expect(layout).toHaveAttribute('data-tp', '8');
  await expect(layout).toHaveAttribute('data-pp', '16');
  await expect(layout).toHaveAttribute('data-dp', '128');
  await expect(page.getByLabel('Pipeline stages (p)')).toHaveValue('16');
  await page.getByLabel('Microbatch (sequences)').fill('2');
  await page.getByRole('button', { name: 'Copy link to this setting' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('trn.mb=2');
  const fresh = await context.newPage();
  await open(fresh, link);
  await expect(fresh.locator(`#${id}-layout`)).toHaveAttribute('data-dp', '128');
  await expect(fresh.getByLabel('Microbatch (sequences)')).toHaveValue('2');
  await expect(fresh.getByLabel('Model', { exact: true })).toHaveValue('llama-3.1-405b');
});

test('a preset link restores its published run', async ({ page }) => {
  await open(page, EN);
  await page.locator(`#${id} a[data-preset="bloom-176b"]`).click();
  await expect(page.locator(`#${id}-layout`)).toHaveAttribute('data-tp', '4');
  await expect(page.locator(`#${id}-layout`)).toHaveAttribute('data-pp', '12');
  await expect(page.getByLabel('GPUs in all')).toHaveValue('384');
  await page.locator(`#${id} a[data-preset="deepseek-v3"]`).click();
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'over');
  await expect(page.locator(`#${id}-verdict-sentence`)).toContainText(/exceeds .* by [\d.]+ GiB; activations take the most/);
});

test('bad input keeps the last good result, with the message by the field in the reader’s language', async ({ page }) => {
  await open(page, EN);
  const before = await total(page).getAttribute('data-bytes');
  await page.getByLabel('Tensor parallel (t)').fill('3');
  await expect(page.locator(`#${id}-tp-message`)).toContainText('3 does not divide 64');
  await expect(page.locator(`#${id}-problem`)).toContainText('Showing the last setting that could be computed.');
  await expect(total(page)).toHaveAttribute('data-bytes', before!);
  await page.getByLabel('Tensor parallel (t)').fill('abc');
  await expect(page.getByLabel('Tensor parallel (t)')).toHaveAttribute('aria-invalid', 'true');
  await expect(total(page)).toHaveAttribute('data-bytes', before!);
  await expect(page.locator('body')).not.toContainText('NaN');

  await open(page, ZH);
  await page.getByLabel('GPU 总数').fill('1000');
  await expect(page.locator(`#${id}-gpus-message`)).toContainText('不是 张量 × 流水线 × 上下文并行 = 32 的整数倍');
  await expect(total(page)).toHaveAttribute('data-bytes', before!);
});

test('a bad link parameter is ignored with a notice', async ({ page }) => {
  await open(page, `${EN}?trn.tp=-3&trn.gpu=h900`);
  await expect(page.getByText('Ignored link parameter trn.tp="-3"')).toBeVisible();
  await expect(page.getByText('Ignored link parameter trn.gpu="h900"')).toBeVisible();
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'fits');
});

test('the solver lists the fastest layouts that fit, and one click applies a row', async ({ page }) => {
  await open(page, EN);
  await page.getByRole('button', { name: 'Find the fastest layouts that fit' }).click();
  const rows = page.locator(`#${id}-layouts tbody tr`);
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(1);
  await expect(page.locator(`#${id}-solver-counts`)).toContainText(/[\d,]+ layouts evaluated, [\d,]+ fit\./);
  const [tp, , pp] = (await rows.first().getAttribute('data-layout'))!.split('-');
  await rows.first().getByRole('button', { name: 'Use' }).click();
  await expect(page.locator(`#${id}-layout`)).toHaveAttribute('data-tp', tp!);
  await expect(page.locator(`#${id}-layout`)).toHaveAttribute('data-pp', pp!);
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'fits');
});
