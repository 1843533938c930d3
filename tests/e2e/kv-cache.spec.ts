import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openCalculator } from './fixtures';

const EN = '/en/calculators/kv-cache/';
const ZH = '/calculators/kv-cache/';
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

test('choosing Llama 2 70B and changing context and batch updates the outputs', async ({ page }) => {
  await open(page, EN);
  await page.getByLabel('Model', { exact: true }).selectOption('llama-2-70b');
  await expect(perToken(page)).toHaveText('320 KiB');
  await page.getByLabel('Context length (tokens)', { exact: true }).first().fill('8192');
  await expect(total(page)).toHaveText('2.5 GiB');
  await page.getByLabel('Batch (sequences at once)').fill('4');
  await expect(total(page)).toHaveText('10 GiB');
  // The same model as MHA stores 8× more.
  await page.getByLabel('Attention kind').selectOption('mha');
  await expect(perToken(page)).toHaveText('2.5 MiB');
});

test('the decimal toggle shows GB instead of GiB', async ({ page }) => {
  await open(page, EN);
  await page.getByLabel('Decimal (GB = 10⁹ bytes)').check();
  await expect(perToken(page)).toHaveText('524.29 kB');
  await expect(total(page)).toHaveText('2.15 GB');
});

test('Mistral 7B at 32k holds only its 4096-token window per layer', async ({ page }) => {
  await open(page, EN);
  await page.getByLabel('Model', { exact: true }).selectOption('mistral-7b');
  await page.getByLabel('Context length (tokens)', { exact: true }).first().fill('32768');
  await expect(total(page)).toHaveText('512 MiB');
  await expect(page.getByText('32 layers use a 4,096-token sliding window')).toBeVisible();
});

test('the reverse solver finds the longest context on the chosen GPU', async ({ page }) => {
  await open(page, EN);
  await page.getByLabel('GPU', { exact: true }).selectOption('rtx-4090');
  await page.getByLabel('Memory utilization cap').fill('1');
  // 24 GiB − 12.55 GiB of weights leaves 11.45 GiB; at 0.5 MiB per token in blocks of 16: 23,440 tokens.
  await expect(page.locator(`#${id}-max-context`)).toHaveText('23,440 tokens');
  await expect(page.locator(`tr[data-gpu="rtx-4090"]`)).toHaveAttribute('data-fits', 'true');
  await page.getByLabel('Weights precision').selectOption('fp32');
  await expect(page.locator(`tr[data-gpu="rtx-4090"]`)).toHaveAttribute('data-fits', 'false');
});

test('pasting a config.json uses it; a broken one names the problem and keeps the last good result', async ({ page }) => {
  await open(page, EN);
  await page.getByText('Paste or drop a config.json').click();
  const area = page.getByLabel('config.json contents');
  await area.fill(
    JSON.stringify({
      _name_or_path: 'me/tiny',
      model_type: 'llama',
      num_hidden_layers: 4,
      hidden_size: 512,
      num_attention_heads: 8,
      num_key_value_heads: 2,
      intermediate_size: 1024,
      vocab_size: 1000,
    }),
  );
  // 2 · 4 layers · 2 KV heads · 64 · 2 bytes = 2 KiB per token.
  await expect(perToken(page)).toHaveText('2 KiB');
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue('__custom');
  await area.fill('{ "model_type": "llama", ');
  await expect(area).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).toContainText('Not valid JSON');
  await expect(perToken(page)).toHaveText('2 KiB');
  await area.fill(
    JSON.stringify({
      model_type: 'llama',
      num_hidden_layers: 4,
      hidden_size: 512,
      num_attention_heads: 8,
      num_key_value_heads: 3,
      intermediate_size: 1024,
      vocab_size: 1000,
    }),
  );
  await expect(page.getByRole('alert')).toContainText('num_key_value_heads');
  await expect(perToken(page)).toHaveText('2 KiB');
});

