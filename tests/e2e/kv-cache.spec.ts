import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openCalculator } from './fixtures';

const EN = '/en/calculators/kv-cache/';
const id = 'kv-cache-calculator';

const perToken = (page: Page) => page.locator(`#${id}-per-token`);
const total = (page: Page) => page.locator(`#${id}-total`);

/** Waits until the island has hydrated (its inputs respond). */
const open = (page: Page, url: string) => openCalculator(page, url, 'kv-cache');

test('the default result is readable before and after hydration: Llama 2 7B, 512 KiB per token', async ({ page }) => {
  await open(page, EN);
  await expect(perToken(page)).toHaveText('512 KiB');
  await expect(total(page)).toHaveText('2 GiB');
  await expect(page.locator(`#${id}-weights`)).toHaveText('12.55 GiB');
});

test('copy link, then opening it in a new page restores every setting', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, EN);
  await page.getByLabel('Model', { exact: true }).selectOption('qwen2.5-7b');
  await page.getByLabel('Context length (tokens)', { exact: true }).first().fill('32768');
  await page.getByLabel('Batch (sequences at once)').fill('3');
  await page.getByLabel('KV-cache precision').selectOption('fp8');
  await page.getByLabel('Attention kind').selectOption('mqa');
  await page.getByLabel('Decimal (GB = 10⁹ bytes)').check();
  await page.getByLabel('GPU', { exact: true }).selectOption('a100-40gb');
  const expected = await total(page).textContent();
  await page.getByRole('button', { name: 'Copy link to this setting' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('kv.model=qwen2.5-7b');

  const fresh = await context.newPage();
  await open(fresh, link);
  await expect(fresh.getByLabel('Model', { exact: true })).toHaveValue('qwen2.5-7b');
  await expect(fresh.getByLabel('Context length (tokens)', { exact: true }).first()).toHaveValue('32768');
  await expect(fresh.getByLabel('Batch (sequences at once)')).toHaveValue('3');
  await expect(fresh.getByLabel('KV-cache precision')).toHaveValue('fp8');
  await expect(fresh.getByLabel('Attention kind')).toHaveValue('mqa');
  await expect(fresh.getByLabel('Decimal (GB = 10⁹ bytes)')).toBeChecked();
  await expect(fresh.getByLabel('GPU', { exact: true })).toHaveValue('a100-40gb');
  await expect(total(fresh)).toHaveText(expected!);
});

test('a link carrying a pasted config restores that model', async ({ page }) => {
  await open(page, EN);
  await page.getByText('Paste or drop a config.json').click();
  await page.getByLabel('config.json contents').fill(
    JSON.stringify({
      _name_or_path: 'me/tiny',
      model_type: 'llama',
      num_hidden_layers: 4,
      hidden_size: 512,
      num_attention_heads: 8,
      num_key_value_heads: 2,
      intermediate_size: 1024,
      vocab_size: 1000,
      torch_dtype: 'bfloat16',
    }),
  );
  await expect(perToken(page)).toHaveText('2 KiB');
  await expect(page).toHaveURL(/kv\.cfg=/);
  const fresh = await page.context().newPage();
  await open(fresh, page.url());
  await expect(perToken(fresh)).toHaveText('2 KiB');
  await expect(fresh.getByLabel('Model', { exact: true })).toHaveValue('__custom');
});

const fixtureConfig = (name: string): string => readFileSync(new URL(`../fixtures/configs/${name}.json`, import.meta.url), 'utf8');

test('a pasted Qwen3-Next config survives the link: a fresh page shows the same recurrent state', async ({ page }) => {
  // The figures themselves (24 KiB per token, 39,518,208 bytes of state) are checked in
  // tests/unit/components/kv-cache/island.test.tsx; here, that the compacted kv.cfg carries the hybrid layers.
  await open(page, EN);
  await page.getByText('Paste or drop a config.json').click();
  await page.getByLabel('config.json contents').fill(fixtureConfig('qwen3-next-80b-a3b-instruct'));
  const state = page.locator(`#${id}-state`);
  await expect(state).toHaveAttribute('data-bytes', '39518208');
  await expect(page).toHaveURL(/kv\.cfg=/);
  const fresh = await page.context().newPage();
  await open(fresh, page.url());
  await expect(fresh.locator(`#${id}-state`)).toHaveAttribute('data-bytes', '39518208');
});
