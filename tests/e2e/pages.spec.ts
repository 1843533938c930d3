import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { sitemapPaths, counterpartPath } from './site-pages';

/** Collects what would make a reader's visit go wrong: console errors, page errors, off-site requests. */
function watch(page: Page, origin: string) {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.push(`off-site request: ${url}`);
    }
  });
  return problems;
}

for (const path of sitemapPaths()) {
  test.describe(`page ${path}`, () => {
    for (const theme of ['light', 'dark'] as const) {
      test(`loads cleanly and passes axe (wcag2a, wcag2aa) in ${theme} theme`, async ({ page, baseURL }) => {
        await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
        const problems = watch(page, baseURL!);
        const response = await page.goto(path);
        expect(response?.status()).toBe(200);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await page.waitForLoadState('networkidle');
        const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
        const violations = axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        expect(violations).toEqual([]);
        expect(problems).toEqual([]);
      });
    }

    test('every h2/h3 has an id and a copy-link that copies the full URL', async ({ page, context, baseURL }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! });
      await page.goto(`${path}?probe=1`);
      // Headings inside a calculator are widget labels, not sections.
      const headings = page.locator('.sl-markdown-content :is(h2, h3):not(.calc *)');
      const count = await headings.count();
      for (let i = 0; i < count; i++) {
        const heading = headings.nth(i);
        const id = await heading.getAttribute('id');
        expect(id, `heading "${await heading.textContent()}" has no id`).toMatch(/^[A-Za-z0-9_-]+$/);
        const link = page.locator(`.sl-markdown-content a.sl-anchor-link[href="#${id}"]`);
        await expect(link).toHaveCount(1);
        // The query string (calculator state) is kept, the fragment names the section. The click is retried:
        // scrolling straight to a heading below a calculator can lay out its lazily rendered panels between
        // Playwright's scroll and its click (a full-suite CI run once lost a click that way); a reader scrolls
        // past them first. Layout shift itself is measured by the Lighthouse bench (CLS 0 at load).
        await expect(async () => {
          await link.click();
          expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}${path}?probe=1#${id}`);
        }).toPass({ timeout: 10_000 });
        await expect(page.locator('#copy-link-status')).toHaveText(/./);
      }
    });

    test('fits a phone screen without sideways scrolling', async ({ page }) => {
      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto(path);
      const menu = page.locator('button.sl-menu-button');
      await expect(menu).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      await menu.click();
      await expect(page.locator('#starlight__sidebar')).toBeVisible();
    });

    test('the language switcher leads to the same page in the other language', async ({ page }) => {
      await page.goto(path);
      const other = counterpartPath(path);
      const select = page.locator('starlight-lang-select select').first();
      await expect(select.locator(`option[value="${other}"]`)).toHaveText(other.startsWith('/en/') ? 'English' : '简体中文');
      await Promise.all([page.waitForURL((url) => url.pathname === other), select.selectOption(other)]);
      const lang = await page.locator('html').getAttribute('lang');
      expect(lang).toBe(other.startsWith('/en/') ? 'en' : 'zh-CN');
    });
  });
}
