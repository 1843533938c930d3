import { test, expect } from '@playwright/test';

test('the 404 page is custom and bilingual', async ({ page }) => {
  const response = await page.goto('/no-such-page/');
  expect(response?.status()).toBe(404);
  await expect(page.locator('h1')).toContainText('页面不存在');
  await expect(page.locator('h1')).toContainText('Page not found');
  await expect(page.getByRole('link', { name: 'English home' })).toHaveAttribute('href', '/en/');
});

async function search(page: import('@playwright/test').Page, path: string, query: string) {
  await page.goto(path);
  await page.locator('site-search button[data-open-modal]').first().click();
  const input = page.locator('#starlight__search input[type="search"], .pagefind-ui__search-input').first();
  await input.fill(query);
  const results = page.locator('.pagefind-ui__result-link');
  await expect(results.first()).toBeVisible({ timeout: 15_000 });
  return results.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
}

for (const query of ['注意力', '稀疏向量', '词元']) {
  test(`Chinese search finds "${query}" in Chinese pages`, async ({ page }) => {
    const paths = await search(page, '/', query);
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) expect(p.startsWith('/en/')).toBe(false);
  });
}

test('English search finds "embedding" in English pages only', async ({ page }) => {
  const paths = await search(page, '/en/', 'embedding');
  expect(paths.length).toBeGreaterThan(0);
  for (const p of paths) expect(p.startsWith('/en/')).toBe(true);
});

test('a page states its description for link previews', async ({ page }) => {
  await page.goto('/en/tokens-embeddings/');
  const description = await page.locator('meta[property="og:description"]').getAttribute('content');
  expect(description?.length).toBeGreaterThan(20);
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', /summary/);
});

for (const path of ['/', '/en/tokens-embeddings/']) {
  test(`${path} links a social card image that is served as PNG`, async ({ page, request }) => {
    await page.goto(path);
    const image = await page.locator('meta[property="og:image"]').getAttribute('content');
    expect(image).toMatch(/^https:\/\/.+\/og\/.+\.png$/);
    await expect(page.locator('meta[name="twitter:image"]')).toHaveAttribute('content', image!);
    const response = await request.get(new URL(image!).pathname);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('image/png');
    expect((await response.body()).length).toBeGreaterThan(10_000);
  });
}

test('printing hides the navigation', async ({ page }) => {
  await page.goto('/tokens-embeddings/');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('nav.sidebar').first()).toBeHidden();
  await expect(page.locator('header.header').first()).toBeHidden();
  await expect(page.locator('.sl-markdown-content')).toBeVisible();
});
