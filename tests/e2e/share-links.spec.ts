import { test, expect, type Page } from '@playwright/test';
import { openCalculator } from './fixtures';
import { compressText } from '../../src/components/calculators/shared/compressed-text';
import { LINK_TEXT_LIMIT } from '../../src/components/calculators/tokens/state';

const PAGE = '/calculators/tokens/';

/** `length` Chinese characters: CJK Unified Ideographs (U+4E00–U+9FFF) from a fixed-seed generator, so the text compresses poorly, like a worst case. */
function chinese(length: number): string {
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 0x7fffffff) / 0x7fffffff;
  return Array.from({ length }, () => String.fromCodePoint(0x4e00 + Math.floor(random() * 0x5200))).join('');
}

const textarea = (page: Page) => page.getByLabel('输入文本（中文或英文）');

test('30,000 Chinese characters round-trip through a copied link', async ({ page, context, baseURL, browser }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! });
  await openCalculator(page, PAGE, 'tokens');
  const text = chinese(30_000);
  await textarea(page).fill(text);
  await page.getByRole('button', { name: '复制此设置的链接' }).click();
  await expect(page.getByText('链接已复制')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  // The text rides in the fragment (never sent to the server), beside the section to scroll to.
  expect(link).toMatch(/#playground&tok\.z=[A-Za-z0-9_-]+$/);
  expect(new URL(link).search).not.toContain('tok.text');
  // The address bar follows too (debounced), with the same compressed text (compared as a boolean: it is 70 KB).
  const value = link.slice(link.indexOf('tok.z='));
  await expect.poll(() => page.evaluate((v) => location.hash.endsWith(v), value)).toBe(true);

  const fresh = await browser.newContext({ baseURL });
  const other = await fresh.newPage();
  const errors: string[] = [];
  other.on('pageerror', (e) => errors.push(e.message));
  await openCalculator(other, link, 'tokens');
  await expect(textarea(other)).toHaveValue(text);
  await expect(other.locator('[data-link-text]')).toHaveCount(0);
  // Scrolled to the playground's heading though the fragment is not a bare id.
  await expect(other.locator('#playground')).toBeInViewport();
  expect(errors).toEqual([]);
  await fresh.close();
});

test('a text over the limit says the link keeps only its beginning; a link over the limit says it was cut', async ({ page }) => {
  await openCalculator(page, PAGE, 'tokens');
  await textarea(page).fill('长'.repeat(LINK_TEXT_LIMIT + 1));
  await expect(page.locator('#tok-link-message')).toContainText(`复制的链接只保留前 ${LINK_TEXT_LIMIT.toLocaleString('en')} 个字符`);

  // A link carrying more than the limit (made elsewhere, or by hand) opens on its first LINK_TEXT_LIMIT characters, with a notice.
  const encoded = await compressText('长'.repeat(LINK_TEXT_LIMIT + 500));
  await openCalculator(page, `/en${PAGE}#playground&tok.z=${encoded}`, 'tokens');
  await expect(page.locator('[data-link-text="cut"]')).toContainText(`only the first ${LINK_TEXT_LIMIT.toLocaleString('en')} are shown`);
  expect(await page.getByLabel('Text (Chinese or English)').inputValue()).toBe('长'.repeat(LINK_TEXT_LIMIT));
});

test('a damaged link says so instead of silently opening the default text', async ({ page }) => {
  await openCalculator(page, `/en${PAGE}#playground&tok.z=AAAA_not-deflate`, 'tokens');
  await expect(page.locator('[data-link-text="damaged"]')).toContainText('could not be read');
});

test('short text stays readable in the query', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! });
  await openCalculator(page, `/en${PAGE}`, 'tokens');
  await page.getByLabel('Text (Chinese or English)').fill('hello');
  await page.getByRole('button', { name: 'Copy link to this setting' }).click();
  const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  expect(link.searchParams.get('tok.text')).toBe('hello');
  expect(link.hash).toBe('#playground');
});

test('switching to a vocabulary not yet loaded throws nothing', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openCalculator(page, `/en${PAGE}`, 'tokens');
  await page.getByLabel('Vocabulary', { exact: true }).selectOption('qwen3');
  await expect(page.locator('[data-vocab="qwen3"] output[data-stat="tokens"]')).toHaveText(/^[\d,]+$/, { timeout: 30_000 });
  await expect(page.locator('output[data-stat="embedding-params"]')).toHaveText(/^[\d,]+$/);
  await page.getByLabel('Vocabulary', { exact: true }).selectOption('gemma3');
  await expect(page.locator('[data-vocab="gemma3"] output[data-stat="tokens"]')).toHaveText(/^[\d,]+$/, { timeout: 30_000 });
  expect(errors).toEqual([]);
});
