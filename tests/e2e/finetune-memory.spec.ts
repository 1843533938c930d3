import { test, expect, type Page } from '@playwright/test';
import { openCalculator } from './fixtures';

const EN = '/en/calculators/finetune-memory/';
const ZH = '/calculators/finetune-memory/';
const calc = (page: Page) => page.locator('#ft-calculator');

/** Opens the page and waits until the island has hydrated (Astro drops `ssr` then). */
const open = (page: Page, path: string) => openCalculator(page, path, 'finetune-memory');

const total = (page: Page) => page.getByTestId('ft-total').first();
const bytesOf = async (page: Page) => Number(await total(page).getAttribute('data-bytes'));

test('the default result is in the server-rendered HTML', async ({ request }) => {
  const html = await (await request.get(EN)).text();
  expect(html).toContain('data-testid="ft-total"');
  expect(html).toMatch(/data-testid="ft-total"[^>]*>[\d.,]+ GiB/);
  expect(html).not.toMatch(/NaN|Infinity/);
});

test('the optimizer formula carries the reader’s figure: 12 bytes per parameter of Llama-2-7B, 75.31 GiB', async ({ page }) => {
  // The bucket arithmetic is in tests/unit/components/finetune-memory/island-inputs.test.tsx; here, that the
  // build-time KaTeX gets the island's number in its slot.
  await open(page, EN);
  await expect(page.getByTestId('ft-bucket-optimizer')).toHaveText('75.31 GiB');
  await expect(calc(page).locator('[data-formula="optimizer"]')).toContainText('75.31 GiB');
});

test('the copy-link button gives a link that restores every setting', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! });
  await open(page, EN);
  await page.getByLabel('Fine-tuning method').selectOption('p-tuning-v2');
  await page.getByLabel('Prefix length p').fill('64');
  await page.getByLabel('Use the reparameterization MLP').check();
  await page.getByLabel('Optimizer', { exact: true }).selectOption('adafactor');
  await page.getByLabel('Sequence length (tokens)').fill('4096');
  await page.getByLabel('Gradient checkpointing (full recompute)').check();
  const expected = await total(page).textContent();
  const trainable = await page.getByTestId('ft-trainable').textContent();
  await calc(page).getByRole('button', { name: 'Copy link to this setting' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('ft.method=p-tuning-v2');
  expect(link).toContain('#ft-calculator');

  const other = await context.newPage();
  await open(other, link.replace(baseURL!, ''));
  await expect(other.getByLabel('Fine-tuning method')).toHaveValue('p-tuning-v2');
  await expect(other.getByLabel('Prefix length p')).toHaveValue('64');
  await expect(other.getByLabel('Use the reparameterization MLP')).toBeChecked();
  await expect(other.getByLabel('Optimizer', { exact: true })).toHaveValue('adafactor');
  await expect(other.getByTestId('ft-trainable')).toHaveText(trainable!);
  await expect(total(other)).toHaveText(expected!);
});

test('the compact calculator on the fine-tuning methods page has the comparison strip but no formulas', async ({ page }) => {
  await page.goto('/en/fine-tuning-methods/');
  const compact = page.locator('#ft-calculator-compact');
  await compact.scrollIntoViewIfNeeded();
  await expect(compact.locator('astro-island')).not.toHaveAttribute('ssr', /.*/);
  await expect(compact.locator('.ft-compare li')).toHaveCount(4);
  await expect(compact.locator('[data-formula]')).toHaveCount(0);
  await compact.getByLabel('Fine-tuning method').selectOption('lora');
  await expect(compact.getByTestId('ft-trainable')).toHaveText('4,194,304');
});

// Issue 15: realism switches and preference training, each with its URL state.

test('DPO from a link: a frozen reference on the bar, twice the sequences; LoRA drops the reference', async ({ page }) => {
  await open(page, `${EN}?ft.objective=dpo`);
  await expect(page.getByLabel('Training objective')).toHaveValue('dpo');
  await expect(page.getByTestId('ft-sequences')).toContainText('policy: 2');
  // Llama-2-7B in 16 bit: 6,738,415,616 × 2 B = 12.55 GiB, the same as the weights.
  await expect(page.getByTestId('ft-bucket-reference')).toHaveText('12.55 GiB');
  await expect(calc(page).locator('[data-formula="preference"]')).toContainText('12.55 GiB');
  await page.getByLabel('Reference log-probabilities').selectOption('precomputed');
  await expect(page).toHaveURL(/ft\.ref=precomputed/);
  await expect(page.getByTestId('ft-bucket-reference')).toHaveCount(0);
  await page.getByLabel('Reference log-probabilities').selectOption('model');
  await page.getByLabel('Fine-tuning method').selectOption('lora');
  await expect(page.getByTestId('ft-bucket-reference')).toHaveCount(0);
});

