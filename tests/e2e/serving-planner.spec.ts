import { expect, test, type Page } from '@playwright/test';
import { openCalculator } from './fixtures';
import { readFileSync } from 'node:fs';

const EN = '/en/calculators/serving/';
const ZH = '/calculators/serving/';
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

test('the UX review’s case: Qwen3-32B AWQ on RTX 4090s at 32k — TP 1 won’t start, TP 2 fits, 131,072 is beyond the window', async ({ page }) => {
  await open(page, EN);
  await page.getByLabel('Model', { exact: true }).selectOption('qwen3-32b');
  await page.getByLabel('GPU', { exact: true }).selectOption('rtx-4090');
  await page.getByLabel('Weight format').selectOption('awq-int4');
  await page.getByLabel('Tokens per request (max_model_len)').fill('32768');
  await page.getByLabel('Tensor parallel (GPUs per stage)').fill('1');

  // TP 1: the KV cache holds fewer tokens than one request: vLLM refuses to start, so no speeds are shown.
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'wont-start');
  await expect(page.locator(`#${id}-verdict-sentence`)).toContainText(/Won’t start: [\d,]+ KV tokens < max_model_len 32,768/);
  await expect(page.locator(`#${id}-remedies [data-remedy="tp"]`)).toContainText('tensor parallel 2');
  await expect(page.locator(`#${id}-per-seq`)).toHaveCount(0);
  await expect(page.locator(`#${id}-no-speeds`)).toBeVisible();

  // TP 2: it starts; every speed label names its batch, and the aggregate is at the requests that fit.
  await page.getByLabel('Tensor parallel (GPUs per stage)').fill('2');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'fits');
  const sentence = (await page.locator(`#${id}-verdict-sentence`).textContent())!;
  const fit = Number(/holds (\d+) requests/.exec(sentence)![1]);
  expect(fit).toBeGreaterThanOrEqual(2);
  await expect(page.locator(`#${id}-per-seq-label`)).toHaveText('Per sequence at batch 1');
  await expect(page.locator(`#${id}-aggregate-label`)).toHaveText(`In all at batch ${fit}`);
  await expect(page.locator(`#${id}-aggregate`)).toHaveAttribute('data-batch', String(fit));
  await expect(page.locator(`#${id}-chart [data-fit-limit="${fit}"]`)).toContainText(`KV cache full at ${fit} requests`);
  // Only the verdict sentence is a live region, not the whole results block.
  await expect(page.locator(`#${id} .calc-results`)).not.toHaveAttribute('aria-live', /.*/);
  await expect(page.locator(`#${id}-verdict-sentence`)).toHaveAttribute('aria-live', 'polite');

  // 131,072 tokens: beyond Qwen3-32B's 40,960 (max_position_embeddings, no rope_scaling in its config.json).
  await page.getByLabel('Tokens per request (max_model_len)').fill('131072');
  await expect(page.locator(`#${id}-window`)).toContainText('40,960');
  await expect(verdict(page)).toHaveAttribute('data-window', 'beyond');
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

test('a tensor-parallel degree the heads cannot split: message by the field, last good result kept', async ({ page }) => {
  await open(page, EN);
  const before = await tokens(page).textContent();
  await page.getByLabel('Tensor parallel (GPUs per stage)').fill('3');
  await expect(page.locator(`#${id}-problem`)).toContainText('attention heads');
  await expect(page.locator(`#${id}-tp-message`)).toContainText('3 does not divide 64');
  await expect(tokens(page)).toHaveText(before!);
  await page.getByLabel('Tensor parallel (GPUs per stage)').fill('abc');
  await expect(page.getByLabel('Tensor parallel (GPUs per stage)')).toHaveAttribute('aria-invalid', 'true');
  await expect(tokens(page)).toHaveText(before!);
});

test('bad link parameters are ignored with a notice, a bad config included', async ({ page }) => {
  await open(page, `${EN}?srv.tp=-3&srv.gpu=h900&srv.cfg=%7Bbad`);
  await expect(page.getByText('Ignored link parameter srv.tp="-3"')).toBeVisible();
  await expect(page.getByText('Ignored link parameter srv.gpu="h900"')).toBeVisible();
  await expect(page.getByText(/Ignored link parameter srv\.cfg/)).toBeVisible();
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'fits');
});

