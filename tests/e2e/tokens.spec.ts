import { test, expect } from '@playwright/test';
import { openCalculator } from './fixtures';

const PAGE = '/en/calculators/tokens/';

/** Opens the playground page once its island has hydrated. */
const open = (page: import('@playwright/test').Page, url = PAGE) => openCalculator(page, url, 'tokens');

// Issue 34: where a test does not care which vocabulary, it opens the smallest: r50k_base (GPT-2, 474 KB chunk) among
// the built-in ones, llama2 (660 KB) among the open ones; o200k_base is 2 MB, qwen3 5.4 MB, deepseek_v3 4.3 MB.
const SMALL = `${PAGE}?tok.vocab=r50k_base#playground`;

test('shows the default tokens without JavaScript', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto(PAGE);
  for (const vocab of ['r50k_base', 'cl100k_base', 'o200k_base']) {
    const section = page.locator(`[data-vocab="${vocab}"]`);
    await expect(section.locator('.tok-piece').first()).toBeVisible();
    await expect(section.locator('output[data-stat="tokens"]')).toHaveText(/^\d+$/);
  }
  await context.close();
});

test('typing re-tokenizes, and each vocabulary chunk loads once', async ({ page }) => {
  const chunkRequests: string[] = [];
  page.on('request', (r) => {
    if (/\/_astro\/(r50k|cl100k|o200k)_base[.-][\w-]+\.js$/.test(r.url())) chunkRequests.push(r.url());
  });
  await open(page);
  const cl100k = page.locator('[data-vocab="cl100k_base"] output[data-stat="tokens"]');
  const textarea = page.getByLabel('Text (Chinese or English)');
  await textarea.fill('hello world');
  await expect(cl100k).toHaveText('2');
  await expect(page.locator('[data-vocab="cl100k_base"] .tok-piece')).toHaveText(['hello', ' world']);
  await expect(page.locator('[data-vocab="cl100k_base"] .tok-piece').first()).toHaveAttribute('data-id', '15339');
  await textarea.fill('hello world, hello again');
  await expect(cl100k).toHaveText('5');
  expect(chunkRequests).toHaveLength(3);
});

test('encoding runs in a Web Worker: the vocabulary loads there, not on the page', async ({ page }) => {
  // The worker build names its chunks name-hash.js, the page's build name.hash.js (Vite's defaults).
  const pageChunks: string[] = [];
  const workerChunks: string[] = [];
  page.on('request', (r) => {
    if (/\/_astro\/r50k_base\.[\w-]+\.js$/.test(r.url())) pageChunks.push(r.url());
    if (/\/_astro\/r50k_base-[\w-]+\.js$/.test(r.url())) workerChunks.push(r.url());
  });
  await open(page, SMALL);
  await page.getByLabel('Text (Chinese or English)').fill('hello world');
  await expect(page.locator('[data-vocab="r50k_base"] output[data-stat="tokens"]')).toHaveText('2');
  expect(page.workers().length).toBeGreaterThan(0);
  expect(workerChunks).toHaveLength(1);
  expect(pageChunks).toHaveLength(0);
});

test('without Web Workers the page encodes itself, long text after a pause in typing', async ({ page }) => {
  await page.addInitScript(() => {
    // @ts-expect-error: a browser without Workers
    delete window.Worker;
  });
  await open(page, SMALL);
  const textarea = page.getByLabel('Text (Chinese or English)');
  await textarea.fill('hello world');
  await expect(page.locator('[data-vocab="r50k_base"] output[data-stat="tokens"]')).toHaveText('2');
  expect(page.workers()).toHaveLength(0);
  await textarea.fill('词元'.repeat(1000));
  await expect(page.getByText('Tokenizing…')).toBeVisible();
  await expect(page.locator('[data-vocab="r50k_base"] output[data-stat="tokens"]')).not.toHaveText('2');
});

test('a split Chinese character is shown as bytes in GPT-2’s vocabulary', async ({ page }) => {
  await open(page, SMALL);
  await page.getByLabel('Text (Chinese or English)').fill('注意力');
  const r50k = page.locator('[data-vocab="r50k_base"]');
  await expect(r50k.locator('.tok-partial').first()).toContainText('<0x');
  await expect(r50k.getByText(/incomplete UTF-8 bytes/)).toBeVisible();
});