test('PPO shows critic, reward model and rollout KV cache; GRPO multiplies the sequences by G', async ({ page }) => {
  // The bar shows what is alive at peak.device (issue 27); a LoRA run peaks at the loss, where the rollout cache and the
  // critic's activations are counted. Their sizes (1 GiB, then 4 GiB with G = 4) are checked without a browser in
  // tests/unit/components/finetune-memory/island.test.tsx; here, that a link restores them and G lands in the link.
  await open(page, `${EN}?ft.objective=ppo&ft.method=lora`);
  await expect(page.getByTestId('ft-bucket-critic')).toBeVisible();
  await expect(page.getByTestId('ft-bucket-reward')).toBeVisible();
  await expect(page.getByTestId('ft-bucket-rolloutKvCache')).toBeVisible();
  await expect(page.getByTestId('ft-rollout-kv')).toHaveText(await page.getByTestId('ft-bucket-rolloutKvCache').innerText());
  await expect(page.getByTestId('ft-bucket-reference')).toHaveCount(0);

  await page.getByLabel('Training objective').selectOption('grpo');
  await expect(page.getByTestId('ft-sequences')).toContainText('policy: 8');
  const eight = Number(await page.getByTestId('ft-peak-device').getAttribute('data-bytes'));
  await page.getByLabel('Completions per prompt G (num_generations)').fill('4');
  await expect(page.getByTestId('ft-sequences')).toContainText('policy: 4');
  await expect.poll(async () => Number(await page.getByTestId('ft-peak-device').getAttribute('data-bytes'))).toBeLessThan(eight);
  await expect(page.getByTestId('ft-bucket-rolloutKvCache')).toBeVisible();
  await expect(page).toHaveURL(/ft\.objective=grpo/);
  await expect(page).toHaveURL(/ft\.gens=4/);
});

test('fused cross-entropy, activation offload and tensor parallelism each lower the total and land in the link', async ({ page }) => {
  await open(page, `${EN}?ft.method=qlora&ft.ckpt=1`);
  let before = await bytesOf(page);
  await page.getByLabel('Fused / chunked cross-entropy (no full logits)').check();
  await expect(page).toHaveURL(/ft\.fusedce=1/);
  await expect.poll(() => bytesOf(page)).toBeLessThan(before);
  before = await bytesOf(page);
  await page.getByLabel('Offload saved activations to CPU').check();
  await expect(page).toHaveURL(/ft\.actoffload=1/);
  await expect.poll(() => bytesOf(page)).toBeLessThan(before);
  await expect(page.getByTestId('ft-cpu')).toBeVisible();
  before = await bytesOf(page);
  await page.getByLabel('Tensor-parallel degree t').selectOption('4');
  await expect.poll(() => bytesOf(page)).toBeLessThan(before);
  await page.getByLabel('Sequence parallelism (with t > 1)').check();
  await expect(page).toHaveURL(/ft\.tp=4/);
  await expect(page).toHaveURL(/ft\.sp=1/);
});

test('the CUDA-context field is a segment of the peak, lands in the link and never changes the theoretical total', async ({ page }) => {
  // Issue 27: the overhead is no longer a line beside the total but the CUDA context inside peak.device, opening at the
  // measured 1.25 GiB instead of 0 (profiles.ts). The exact peak arithmetic is in the happy-dom island test.
  await open(page, EN);
  await expect(page.getByTestId('ft-bucket-cudaContext')).toHaveText('1.25 GiB');
  const before = await bytesOf(page);
  await page.getByLabel('CUDA context and kernels per GPU (GiB; measured 1.25)').fill('1.5');
  await expect(page.getByTestId('ft-bucket-cudaContext')).toHaveText('1.5 GiB');
  expect(await bytesOf(page)).toBe(before);
  await expect(page).toHaveURL(/ft\.overhead=1\.5/);
  const other = await page.context().newPage();
  await open(other, page.url().replace(/^https?:\/\/[^/]+/, ''));
  await expect(other.getByTestId('ft-bucket-cudaContext')).toHaveText('1.5 GiB');
});