test('a pasted vLLM log is read, its setup compared, and its terms put next to the planner’s', async ({ page }) => {
  await open(page, EN);
  // Llama-3.1-70B on TP 4, bf16 cache: 80 layers · 2 · 2 heads · 128 · 2 B = 81,920 B per token per GPU;
  // 10 GiB / (16 · 1,024 B · 80) = 8,192 blocks = 131,072 tokens by vLLM's rule.
  const logText = [
    "INFO [utils.py:1] non-default args: {'model': 'meta-llama/Llama-3.1-70B-Instruct', 'tensor_parallel_size': 4}",
    'INFO [gpu_model_runner.py:1] Model loading took 32.88 GiB memory and 20.1 seconds',
    'INFO [gpu_worker.py:2] Available KV cache memory: 10.00 GiB',
    'INFO [kv_cache_utils.py:3] GPU KV cache size: 131,072 tokens',
    'INFO [kv_cache_utils.py:4] Maximum concurrency for 8,192 tokens per request: 16.00x',
  ].join('\n');
  const row = page.locator(`#${id}-log-table tr[data-row="kvTokens"]`);
  await expect(async () => {
    await page.getByLabel(/Paste the log/).fill(logText);
    await expect(row.locator('[data-cell="logged"]')).toHaveText('131,072', { timeout: 1000 });
  }).toPass();
  await expect(row.locator('[data-cell="planner"]')).toHaveText('131,072');
  await expect(page.locator(`#${id}-log-match`)).toBeVisible();
  await expect(page.locator(`#${id}-log-table tr[data-row="weights"]`)).toBeVisible();
  // Another model's log (Qwen2-7B on one GPU): the mismatch is said in words, and the log's settings can be applied.
  await page
    .getByLabel(/Paste the log/)
    .fill(
      [
        'INFO Resolved architecture: Qwen2ForCausalLM',
        "INFO non-default args: {'model': 'Qwen2-7B-Instruct', 'max_model_len': 16384, 'gpu_memory_utilization': 0.25}",
        'INFO Available KV cache memory: 5.01 GiB',
        'INFO GPU KV cache size: 93,872 tokens',
      ].join('\n'),
    );
  await expect(page.locator(`#${id}-log-mismatch`)).toContainText('Qwen2ForCausalLM');
  await expect(page.locator(`#${id}-log-mismatch`)).toContainText('tensor parallel 1');
  await page.locator(`#${id}-log-apply`).click();
  await expect(page.getByLabel('Tensor parallel (GPUs per stage)')).toHaveValue('1');
  await expect(page.getByLabel('GPU memory utilization')).toHaveValue('0.25');
  await page.getByLabel(/Paste the log/).fill('nothing useful here');
  await expect(page.locator(`#${id}-log-message`)).toContainText('No vLLM sizing lines');
});

test('the Chinese page carries the same planner, verdict included', async ({ page }) => {
  await open(page, ZH);
  expect(await asNumber(page)).toBeGreaterThan(0);
  await expect(page.getByLabel('张量并行（每级 GPU 数）')).toHaveValue('4');
  await expect(page.locator(`#${id}-verdict-sentence`)).toContainText('能启动');
});

const fixtureConfig = (name: string): string => readFileSync(new URL(`../fixtures/configs/${name}.json`, import.meta.url), 'utf8');

test('a pasted Qwen3-Next config: the recurrent state per request, in the verdict and the formulas (issue 29)', async ({ page }) => {
  await open(page, EN);
  await page.getByText('Paste or drop a config.json').click();
  await page.getByLabel('config.json contents').fill(fixtureConfig('qwen3-next-80b-a3b-instruct'));
  await page.getByLabel('Tensor parallel (GPUs per stage)').fill('4');
  await page.getByLabel('Tokens per request (max_model_len)').fill('32768');
  // TP 4: 36 Gated DeltaNet layers in 3 groups of 12, one page of 272 tokens × 1,024 B each: 10,027,008 B per request.
  await expect(page.locator(`#${id}-state`)).toHaveAttribute('data-bytes', '10027008');
  await expect(page.locator(`#${id}-state`)).toHaveText('9.56 MiB');
  await expect(page.getByText('KV cache tokens (whole blocks of 272)')).toBeVisible();
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'fits');
  // The formulas carry the state term and the blocks per request (121 attention + 3 state pages).
  await expect(page.locator(`#${id} .calc-formula`).filter({ hasText: '9.56 MiB' }).first()).toBeVisible();
  await expect(page.locator(`#${id} .calc-formula`).filter({ hasText: '124' }).first()).toBeVisible();
  // Too little memory for one 262,144-token request with its state: vLLM would not start.
  await page.getByLabel('Tokens per request (max_model_len)').fill('262144');
  await page.getByLabel('GPU memory utilization', { exact: true }).fill('0.52');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'wont-start');
});

test('a pasted gpt-oss-20b config is served in MXFP4 by itself: 13.76 GB of weights, no state, and it fits (issue 29)', async ({ page }) => {
  await open(page, ZH);
  await page.getByText('粘贴或拖入 config.json').click();
  await page.getByLabel('config.json 内容').fill(fixtureConfig('gpt-oss-20b'));
  await page.getByLabel('张量并行（每级 GPU 数）').fill('1');
  await expect(page.getByLabel('权重格式')).toHaveValue('mxfp4');
  await expect(page.locator(`#${id}-weights`)).toHaveAttribute('data-bytes', '13761264768');
  await expect(page.locator(`#${id}-state`)).toHaveCount(0);
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'fits');
});