test('bad numbers show a message next to the field and never reach the outputs', async ({ page }) => {
  await open(page, EN);
  const seq = page.getByLabel('Context length (tokens)', { exact: true }).first();
  for (const [text, message] of [
    ['', 'Enter a number.'],
    ['-5', 'Must be at least 1.'],
    ['1e400', 'This number is too large to compute with.'],
    ['abc', 'This is not a number.'],
    ['10.5', 'Enter a whole number.'],
  ] as const) {
    await seq.fill(text);
    await expect(seq).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator(`#${id}-seq-message`)).toHaveText(message);
    await expect(total(page)).toHaveText('2 GiB');
  }
  await expect(page.locator('[data-calculator="kv-cache"]')).not.toContainText(/NaN|Infinity/);
  await page.getByLabel('Batch (sequences at once)').fill('0');
  await expect(page.getByLabel('Batch (sequences at once)')).toHaveAttribute('aria-invalid', 'true');
  await expect(total(page)).toHaveText('2 GiB');
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

test('bad link parameters are ignored with a notice', async ({ page }) => {
  await open(page, `${EN}?kv.seq=-3&kv.model=gpt-9&kv.cfg=%7Bbad`);
  await expect(page.getByText('Ignored link parameter kv.seq="-3"')).toBeVisible();
  await expect(page.getByText('Ignored link parameter kv.model="gpt-9"')).toBeVisible();
  await expect(page.getByText(/Ignored link parameter kv\.cfg/)).toBeVisible();
  await expect(total(page)).toHaveText('2 GiB');
});

test('the Chinese page has the same calculator in Chinese', async ({ page }) => {
  await open(page, ZH);
  await expect(page.getByText('每个词元（token）的 KV 缓存')).toBeVisible();
  await expect(perToken(page)).toHaveText('512 KiB');
  await page.getByLabel('模型', { exact: true }).selectOption('deepseek-v2');
  // MLA: 60 layers · 576 numbers · 2 bytes = 67.5 KiB per token.
  await expect(perToken(page)).toHaveText('67.5 KiB');
});

const fixtureConfig = (name: string): string => readFileSync(new URL(`../fixtures/configs/${name}.json`, import.meta.url), 'utf8');

test("a pasted Qwen3-Next config shows its recurrent state beside the attention layers' KV cache, and a link keeps it", async ({ page }) => {
  await open(page, EN);
  await page.getByText('Paste or drop a config.json').click();
  await page.getByLabel('config.json contents').fill(fixtureConfig('qwen3-next-80b-a3b-instruct'));
  // 12 attention layers × 2 KV heads × 256 × 2 × 2 bytes = 24 KiB per token; 36 Gated DeltaNet layers hold
  // 36 × (3 × 8192 + 32 × 128 × 128) × 2 bytes of state per sequence (vLLM's MambaSpec).
  await expect(perToken(page)).toHaveText('24 KiB');
  const state = page.locator(`#${id}-state`);
  await expect(state).toHaveAttribute('data-bytes', '39518208');
  await expect(page.getByText('Recurrent state per sequence (36 Gated DeltaNet layers)')).toBeVisible();
  await expect(page.getByText('48 layers (36 recurrent), GQA-2')).toBeVisible();
  await expect(page).toHaveURL(/kv\.cfg=/);
  const fresh = await page.context().newPage();
  await open(fresh, page.url());
  await expect(fresh.locator(`#${id}-state`)).toHaveAttribute('data-bytes', '39518208');
});

test('a pasted gpt-oss-20b config offers its MXFP4 experts, and MXFP4 weighs the released 13.76 GB', async ({ page }) => {
  await open(page, EN);
  await page.getByText('Paste or drop a config.json').click();
  await page.getByLabel('config.json contents').fill(fixtureConfig('gpt-oss-20b'));
  await expect(page.getByText('This checkpoint ships its experts in MXFP4')).toBeVisible();
  await page.getByLabel('Weights precision').selectOption('mxfp4');
  await expect(page.locator(`#${id}-weights`)).toHaveAttribute('data-bytes', '13761264768');
  await page.getByLabel('Decimal (GB = 10⁹ bytes)').check();
  await expect(page.locator(`#${id}-weights`)).toHaveText('13.76 GB');
  await expect(page.getByText('3,608,307,264 without the token embedding')).toBeVisible();
  await expect(page.locator(`#${id}-state`)).toHaveCount(0);
});