test('the arrow keys step through tokens and announce each', async ({ page }) => {
  await open(page, SMALL);
  await page.getByLabel('Text (Chinese or English)').fill('hello world');
  const group = page.getByRole('group', { name: /Tokens in r50k_base/ });
  await group.focus();
  await page.keyboard.press('ArrowRight');
  // GPT-2's id for " world" (gpt-tokenizer's r50k_base: encode('hello world') = [31373, 995]).
  await expect(page.locator('.tok-current')).toHaveText('Token 2 “ world”, id 995, bytes 20 77 6F 72 6C 64');
});

test('control characters are removed with a message; a bad hidden size keeps the last result', async ({ page }) => {
  await open(page, SMALL);
  await page.getByLabel('Text (Chinese or English)').fill('a\u0001b');
  await expect(page.getByText('Control characters were removed.')).toBeVisible();
  const params = page.locator('output[data-stat="embedding-params"]');
  const before = await params.textContent();
  const d = page.getByLabel('Hidden size d');
  await d.fill('-5');
  await expect(d).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Must be at least 1.')).toBeVisible();
  await expect(params).toHaveText(before!);
  await d.fill('1e400');
  await expect(page.getByText('This number is too large to compute with.')).toBeVisible();
  await expect(params).toHaveText(before!);
});

test('a copied link restores the text, vocabulary and hidden size', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! });
  // Opened on r50k_base (not the default 'all'): the vocabulary must travel through the copied link.
  await open(page, SMALL);
  await page.getByLabel('Text (Chinese or English)').fill('稀疏向量');
  await page.getByLabel('Hidden size d').fill('1024');
  await page.getByRole('button', { name: 'Copy link to this setting' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('#playground');
  const fresh = await context.newPage();
  await open(fresh, link);
  await expect(fresh.getByLabel('Text (Chinese or English)')).toHaveValue('稀疏向量');
  await expect(fresh.getByLabel('Vocabulary')).toHaveValue('r50k_base');
  await expect(fresh.getByLabel('Hidden size d')).toHaveValue('1024');
  await expect(fresh.locator('[data-vocab="r50k_base"] output[data-stat="tokens"]')).toHaveText(/^\d+$/);
});

test('a malicious link parameter is ignored with a notice and never rendered as markup', async ({ page }) => {
  await open(page, `${PAGE}?tok.vocab=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&tok.d=abc`);
  await expect(page.locator('.calc-url-notices li')).toHaveCount(2);
  await expect(page.locator('.calc-url-notices')).toContainText('<img src=x onerror=alert(1)>');
  await expect(page.locator('.calc img')).toHaveCount(0);
  await expect(page.getByLabel('Vocabulary')).toHaveValue('all');
});

test('on a topic page the copied link points to the section holding the playground', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! });
  await page.goto('/en/tokens-embeddings/');
  const playground = page.locator('[data-calculator="tokens"]');
  await playground.scrollIntoViewIfNeeded();
  await playground.locator('astro-island:not([ssr])').waitFor({ state: 'attached' });
  await playground.getByLabel('Text (Chinese or English)').fill('hello');
  await playground.getByRole('button', { name: 'Copy link to this setting' }).click();
  const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  const sectionId = decodeURIComponent(link.hash.slice(1));
  expect(sectionId).not.toBe('playground');
  await expect(page.locator(`h2[id="${sectionId}"], h3[id="${sectionId}"]`)).toHaveCount(1);
  expect(link.searchParams.get('tok.text')).toBe('hello');
});

test('choosing an open vocabulary fetches its chunk once, and SentencePiece byte fallback shows as bytes', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => {
    if (/\/_astro\/mistral_7b[.-][\w-]+\.js$/.test(r.url())) requests.push(r.url());
  });
  await open(page, SMALL);
  const vocab = page.getByLabel('Vocabulary', { exact: true });
  await expect(vocab.locator('option[value="mistral_7b"]')).toContainText(/download/);
  await vocab.selectOption('mistral_7b');
  const section = page.locator('[data-vocab="mistral_7b"]');
  const textarea = page.getByLabel('Text (Chinese or English)');
  await textarea.fill('Hello world!');
  // Mistral 7B's ids for "▁Hello" and "▁world" (see tests/unit/lib/text/open-vocabularies.test.ts).
  await expect(section.locator('.tok-piece').first()).toHaveAttribute('data-id', '22557', { timeout: 30_000 });
  await textarea.fill('𠀀');
  await expect(section.locator('.tok-partial').first()).toContainText('<0xF0>');
  await vocab.selectOption('r50k_base');
  await vocab.selectOption('mistral_7b');
  await textarea.fill('Hello again');
  await expect(section.locator('output[data-stat="tokens"]')).toHaveText(/^\d+$/);
  expect(requests).toHaveLength(1);
});

