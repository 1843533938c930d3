import { expect, test, type Page } from '@playwright/test';
import { openCalculator } from './fixtures';
import { readFileSync } from 'node:fs';

const EN = '/en/calculators/serving/';
const id = 'serving-planner';

const tokens = (page: Page) => page.locator(`#${id}-tokens`);
const verdict = (page: Page) => page.locator(`#${id}-verdict`);
const open = (page: Page, url: string) => openCalculator(page, url, 'serving-planner');
const asNumber = async (page: Page) => Number((await tokens(page).textContent())!.replace(/[^\d]/g, ''));

test('without JavaScript the default plan is readable: verdict, bar, tokens that fit, formulas', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(EN);
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'fits');
  await expect(page.locator(`#${id}-bar`)).toBeVisible();
  expect(Number((await tokens(page).textContent())!.replace(/[^\d]/g, ''))).toBeGreaterThan(0);
  await expect(page.locator(`#${id} .calc-formula`).first()).toBeVisible();
  await expect(page.locator(`#${id}-bounds`)).toContainText('expected figures');
  await context.close();
});

test('a config pasted on the KV page opens in the serving planner through its link', async ({ page }) => {
  await openCalculator(page, '/en/calculators/kv-cache/', 'kv-cache');
  await page.getByText('Paste or drop a config.json').click();
  await page.getByLabel('config.json contents').fill(
    JSON.stringify({
      _name_or_path: 'me/tiny-long',
      model_type: 'llama',
      num_hidden_layers: 4,
      hidden_size: 512,
      num_attention_heads: 8,
      num_key_value_heads: 2,
      intermediate_size: 1024,
      vocab_size: 1000,
      max_position_embeddings: 4096,
      rope_scaling: { rope_type: 'yarn', factor: 4, original_max_position_embeddings: 4096 },
    }),
  );
  await expect(page.locator('#kv-cache-calculator-per-token')).toHaveText('2 KiB');
  const link = page.locator('#kv-cache-calculator-to-serving');
  await expect(link).toHaveAttribute('href', /srv\.cfg=/);
  await link.click();
  await page.waitForURL(/\/en\/calculators\/serving\/\?/);
  await page.locator('[data-calculator="serving-planner"] [data-live]').first().waitFor({ state: 'attached' });
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue('__custom');
  await expect(page.getByLabel('Model', { exact: true }).locator('option:checked')).toContainText('me/tiny-long');
  // 4 layers · 2 KV heads · 128... no: d_h = 512 / 8 = 64; per GPU at TP 4 (the planner's default) → 1 KV head: 4 · 2 · 64 · 2 B = 1 KiB.
  await expect(page.locator(`#${id}-per-token`)).toHaveText(/KiB/);
  // YaRN ×4 on 4,096: vLLM accepts up to 16,384, so 20,000 is beyond the window and says how it was derived.
  await page.getByLabel('Tokens per request (max_model_len)').fill('20000');
  await expect(page.locator(`#${id}-window`)).toContainText('16,384');
  await expect(page.locator(`#${id}-window`)).toContainText('yarn');
});

test('a custom GPU: its figures drive the plan and travel in the link', async ({ page }) => {
  await open(page, EN);
  await page.getByLabel('GPU', { exact: true }).selectOption('custom');
  const memory = page.getByLabel('Memory as the driver reports it (GiB)');
  await expect(memory).toHaveValue('79.18');
  const before = await asNumber(page);
  await memory.fill('139');
  await expect.poll(() => asNumber(page)).toBeGreaterThan(before);
  await expect(page).toHaveURL(/srv\.gpu=custom/);
  await expect(page).toHaveURL(/srv\.gmem=139/);
  const after = await tokens(page).textContent();
  const fresh = await page.context().newPage();
  await open(fresh, page.url());
  await expect(fresh.getByLabel('Memory as the driver reports it (GiB)')).toHaveValue('139');
  await expect(tokens(fresh)).toHaveText(after!);
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
  await page.locator('[data-calculator="serving-planner"] [data-live]').first().waitFor({ state: 'attached' });
  await expect(page.getByLabel('Tensor parallel (GPUs per stage)')).toHaveValue('8');
  await expect(page.getByLabel('Weight format')).toHaveValue('awq-int4');
  await expect(tokens(page)).toHaveText(before!);
});

const fixtureConfig = (name: string): string => readFileSync(new URL(`../fixtures/configs/${name}.json`, import.meta.url), 'utf8');

test('a pasted Qwen3-Next config: the build-time formulas carry the state term and the blocks per request (issue 29)', async ({ page }) => {
  // The state arithmetic and the verdicts are in tests/unit/components/serving-planner/island-inputs.test.tsx; here,
  // the KaTeX rendered at build time gets the island's numbers in its slots.
  await open(page, EN);
  await page.getByText('Paste or drop a config.json').click();
  await page.getByLabel('config.json contents').fill(fixtureConfig('qwen3-next-80b-a3b-instruct'));
  await page.getByLabel('Tensor parallel (GPUs per stage)').fill('4');
  await page.getByLabel('Tokens per request (max_model_len)').fill('32768');
  await expect(page.locator(`#${id}-state`)).toHaveAttribute('data-bytes', '10027008');
  // The formulas carry the state term and the blocks per request (121 attention + 3 state pages).
  await expect(page.locator(`#${id} .calc-formula`).filter({ hasText: '9.56 MiB' }).first()).toBeVisible();
  await expect(page.locator(`#${id} .calc-formula`).filter({ hasText: '124' }).first()).toBeVisible();
});
