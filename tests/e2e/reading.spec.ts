import { test, expect, type Page } from '@playwright/test';
import { PNG } from 'pngjs';

/**
 * Reading on a phone and by keyboard (issue 33, ux-review rows 13, 14, 24 and 26): previews inside the screen,
 * wide tables that scroll with a visible hint, a focus ring one can see, a 404 page in both languages.
 * Run after `npm run build`.
 */

const phone = { hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } };

test.describe('previews on a phone', () => {
  test.use(phone);

  for (const [edge, fromBottom] of [
    ['near the bottom of the screen', 30],
    ['in the middle of the screen', 420],
  ] as const) {
    test(`a citation ${edge} opens its preview inside the screen with 8 px to spare`, async ({ page }) => {
      await page.goto('/en/finetune-memory/');
      const link = page.locator('.sl-markdown-content a[aria-describedby^="preview-ref-"]').nth(2);
      await link.scrollIntoViewIfNeeded();
      // Put the link `fromBottom` px above the bottom edge, as a reader reading down the page meets it.
      await link.evaluate((el, gap) => window.scrollBy(0, el.getBoundingClientRect().bottom - (innerHeight - gap)), fromBottom);
      await link.tap();
      const preview = page.locator('.preview:popover-open');
      await expect(preview).toBeVisible();
      const box = await preview.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, vw: document.documentElement.clientWidth, vh: innerHeight };
      });
      expect(box.left).toBeGreaterThanOrEqual(8);
      expect(box.right).toBeLessThanOrEqual(box.vw - 8);
      expect(box.top).toBeGreaterThanOrEqual(8);
      expect(box.bottom).toBeLessThanOrEqual(box.vh - 8);
    });
  }
});

/** Mean luminance (0–255) of a vertical strip `x0`..`x1` of a PNG, over all its rows. */
function stripLuminance(png: PNG, x0: number, x1: number): number {
  let sum = 0;
  let n = 0;
  for (let y = 0; y < png.height; y++)
    for (let x = x0; x < x1; x++) {
      const i = (png.width * y + x) * 4;
      sum += 0.2126 * png.data[i]! + 0.7152 * png.data[i + 1]! + 0.0722 * png.data[i + 2]!;
      n++;
    }
  return sum / n;
}

/** The left and right 6 px edges of `table`'s box, with its text and rules made invisible so only the hint shows. */
async function edges(page: Page, index: number) {
  const table = page.locator('.sl-markdown-content table').nth(index);
  const png = PNG.sync.read(await table.screenshot());
  const scale = png.width / (await table.evaluate((t) => t.getBoundingClientRect().width));
  const w = Math.round(6 * scale);
  return { left: stripLuminance(png, 0, w), right: stripLuminance(png, png.width - w, png.width) };
}

test.describe('wide tables on a phone', () => {
  test.use(phone);

  for (const scheme of ['light', 'dark'] as const) {
    test(`a wide Chinese table scrolls sideways, keeps 4 characters a line, and shows which side has more (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto('/attention-variants/');
      const tables = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLTableElement>('.sl-markdown-content table')].map((t) => ({
          columns: t.rows[0]?.cells.length ?? 0,
          wide: t.scrollWidth > t.clientWidth + 1,
          narrowest: Math.min(
            ...[...t.querySelectorAll<HTMLElement>('th, td')]
              .filter((c) => /\p{Script=Han}/u.test(c.textContent ?? ''))
              .map((c) => {
                const style = getComputedStyle(c);
                return (c.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)) / parseFloat(style.fontSize);
              }),
          ),
        })),
      );
      const index = tables.findIndex((t) => t.columns >= 5);
      expect(index, JSON.stringify(tables)).toBeGreaterThanOrEqual(0);
      // Crushed, a cell held one character a line; now every Chinese cell is at least 4 em wide.
      for (const t of tables) expect(t.narrowest).toBeGreaterThanOrEqual(3.99);
      expect(tables[index]!.wide).toBe(true);

      await page.addStyleTag({ content: '.sl-markdown-content table * { color: transparent !important; border-color: transparent !important; }' });
      const table = page.locator('.sl-markdown-content table').nth(index);
      await table.evaluate((t) => (t.scrollLeft = 0));
      const start = await edges(page, index);
      await table.evaluate((t) => (t.scrollLeft = t.scrollWidth));
      const end = await edges(page, index);
      // At the start the right edge is shaded and the left is not; at the end, the other way round.
      expect(Math.abs(start.right - start.left)).toBeGreaterThan(12);
      expect(Math.abs(end.left - end.right)).toBeGreaterThan(12);
      expect(Math.abs(start.left - end.right)).toBeLessThan(4);
    });
  }
});

/** WCAG 2.x relative luminance of an `rgb()`/`rgba()` colour string. */
function luminance(color: string): number {
  const [r, g, b] = color
    .match(/[\d.]+/g)!
    .slice(0, 3)
    .map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

for (const scheme of ['light', 'dark'] as const) {
  test(`a keyboard-focused checkbox has a 2 px ring with 3:1 contrast (${scheme} theme)`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/en/calculators/finetune-memory/');
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    const box = page.locator('section.calc input[type="checkbox"]').first();
    await box.scrollIntoViewIfNeeded();
    // Keyboard modality first, so focus is shown as a keyboard user sees it.
    await page.keyboard.press('Tab');
    await box.focus();
    const ring = await box.evaluate((el) => {
      const style = getComputedStyle(el);
      let bg = 'rgba(0, 0, 0, 0)';
      for (let node: Element | null = el; node && /rgba\(.*, 0\)|transparent/.test(bg); node = node.parentElement) bg = getComputedStyle(node).backgroundColor;
      if (/rgba\(.*, 0\)|transparent/.test(bg)) bg = getComputedStyle(document.body).backgroundColor;
      return { visible: el.matches(':focus-visible'), width: parseFloat(style.outlineWidth), style: style.outlineStyle, color: style.outlineColor, bg };
    });
    expect(ring.visible).toBe(true);
    expect(ring.style).not.toBe('none');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    expect(contrast(ring.color, ring.bg), JSON.stringify(ring)).toBeGreaterThanOrEqual(3);
  });
}

for (const path of ['/no-such-page/', '/en/no-such-page/']) {
  test(`a missing page (${path}) says so in Chinese and English, with no draft banner`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    const main = page.locator('main');
    await expect(main).toContainText('页面不存在');
    await expect(main).toContainText('Page not found');
    await expect(page.locator('main a[href="/en/"]')).toBeVisible();
    await expect(page.locator('main a[href="/"]')).toBeVisible();
    const text = (await page.locator('body').innerText()).toLowerCase();
    expect(text).not.toContain('草稿');
    expect(text).not.toContain('draft');
  });
}
