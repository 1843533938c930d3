import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openCalculator } from './fixtures';

const EN = '/en/calculators/sparse-vector/';
const ZH = '/calculators/sparse-vector/';
const calc = (page: Page) => page.locator('#sv-encoder');

/** Opens the page and waits until the island has hydrated (Astro drops `ssr` then). */
const open = (page: Page, path: string) => openCalculator(page, path, 'sparse-vector');

test("the notes' example is in the server-rendered HTML in Spark's form, with Spark's dense choice", async ({ request }) => {
  const html = await (await request.get(EN)).text();
  expect(html).toContain('(4,[0,2,3],[1.0,1.0,3.0])');
  expect(html).toContain('1:1 3:1 4:3');
  expect(html).not.toMatch(/NaN|Infinity/);
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

test('the copied link restores the tab, text and settings', async ({ page, context }) => {
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
