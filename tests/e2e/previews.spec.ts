import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { sitemapPaths } from './site-pages';

/**
 * Glossary and citation previews (rehype-previews + src/scripts/previews.ts) on every built page that has one,
 * and the calculators' room on wide screens. Run after `npm run build`.
 */

interface Expected {
  id: string;
  /** Text the preview must show, read from the content file it is made from. */
  texts: string[];
}

const yaml = (path: string) => parse(readFileSync(path, 'utf8'));

/** The previews a built page names from its links, with the text each must show (from the collections). */
function expectedPreviews(path: string): Expected[] {
  const html = readFileSync(`dist${path}index.html`, 'utf8');
  const lang = path.startsWith('/en/') ? 'en' : 'zh';
  const ids = [...new Set([...html.matchAll(/aria-describedby="(preview-[^"]+)"/g)].map((m) => m[1]!))];
  return ids.map((id) => {
    const term = /^preview-term-(.+)$/.exec(id)?.[1];
    if (term) {
      const t = yaml(`src/content/glossary/${term}.yaml`);
      return { id, texts: [t[lang], t.definition[lang]] };
    }
    const key = /^preview-ref-(.+?)(-\d+)?$/.exec(id)![1]!;
    const r = yaml(`src/content/references/${key}.yaml`);
    return { id, texts: [r.title, r.authors[0], `(${r.year})`, r.arxiv ? `arXiv:${r.arxiv}` : r.url] };
  });
}

const pages = sitemapPaths()
  .map((path) => ({ path, previews: expectedPreviews(path) }))
  .filter((p) => p.previews.length > 0);

test('some pages have previews of both kinds', () => {
  const all = pages.flatMap((p) => p.previews.map((e) => e.id));
  expect(all.some((id) => id.startsWith('preview-term-'))).toBe(true);
  expect(all.some((id) => id.startsWith('preview-ref-'))).toBe(true);
});

const open = (page: Page) => page.locator('.preview:popover-open');

for (const { path, previews } of pages) {
  test.describe(`previews on ${path}`, () => {
    test('focus shows each preview next to its link with the right text; Escape hides it', async ({ page }) => {
      await page.goto(path);
      for (const { id, texts } of previews) {
        const link = page.locator(`a[aria-describedby="${id}"]`).first();
        await link.scrollIntoViewIfNeeded();
        // Formulas, tables and figures that scrolling brought near are laid out in the next frame (content-visibility:
        // auto in site.css); measure once they are, so what is compared is only what opening the preview does.
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        const before = await link.boundingBox();
        await link.focus();
        const preview = page.locator(`#${id}`);
        await expect(preview).toBeVisible();
        await expect(open(page)).toHaveCount(1);
        for (const text of texts) await expect(preview).toContainText(text);
        // Opening moves nothing (the preview is in the top layer) and sits next to the link.
        expect(await link.boundingBox()).toEqual(before);
        const [l, p] = [(await link.boundingBox())!, (await preview.boundingBox())!];
        const gap = Math.min(Math.abs(p.y - (l.y + l.height)), Math.abs(l.y - (p.y + p.height)));
        expect(gap, `${id} is ${gap}px from its link`).toBeLessThan(24);
        await page.keyboard.press('Escape');
        await expect(preview).toBeHidden();
        await expect(link).toBeFocused();
      }
    });

    for (const theme of ['light', 'dark'] as const) {
      test(`axe (wcag2a, wcag2aa) passes with previews open in ${theme} theme`, async ({ page }) => {
        await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        // One of each kind present on the page.
        const kinds = ['preview-term-', 'preview-ref-'].map((prefix) => previews.find((p) => p.id.startsWith(prefix))).filter((p) => p !== undefined);
        for (const { id } of kinds) {
          await page.locator(`a[aria-describedby="${id}"]`).first().focus();
          await expect(page.locator(`#${id}`)).toBeVisible();
          const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).include(`#${id}`).include(`a[aria-describedby="${id}"]`).analyze();
          expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
        }
      });
    }
  });
}

test.describe('pointer and print', () => {
  const sample = pages.find((p) => p.previews.some((e) => e.id.startsWith('preview-term-'))) ?? pages[0]!;
  const id = sample.previews.find((e) => e.id.startsWith('preview-term-'))?.id ?? sample.previews[0]!.id;

  test('hovering a link shows its preview; the pointer can move onto it; leaving hides it; a click still navigates', async ({ page }) => {
    await page.goto(sample.path);
    const link = page.locator(`a[aria-describedby="${id}"]`).first();
    const preview = page.locator(`#${id}`);
    await link.hover();
    await expect(preview).toBeVisible();
    await preview.hover();
    await page.waitForTimeout(500);
    await expect(preview).toBeVisible();
    await page.mouse.move(1, 1);
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

/** Calculator blocks and the prose column, measured in the page. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const column = document.querySelector('.sl-markdown-content')!.getBoundingClientRect();
    const toc = document.querySelector('.right-sidebar-container');
    const tocLeft = toc && getComputedStyle(toc).display !== 'none' ? toc.getBoundingClientRect().left : Infinity;
    const sidebar = document.querySelector('#starlight__sidebar');
    const sidebarRight = sidebar && sidebar.getBoundingClientRect().width > 0 ? sidebar.getBoundingClientRect().right : 0;
    const blocks = [...document.querySelectorAll('section.calc[data-calculator]')].map((block) => {
      const box = block.getBoundingClientRect();
      return { left: box.left, right: box.right, width: box.width };
    });
    const pair = document.querySelector('section.calc .calc-inputs + .calc-results');
    const sideBySide = pair ? pair.getBoundingClientRect().left >= pair.previousElementSibling!.getBoundingClientRect().right : null;
    return { column: column.width, tocLeft, sidebarRight, blocks, sideBySide, overflow: document.documentElement.scrollWidth - window.innerWidth };
  });
}

const calculatorPages = sitemapPaths().filter((path) => readFileSync(`dist${path}index.html`, 'utf8').includes('data-calculator='));

for (const path of calculatorPages) {
  test(`calculator room on ${path}: wider than the prose column at 1,440 px, fits at 390 px`, async ({ page }) => {
    const isCalculatorPage = /^\/(en\/)?calculators\//.test(path);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(path);
    const wide = await measure(page);
    expect(wide.blocks.length).toBeGreaterThan(0);
    for (const block of wide.blocks) {
      expect(block.width).toBeGreaterThan(wide.column);
      expect(block.left).toBeGreaterThanOrEqual(wide.sidebarRight);
      expect(block.right).toBeLessThanOrEqual(wide.tocLeft);
      // A calculator page has no table of contents and gives its block most of the screen beside the sidebar.
      if (isCalculatorPage) expect(block.width).toBeGreaterThan(wide.column + 240);
    }
    if (isCalculatorPage) expect(wide.tocLeft).toBe(Infinity);
    if (isCalculatorPage && wide.sideBySide !== null) expect(wide.sideBySide).toBe(true);
    expect(wide.overflow).toBeLessThanOrEqual(0);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(path);
    const phone = await measure(page);
    for (const block of phone.blocks) {
      expect(block.left).toBeGreaterThanOrEqual(0);
      expect(block.right).toBeLessThanOrEqual(390);
      expect(block.width).toBeLessThanOrEqual(phone.column + 1);
    }
    expect(phone.sideBySide === null || phone.sideBySide === false).toBe(true);
    expect(phone.overflow).toBeLessThanOrEqual(1);
  });
}