test('QLoRA 8-bit and whole-layer freeze restore from the link', async ({ page }) => {
  await open(page, `${EN}?ft.method=qlora&ft.qbits=8`);
  await expect(page.getByLabel('QLoRA base bits (bitsandbytes)')).toHaveValue('8');
  const eight = await bytesOf(page);
  await page.getByLabel('QLoRA base bits (bitsandbytes)').selectOption('4');
  await expect.poll(() => bytesOf(page)).toBeLessThan(eight);

  await open(page, `${EN}?ft.method=freeze&ft.freezescope=layers`);
  await expect(page.getByLabel('What the trained layers train')).toHaveValue('layers');
  // Two Llama-2-7B layers: 2 × 202,375,168 linear parameters + 2 × 2 × 4,096 norm weights.
  await expect(page.getByTestId('ft-trainable')).toHaveText('404,766,720');
});

test('the published-figures table links each row to the state that reproduces it, and says why a row is off', async ({ page }) => {
  await page.goto(EN);
  const table = page.locator('[data-testid="ft-published"]');
  // A rule of thumb that holds against the peak: PEFT's default LoRA on Llama 3.1 8B, the blog's 16 GiB.
  await expect(table.locator('tr[data-row="hf-8b-lora"]')).toHaveAttribute('data-within', 'true');
  // The blog's 60 GiB for full fine-tuning is the theoretical sum (pure bf16 AdamW, 8 bytes per parameter), not the
  // peak: the optimizer step adds AdamW's foreach buffer (2 bytes per parameter, 15 GiB) and the CUDA context. The row
  // is marked outside ±10% and says why, as the published.test.ts rule requires of every such row.
  const row = table.locator('tr[data-row="hf-8b-full"]');
  await expect(row).toHaveAttribute('data-within', 'false');
  await expect(row).toContainText('outside ±10%');
  await expect(row).toContainText('this rule of thumb is low');
  const peakCell = (await row.getByTestId('ft-published-peak').innerText()).match(/^([\d.]+) GiB/);
  await row.getByRole('link', { name: 'open' }).click();
  await calc(page).scrollIntoViewIfNeeded();
  await calc(page).locator('[data-live]').first().waitFor({ state: 'attached' });
  await expect(page.getByLabel('Training precision')).toHaveValue('bf16');
  // The link restores the row: the theoretical sum is the blog's 60, the peak is the table's.
  await expect(total(page)).toHaveText(/^60\.\d+ GiB$/);
  const peak = Number(await page.getByTestId('ft-peak-device').getAttribute('data-bytes')) / 2 ** 30;
  expect(Math.abs(peak - Number(peakCell![1]))).toBeLessThanOrEqual(0.051);
});

test('the Chinese page has the new switches, objectives and the published table in Chinese', async ({ page }) => {
  await open(page, `${ZH}?ft.objective=grpo&ft.fusedce=1`);
  await expect(page.getByLabel('训练目标')).toHaveValue('grpo');
  await expect(page.getByLabel('融合交叉熵（不存完整 logits）')).toBeChecked();
  await expect(page.getByTestId('ft-sequences')).toContainText('每步经过策略模型的序列数：8');
  await expect(page.locator('[data-testid="ft-published"] caption')).toContainText('公开的微调显存数字');
});

test('a QLoRA link for Llama 3.1 8B on a 24 GB card opens with checkpointing on and the corpus’s verdict', async ({ page }) => {
  // Unsloth's table (tests/fixtures/finetune-measured, hf-llama-3.1-8b-24gb): the Hugging Face baseline fits 5,789 tokens
  // on 24 GB with rank 32 on every projection; 4,096 fits, 16,384 does not.
  const base = '/en/calculators/finetune-memory/?ft.model=llama-3.1-8b&ft.method=qlora&ft.gpu=rtx-4090&ft.rank=32&ft.targets=q,k,v,o,gate,up,down';
  await openCalculator(page, `${base}&ft.seq=4096`, 'finetune-memory');
  await expect(page.locator('#ft-calculator-ckpt')).toBeChecked();
  await expect(page.getByTestId('ft-results')).toHaveAttribute('data-verdict', 'fits');
  // The page's reverse solver gives the corpus row's longest sequence within the issue's ±20% (5,694 at this commit).
  const longest = Number((await page.getByTestId('ft-max-seq').innerText()).replace(/,/g, ''));
  expect(Math.abs(longest - 5789) / 5789).toBeLessThanOrEqual(0.2);
  await openCalculator(page, `${base}&ft.seq=16384`, 'finetune-memory');
  await expect(page.getByTestId('ft-results')).toHaveAttribute('data-verdict', 'does-not-fit');
  await expect(page.getByTestId('ft-verdict')).toContainText('activations');
});
