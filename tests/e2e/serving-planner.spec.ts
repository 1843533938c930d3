import { expect, test, type Page } from '@playwright/test';

const EN = '/en/calculators/serving/';
const ZH = '/calculators/serving/';
const id = 'serving-planner';

const tokens = (page: Page) => page.locator(`#${id}-tokens`);

/** Waits until the island has hydrated (its inputs respond). */
async function open(page: Page, url: string) {
  await page.goto(url);
  await page.locator(`[data-calculator="serving-planner"] astro-island:not([ssr])`).waitFor({ state: 'attached' });
  // The chart, formulas and log check load after start-up (the server's copies are "live" too, so wait for the
  // browser's placeholders to be replaced).
  await expect(page.locator(`#${id} [data-deferred="loading"]`)).toHaveCount(0);
  await expect(page.locator(`#${id} [data-deferred="live"]`)).toHaveCount(3);
}

const asNumber = async (page: Page) => Number((await tokens(page).textContent())!.replace(/[^\d]/g, ''));

test('without JavaScript the default plan is readable: bar, tokens that fit, formulas', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(EN);
  await expect(page.locator(`#${id}-bar`)).toBeVisible();
  expect(Number((await tokens(page).textContent())!.replace(/[^\d]/g, ''))).toBeGreaterThan(0);
  await expect(page.locator(`#${id} .calc-formula`).first()).toBeVisible();
  await expect(page.locator(`#${id}-bounds`)).toContainText('upper bounds');
  await context.close();
});

test('more GPUs hold more tokens; a smaller format frees memory for KV', async ({ page }) => {
  await open(page, EN);
  const tp4 = await asNumber(page);
  await page.getByLabel('Tensor parallel (GPUs per stage)').fill('8');
  await expect.poll(() => asNumber(page)).toBeGreaterThan(tp4 * 2);
  const tp8 = await asNumber(page);
  await page.getByLabel('Weight format').selectOption('gguf-q4_k_m');
  await expect.poll(() => asNumber(page)).toBeGreaterThan(tp8);
  await expect(page.locator(`#${id}-chart svg`)).toBeVisible();
});

test('the setting survives a round trip through the link', async ({ page }) => {
  await open(page, EN);
  await page.getByLabel('Tensor parallel (GPUs per stage)').fill('8');
  await page.getByLabel('Weight format').selectOption('awq-int4');
  await page.getByLabel('KV cache type').selectOption('fp8');
  await expect(page).toHaveURL(/srv\.tp=8/);
  await expect(page).toHaveURL(/srv\.w=awq-int4/);
  const before = await tokens(page).textContent();
  await page.reload();
  await page.locator(`[data-calculator="serving-planner"] astro-island:not([ssr])`).waitFor({ state: 'attached' });
  await expect(page.getByLabel('Tensor parallel (GPUs per stage)')).toHaveValue('8');
  await expect(page.getByLabel('Weight format')).toHaveValue('awq-int4');
  await expect(tokens(page)).toHaveText(before!);
});

test('a tensor-parallel degree the heads cannot split: message by the field, last good result kept', async ({ page }) => {
  await open(page, EN);
  const before = await tokens(page).textContent();
  await page.getByLabel('Tensor parallel (GPUs per stage)').fill('3');
  await expect(page.locator(`#${id}-problem`)).toContainText('attention heads');
  await expect(page.locator(`#${id}-tp-message`)).toContainText('attention heads');
  await expect(tokens(page)).toHaveText(before!);
  await page.getByLabel('Tensor parallel (GPUs per stage)').fill('abc');
  await expect(page.getByLabel('Tensor parallel (GPUs per stage)')).toHaveAttribute('aria-invalid', 'true');
  await expect(tokens(page)).toHaveText(before!);
});

test('a pasted vLLM log is read and put next to the planner’s figures', async ({ page }) => {
  await open(page, EN);
  // Llama-3.1-70B on TP 4, bf16 cache: 80 layers · 2 · 2 heads · 128 · 2 B = 81,920 B per token per GPU;
  // 10 GiB / (16 · 1,024 B · 80) = 8,192 blocks = 131,072 tokens by vLLM's rule.
  const logText = [
    'INFO [gpu_model_runner.py:1] Model loading took 32.88 GiB memory and 20.1 seconds',
    'INFO [gpu_worker.py:2] Available KV cache memory: 10.00 GiB',
    'INFO [kv_cache_utils.py:3] GPU KV cache size: 131,072 tokens',
    'INFO [kv_cache_utils.py:4] Maximum concurrency for 8,192 tokens per request: 16.00x',
  ].join('\n');
  const row = page.locator(`#${id}-log-table tr[data-row="kvTokens"]`);
  // The log panel's code arrives after start-up; text typed into the server's copy before that is not kept.
  await expect(async () => {
    await page.getByLabel(/Paste the log/).fill(logText);
    await expect(row.locator('[data-cell="logged"]')).toHaveText('131,072', { timeout: 1000 });
  }).toPass();
  await expect(row.locator('[data-cell="logged"]')).toHaveText('131,072');
  await expect(row.locator('[data-cell="planner"]')).toHaveText('131,072');
  await expect(page.locator(`#${id}-log-table tr[data-row="concurrency"] [data-cell="planner"]`)).toHaveText('16×');
  await expect(page.locator(`#${id}-log-table tr[data-row="weights"]`)).toBeVisible();
  await page.getByLabel(/Paste the log/).fill('nothing useful here');
  await expect(page.locator(`#${id}-log-message`)).toContainText('No vLLM sizing lines');
});

test('the Chinese page carries the same planner', async ({ page }) => {
  await open(page, ZH);
  expect(await asNumber(page)).toBeGreaterThan(0);
  await expect(page.getByLabel('张量并行（每级 GPU 数）')).toHaveValue('4');
});
