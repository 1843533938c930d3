/**
 * The site built under a sub-path (`npm run build:base` → dist-base/, base /llm-notes/, as GitHub project pages
 * serve it), served at that path: search, a calculator's shared link and the social card work there too.
 * check-dist verifies every link of that build statically; this drives the parts that run in the browser.
 */
import { test, expect } from '@playwright/test';
import { existsSync } from 'node:fs';
import { serveDist } from '../../bench/lib/static-server.mjs';
import { openCalculator } from './fixtures';

const BASE = '/llm-notes/';
let server: { url: string; close: () => Promise<unknown> };

test.beforeAll(async () => {
  if (!existsSync('dist-base/index.html')) throw new Error('dist-base/ is missing: run `npm run build:base` (npm run test:dist does) first');
  server = await serveDist('dist-base', { base: BASE });
});
test.afterAll(async () => server?.close());

async function search(page: import('@playwright/test').Page, path: string, query: string) {
  await page.goto(`${server.url}${path}`);
  await page.locator('site-search button[data-open-modal]').first().click();
  await page.locator('#starlight__search input[type="search"], .pagefind-ui__search-input').first().fill(query);
  const results = page.locator('.pagefind-ui__result-link');
  await expect(results.first()).toBeVisible({ timeout: 15_000 });
  return results.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
}

test('search under the sub-path finds a Chinese and an English word, with results under the base', async ({ page }) => {
  const zh = await search(page, BASE, '注意力');
  expect(zh.length).toBeGreaterThan(0);
  for (const p of zh) expect(p.startsWith(BASE) && !p.startsWith(`${BASE}en/`)).toBe(true);
  const en = await search(page, `${BASE}en/`, 'embedding');
  expect(en.length).toBeGreaterThan(0);
  for (const p of en) expect(p.startsWith(`${BASE}en/`)).toBe(true);
});

test("a calculator's copied link keeps the base and restores the setting", async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const calculator = await openCalculator(page, `${server.url}${BASE}en/calculators/kv-cache/`, 'kv-cache');
  await calculator.getByLabel('Context length (tokens)', { exact: true }).first().fill('8192');
  await calculator.getByRole('button', { name: 'Copy link to this setting' }).click();
  const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  expect(link.pathname).toBe(`${BASE}en/calculators/kv-cache/`);
  expect(link.searchParams.get('kv.seq')).toBe('8192');
  const fresh = await context.newPage();
  const again = await openCalculator(fresh, link.href, 'kv-cache');
  await expect(again.getByLabel('Context length (tokens)', { exact: true }).first()).toHaveValue('8192');
});

test('the social card and the canonical URL carry the base, and the card is served', async ({ page, request }) => {
  await page.goto(`${server.url}${BASE}en/tokens-embeddings/`);
  const image = new URL((await page.locator('meta[property="og:image"]').getAttribute('content'))!);
  expect(image.pathname.startsWith(`${BASE}og/`)).toBe(true);
  expect((await request.get(`${server.url}${image.pathname}`)).status()).toBe(200);
  const canonical = new URL((await page.locator('link[rel="canonical"]').getAttribute('href'))!);
  expect(canonical.pathname).toBe(`${BASE}en/tokens-embeddings/`);
});

test('the 404 page sends readers home under the base', async ({ page }) => {
  await page.goto(`${server.url}${BASE}no-such-page/`);
  await expect(page.getByRole('link', { name: 'English home' })).toHaveAttribute('href', `${BASE}en/`);
});
