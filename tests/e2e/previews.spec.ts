import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { sitemapPaths } from './site-pages';

/**
 * Glossary and citation previews (rehype-previews + src/scripts/previews.ts): pointer, print and touch, on one page.
 * Every page's previews are opened by keyboard in site-sweep.spec.ts, and their texts checked in check-dist.
 * Run after `npm run build`.
 */

/** The previews a built page's links name. */
const previewIds = (path: string) => [
  ...new Set([...readFileSync(`dist${path}index.html`, 'utf8').matchAll(/aria-describedby="(preview-[^"]+)"/g)].map((m) => m[1]!)),
];

const pages = sitemapPaths()
  .map((path) => ({ path, previews: previewIds(path).map((id) => ({ id })) }))
  .filter((p) => p.previews.length > 0);

test.describe('pointer and print', () => {
  const sample = pages.find((p) => p.previews.some((e) => e.id.startsWith('preview-term-'))) ?? pages[0]!;
  const id = sample.previews.find((e) => e.id.startsWith('preview-term-'))?.id ?? sample.previews[0]!.id;

  test('hovering a link shows its preview; the pointer can move onto it; leaving hides it; a click still navigates', async ({ page }) => {
    // The page's clock: the show (200 ms) and hide (300 ms) delays of src/scripts/previews.ts run when told.
    await page.clock.install();
    await page.goto(sample.path);
    const link = page.locator(`a[aria-describedby="${id}"]`).first();
    const preview = page.locator(`#${id}`);
    await link.hover();
    await page.clock.runFor(200);
    await expect(preview).toBeVisible();
    await preview.hover();
    // Well past the hide delay, the preview under the pointer stays.
    await page.clock.runFor(1000);
    await expect(preview).toBeVisible();
    await page.mouse.move(1, 1);
    await page.clock.runFor(300);
    await expect(preview).toBeHidden();
    const href = await link.getAttribute('href');
    await Promise.all([page.waitForURL((url) => url.pathname + url.hash === href), link.click()]);
  });

  test('print shows no preview', async ({ page }) => {
    await page.goto(sample.path);
    await page.locator(`a[aria-describedby="${id}"]`).first().focus();
    await expect(page.locator(`#${id}`)).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator(`#${id}`)).toBeHidden();
  });
});

test.describe('touch', () => {
  test.use({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });
  const sample = pages.find((p) => p.previews.some((e) => e.id.startsWith('preview-term-'))) ?? pages[0]!;
  const id = sample.previews.find((e) => e.id.startsWith('preview-term-'))?.id ?? sample.previews[0]!.id;

  test('the first tap shows the preview, the second follows the link', async ({ page }) => {
    await page.goto(sample.path);
    const link = page.locator(`a[aria-describedby="${id}"]`).first();
    await link.scrollIntoViewIfNeeded();
    await link.tap();
    await expect(page.locator(`#${id}`)).toBeVisible();
    expect(new URL(page.url()).pathname).toBe(sample.path);
    const overflow = await page.evaluate(() => {
      const box = document.querySelector('.preview:popover-open')!.getBoundingClientRect();
      return { left: box.left, right: box.right - window.innerWidth };
    });
    expect(overflow.left).toBeGreaterThanOrEqual(0);
    expect(overflow.right).toBeLessThanOrEqual(0);
    const href = await link.getAttribute('href');
    await Promise.all([page.waitForURL((url) => url.pathname + url.hash === href), link.tap()]);
  });
});
