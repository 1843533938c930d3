import { test, expect } from '@playwright/test';

// Expressive Code's script (copy button, keyboard scrolling) is no longer a module script at start-up but a chunk
// the page loads when idle or when a reader reaches a code block (overrides/Head.astro): both still work.
const PAGE = '/en/rope-scaling/';
const CHUNK = /_astro\/_virtual_expressive-code-scripts\.[\w-]+\.js$/;

test('the copy button copies the code, also when clicked before its script has loaded', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // Hold the chunk back until the click has happened: the click is passed on once it arrives.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(CHUNK, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(PAGE);
  const button = page.locator('.expressive-code .copy button').first();
  const code = (await button.getAttribute('data-code'))!.replace(/\u007f/g, '\n');
  expect(code).toContain('rope_scaling');
  await button.click();
  release();
  await expect(page.locator('.expressive-code .copy .feedback')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
});

test('a code block wider than the column becomes a keyboard-scrollable region once the page is idle', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  const loaded = page.waitForResponse(CHUNK);
  await page.goto(PAGE);
  await loaded;
  const pre = page.locator('.expressive-code pre').first();
  expect(await pre.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await expect(pre).toHaveAttribute('tabindex', '0');
  await expect(pre).toHaveAttribute('role', 'region');
});

test('a page without code blocks does not load the script', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto('/en/serving/');
  // The script would load when the page is idle (CodeBlockScripts.astro); an idle callback asked for after it runs
  // after it, so by then its request would have been made.
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => setTimeout(resolve, 0), { timeout: 2000 })));
  expect(requested.filter((url) => CHUNK.test(url))).toEqual([]);
});

// Starlight's English dictionary has no Expressive Code strings, so with Chinese as the default locale English code
// blocks used to say 复制到剪贴板; src/content/i18n/en.json gives them English ones.
for (const [path, tooltip, copied] of [
  ['/en/rope-scaling/', 'Copy to clipboard', 'Copied!'],
  ['/rope-scaling/', '复制到剪贴板', '复制成功！'],
] as const) {
  test(`the copy button on ${path} speaks the page's language`, async ({ page }) => {
    await page.goto(path);
    const button = page.locator('.expressive-code .copy button').first();
    await expect(button).toHaveAttribute('title', tooltip);
    await expect(button).toHaveAttribute('data-copied', copied);
  });
}
