import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { sitemapPaths, counterpartPath } from './site-pages';

/**
 * One visit per built page that does every check needing a browser; what can be read from the HTML (section ids and
 * copy-links, language counterparts, preview texts, the CSP <meta>) is checked by scripts/check-dist.mjs. Per page:
 *  - no console error, page error, off-site request or Content-Security-Policy violation, from the first byte to the
 *    last check, with every island hydrated;
 *  - axe (wcag2a, wcag2aa) in the light theme, and color-contrast in the dark theme, switched with the theme menu;
 *  - every glossary and citation preview opens on focus next to its link without moving it, and Escape closes it;
 *    one of each kind passes axe while open, in both themes;
 *  - the first section's copy-link copies the full URL, query string kept;
 *  - the calculators get more room than the prose column at 1,440 px and fit at phone width;
 *  - the language menu leads to the same page in the other language;
 *  - at phone width (375 px) nothing scrolls sideways and the menu opens the sidebar.
 * Run after `npm run build`.
 */

declare global {
  interface Window {
    __cspViolations: string[];
  }
}

const axeTags = ['wcag2a', 'wcag2aa'];
const axeReport = (result: Awaited<ReturnType<AxeBuilder['analyze']>>) =>
  result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

/** What would make a reader's visit go wrong: console errors, page errors, off-site requests, CSP violations. */
async function watch(page: Page, origin: string) {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) problems.push(`off-site request: ${url}`);
  });
  // Init scripts run outside the page's policy, so this records violations from the very start.
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return async () => [...problems, ...(await page.evaluate(() => window.__cspViolations)).map((v) => `CSP: ${v}`)];
}

/** The previews a built page's links name. */
function previewIds(path: string): string[] {
  const html = readFileSync(`dist${path}index.html`, 'utf8');
  return [...new Set([...html.matchAll(/aria-describedby="(preview-[^"]+)"/g)].map((m) => m[1]!))];
}

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

const open = (page: Page) => page.locator('.preview:popover-open');

for (const path of sitemapPaths()) {
  test(`sweep ${path}`, async ({ page, context, baseURL }) => {
    test.setTimeout(180_000);
    const previews = previewIds(path);
    // One of each kind (glossary term, citation) is scanned by axe while open.
    const scanned = ['preview-term-', 'preview-ref-'].map((prefix) => previews.find((id) => id.startsWith(prefix))).filter((id) => id !== undefined);
    const isCalculatorPage = /^\/(en\/)?calculators\//.test(path);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! });
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('sweep-theme-set')) {
        localStorage.setItem('starlight-theme', 'light');
        sessionStorage.setItem('sweep-theme-set', '1');
      }
    });
    const problems = await watch(page, baseURL!);

    // Light theme: the full axe scan, then every preview.
    const url = `${path}?probe=1`;
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    // Expressive Code's script, loaded after start-up (src/plugins/lazy-code-block-scripts.ts), makes a code block that
    // scrolls sideways focusable; scan once it has, or a loaded machine scans first and axe reports the race.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.expressive-code pre')].every((pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex')),
    );
    expect(axeReport(await new AxeBuilder({ page }).withTags(axeTags).analyze())).toEqual([]);

    for (const id of previews) {
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
      // Opening moves nothing (the preview is in the top layer) and sits next to the link.
      expect(await link.boundingBox()).toEqual(before);
      const [l, p] = [(await link.boundingBox())!, (await preview.boundingBox())!];
      const gap = Math.min(Math.abs(p.y - (l.y + l.height)), Math.abs(l.y - (p.y + p.height)));
      expect(gap, `${id} is ${gap}px from its link`).toBeLessThan(24);
      if (scanned.includes(id)) {
        const axe = await new AxeBuilder({ page }).withTags(axeTags).include(`#${id}`).include(`a[aria-describedby="${id}"]`).analyze();
        expect(axeReport(axe), `${id} open, light theme`).toEqual([]);
      }
      await page.keyboard.press('Escape');
      await expect(preview).toBeHidden();
      await expect(link).toBeFocused();
    }

    // Dark theme, chosen in the theme menu as a reader would: color contrast of the page and of the open previews.
    await page.locator('starlight-theme-select select').first().selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(axeReport(await new AxeBuilder({ page }).withRules(['color-contrast']).analyze()), 'dark theme').toEqual([]);
    for (const id of scanned) {
      await page.locator(`a[aria-describedby="${id}"]`).first().focus();
      await expect(page.locator(`#${id}`)).toBeVisible();
      const axe = await new AxeBuilder({ page }).withRules(['color-contrast']).include(`#${id}`).include(`a[aria-describedby="${id}"]`).analyze();
      expect(axeReport(axe), `${id} open, dark theme`).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(page.locator(`#${id}`)).toBeHidden();
    }

    // Islands start under the policy: Astro drops an island's `ssr` attribute once it has hydrated; the calculators
    // wait to be scrolled to.
    const islands = page.locator('astro-island');
    for (let i = 0; i < (await islands.count()); i++) {
      await islands.nth(i).scrollIntoViewIfNeeded();
      await expect(islands.nth(i)).not.toHaveAttribute('ssr', { timeout: 15_000 });
    }

    // The first section's copy-link copies the full URL (query string kept, fragment naming the section); every
    // heading's id and link are checked in check-dist. The click is retried: scrolling straight to a heading below a
    // calculator can lay out its lazily rendered panels between Playwright's scroll and its click.
    const firstHeading = page.locator('.sl-markdown-content :is(h2, h3):not(.calc *)').first();
    if ((await firstHeading.count()) > 0) {
      const id = (await firstHeading.getAttribute('id'))!;
      const link = page.locator(`.sl-markdown-content a.sl-anchor-link[href="#${id}"]`);
      await expect(async () => {
        await link.click();
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}${url}#${id}`);
      }).toPass({ timeout: 10_000 });
      await expect(page.locator('#copy-link-status')).toHaveText(/./);
    }

    // Calculator room at 1,440 px: wider than the prose column, within the sidebar and the table of contents.
    const blocks = await page.locator('section.calc[data-calculator]').count();
    if (blocks > 0) {
      await page.setViewportSize({ width: 1440, height: 900 });
      const wide = await measure(page);
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
    }
    expect(await problems(), 'console, requests and CSP on the page').toEqual([]);

    // The language menu leads to the same page in the other language.
    const other = counterpartPath(path);
    const select = page.locator('starlight-lang-select select').first();
    await Promise.all([page.waitForURL((u) => u.pathname === other), select.selectOption(other)]);
    await expect(page.locator('html')).toHaveAttribute('lang', other.startsWith('/en/') ? 'en' : 'zh-CN');

    // Phone width, loaded fresh there: no sideways scrolling, calculators within the column, the menu opens the sidebar.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(path);
    const menu = page.locator('button.sl-menu-button');
    await expect(menu).toBeVisible();
    const phone = await measure(page);
    expect(phone.overflow).toBeLessThanOrEqual(1);
    for (const block of phone.blocks) {
      expect(block.left).toBeGreaterThanOrEqual(0);
      expect(block.right).toBeLessThanOrEqual(375);
      expect(block.width).toBeLessThanOrEqual(phone.column + 1);
    }
    expect(phone.sideBySide === null || phone.sideBySide === false).toBe(true);
    await menu.click();
    await expect(page.locator('#starlight__sidebar')).toBeVisible();
    expect(await problems(), 'console, requests and CSP, all visits').toEqual([]);
  });
}