test('Llama 2: its own chunk, Meta’s ids, byte fallback for Chinese, and the [INST] chat prompt', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => {
    if (/\/_astro\/llama2[.-][\w-]+\.js$/.test(r.url())) requests.push(r.url());
  });
  await open(page, `${PAGE}?tok.vocab=llama2&tok.chat=on#playground`);
  const section = page.locator('[data-vocab="llama2"]');
  const textarea = page.getByLabel('Text (Chinese or English)');
  await textarea.fill('生活的真谛是');
  // Hugging Face's Llama tokenizer test: ▁ 生 活 的 真 <0xE8><0xB0><0x9B> 是 (see tests/unit/lib/text/open-vocabularies.test.ts).
  await expect(section.locator('.tok-piece')).toHaveCount(9, { timeout: 30_000 });
  await expect(section.locator('.tok-piece').nth(5)).toHaveAttribute('data-id', '235');
  await expect(section.locator('.tok-partial').first()).toContainText('<0xE8>');
  // BOS + "▁[INST] <<SYS>>…" + text + " [/INST]": more tokens than the text alone, and a KV-cache link.
  await expect(page.locator('[data-chat="llama2"]')).toContainText('tokens in the prompt');
  expect(requests).toHaveLength(1);
});

test('ChatGLM3: its chat prompt counts THUDM’s special tokens ([gMASK] sop <|system|> <|user|> <|assistant|>)', async ({ page }) => {
  await open(page, `${PAGE}?tok.text=${encodeURIComponent('你好')}&tok.vocab=chatglm3&tok.chat=on#playground`);
  const section = page.locator('[data-vocab="chatglm3"]');
  // chatglm.cpp's ChatGLM3 test: "你好" → 36474 54591 (see tests/unit/lib/text/open-vocabularies.test.ts).
  await expect(section.locator('.tok-piece').first()).toHaveAttribute('data-id', '36474', { timeout: 30_000 });
  await expect(section.locator('output[data-stat="tokens"]')).toHaveText('2');
  await expect(page.locator('[data-chat="chatglm3"]')).toContainText('tokens in the prompt');
});

test('a shared link restores text, both vocabularies and the chat template, with a KV-cache link', async ({ page }) => {
  await open(page, `${PAGE}?tok.text=${encodeURIComponent('你好')}&tok.vocab=llama2&tok.vs=mistral_7b&tok.chat=on#playground`);
  await expect(page.getByLabel('Text (Chinese or English)')).toHaveValue('你好');
  await expect(page.getByLabel('Vocabulary', { exact: true })).toHaveValue('llama2');
  await expect(page.getByLabel('Compare with')).toHaveValue('mistral_7b');
  await expect(page.getByLabel('Show the chat template')).toBeChecked();
  await expect(page.locator('[data-vocab="llama2"] output[data-stat="tokens"]')).toHaveText(/^\d+$/, { timeout: 30_000 });
  await expect(page.locator('[data-vocab="mistral_7b"] output[data-stat="tokens"]')).toHaveText(/^\d+$/, { timeout: 30_000 });
  const chat = page.locator('[data-chat="llama2"]');
  await expect(chat).toContainText('tokens in the prompt');
  const href = await chat.getByRole('link').getAttribute('href');
  expect(href).toMatch(/^\/en\/calculators\/kv-cache\/\?kv\.seq=\d+#kv-cache-calculator$/);
  // Mistral's package ships no chat template: said, not guessed.
  await expect(page.getByText('mistral_7b: this vocabulary’s package ships no chat template.')).toBeVisible();
});

test('the efficiency table lists every vocabulary with computed figures', async ({ page }) => {
  await page.goto(PAGE);
  const rows = page.locator('#token-efficiency-table tbody tr');
  await expect(rows).toHaveCount(10);
  await expect(page.locator('#token-efficiency-table tr[data-vocab="llama2"]')).toContainText('32,000');
  await expect(rows.first().locator('[data-stat="zh-chars-per-token"]')).toHaveText(/^\d+\.\d\d$/);
});

test('a link that names only an open vocabulary loads it without any typing', async ({ page }) => {
  await open(page, `${PAGE}?tok.vocab=llama2`);
  await expect(page.locator('[data-vocab="llama2"] output[data-stat="tokens"]')).toHaveText(/^\d+$/, { timeout: 30_000 });
});
