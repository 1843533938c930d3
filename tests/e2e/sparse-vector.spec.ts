import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openCalculator } from './fixtures';

const EN = '/en/calculators/sparse-vector/';
const ZH = '/calculators/sparse-vector/';
const calc = (page: Page) => page.locator('#sv-encoder');

/** Opens the page and waits until the island has hydrated (Astro drops `ssr` then). */
const open = (page: Page, path: string) => openCalculator(page, path, 'sparse-vector');

const format = (page: Page, name: string) => calc(page).locator(`[data-format="${name}"]`);

test("the notes' example is in the server-rendered HTML in Spark's form, with Spark's dense choice", async ({ request }) => {
  const html = await (await request.get(EN)).text();
  expect(html).toContain('(4,[0,2,3],[1.0,1.0,3.0])');
  expect(html).toContain('1:1 3:1 4:3');
  expect(html).not.toMatch(/NaN|Infinity/);
});

test('a pasted LIBSVM vector is shown in every format with its byte counts', async ({ page }) => {
  await open(page, EN);
  await page.getByLabel('Vector (a dense list or any sparse format)').fill('2:0.5 1000:1e-5');
  await expect(format(page, 'spark')).toHaveText('(1000,[1,999],[0.5,1.0E-5])');
  await expect(format(page, 'dict')).toHaveText('{"1": 0.5, "999": 0.00001}');
  await expect(calc(page).locator('[data-value="nnz"]')).toHaveText('2');
  await expect(calc(page).locator('[data-value="verdict"]')).toContainText('Sparse is smaller');
  await expect(calc(page).locator('[data-value="spark"]')).toContainText('would pick sparse');
});

test('bad vector input shows a specific message next to the field and keeps the last result', async ({ page }) => {
  await open(page, EN);
  const field = page.getByLabel('Vector (a dense list or any sparse format)');
  for (const [bad, message] of [
    ['(4,[0,2],[1.0])', 'differ in length'],
    ['(4,[3,1],[1.0,2.0])', 'strictly increasing'],
    ['(4,[0,9],[1.0,2.0])', 'outside 0…3'],
    ['1, , 3', 'entry #2 is empty'],
    ['[1, 2, abc]', 'not a number'],
  ] as const) {
    await field.fill(bad);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#sv-vector-message')).toContainText(message);
    await expect(format(page, 'spark')).toHaveText('(4,[0,2,3],[1.0,1.0,3.0])');
  }
  await field.fill('[0, 7]');
  await expect(field).toHaveAttribute('aria-invalid', 'false');
  await expect(format(page, 'spark')).toHaveText('(2,[1],[7.0])');
});

test('typed text is encoded and its results link to sections that exist', async ({ page, request }) => {
  await open(page, EN);
  await page.getByRole('tab', { name: 'Encode text' }).click();
  await page.getByLabel('Sentence', { exact: true }).fill('LoRA rank memory for fine-tuning');
  const matches = calc(page).locator('[data-value="matches"] a');
  await expect(matches.first()).toBeVisible();
  await expect(calc(page).locator('[data-value="tokens"]')).toContainText('lora');
  await expect(calc(page).locator('[data-value="spark-form"]')).toHaveText(/^\(\d+,\[[\d,]+\],\[[\d.E,-]+\]\)$/);
  const hrefs = await matches.evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) {
    const [path, id] = href.split('#');
    const response = await request.get(path!);
    expect(response.status(), href).toBe(200);
    if (id) expect(await response.text(), href).toContain(`id="${id}"`);
  }
  // Following the first link lands on that section.
  const first = hrefs[0]!;
  await matches.first().click();
  await expect(page).toHaveURL(new RegExp(`${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
});

test('Chinese text is segmented and searched on the Chinese page', async ({ page }) => {
  await open(page, ZH);
  await page.getByRole('tab', { name: '从文本编码' }).click();
  await page.getByLabel('句子', { exact: true }).fill('全参数微调需要多少显存');
  await expect(calc(page).locator('[data-value="tokens"]')).toContainText('显存');
  await expect(calc(page).locator('[data-value="matches"] a').first()).toHaveAttribute('href', /^\/[^#]*\/(#[\w-]+)?$/);
});

test('Spark HashingTF indices: "a b c" with 10 features gives (10,[5,7,8],[1.0,1.0,1.0])', async ({ page }) => {
  await open(page, `${EN}?sv.tab=text&sv.m=bow&sv.ix=hash&sv.nf=10&sv.q=a%20b%20c`);
  await expect(calc(page).locator('[data-value="spark-form"]')).toHaveText('(10,[5,7,8],[1.0,1.0,1.0])');
});

test('two sentences are compared by cosine similarity and shared terms', async ({ page }) => {
  await open(page, `${EN}?sv.tab=text&sv.m=bow`);
  await page.getByLabel('Sentence', { exact: true }).fill('sparse vector');
  await page.getByLabel('A second sentence to compare (optional)').fill('dense vector');
  await expect(calc(page).locator('[data-value="cosine"]')).toContainText('Cosine similarity: 0.5');
  await expect(calc(page).locator('[data-value="cosine"]')).toContainText('vector');
});

test('empty and over-long text show a message and keep the last result', async ({ page }) => {
  await open(page, `${EN}?sv.tab=text`);
  const field = page.getByLabel('Sentence', { exact: true });
  await field.fill('attention mask');
  await expect(calc(page).locator('[data-value="tokens"]')).toContainText('mask');
  await field.fill('');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#sv-q-message')).toContainText('Type a sentence');
  await expect(calc(page).locator('[data-value="tokens"]')).toContainText('mask');
  await field.fill('x '.repeat(6000));
  await expect(page.locator('#sv-q-message')).toContainText('over the cap of 10,000');
});

test('the copied link restores the tab, text and settings; a bad parameter is ignored with a notice', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, EN);
  await page.getByRole('tab', { name: 'Encode text' }).click();
  await page.getByLabel('Sentence', { exact: true }).fill('kv cache bytes');
  await page.getByRole('radio', { name: 'TF-IDF (Spark)' }).check();
  await page.getByRole('button', { name: 'Copy link to this setting' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('sv.tab=text');
  expect(link).toContain('sv.m=tfidf');
  expect(link).toMatch(/#sv-encoder$/);
  const other = await context.newPage();
  await open(other, link.replace(/^https?:\/\/[^/]+/, ''));
  await expect(other.getByLabel('Sentence', { exact: true })).toHaveValue('kv cache bytes');
  await expect(other.getByRole('radio', { name: 'TF-IDF (Spark)' })).toBeChecked();
  await open(other, `${EN}?sv.m=magic&sv.k1=-1`);
  await expect(calc(other).locator('.calc-url-notices')).toContainText('sv.m');
  await expect(calc(other).locator('.calc-url-notices')).toContainText('sv.k1');
});

test('the tabs are keyboard operable', async ({ page }) => {
  await open(page, EN);
  await page.getByRole('tab', { name: 'Vector formats' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Encode text' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Encode text' })).toBeFocused();
});

for (const theme of ['light', 'dark'] as const) {
  test(`the text tab with results passes axe (wcag2a, wcag2aa) in ${theme} theme and logs no errors`, async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    await open(page, `${EN}?sv.tab=text&sv.q2=dense%20vectors&sv.ix=hash&sv.nf=8`);
    await expect(calc(page).locator('[data-value="matches"] a').first()).toBeVisible();
    await expect(calc(page).locator('[data-value="cosine"]')).toBeVisible();
    const axe = await new AxeBuilder({ page }).include('#sv-encoder').withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(errors).toEqual([]);
  });
}
