import { test, expect, type Page } from '@playwright/test';
import { sitemapPaths } from './site-pages';

/**
 * The Content-Security-Policy <meta> (security.csp in astro.config.mjs): every page declares a strict policy and
 * nothing the site itself ships (Starlight's inline scripts, the head script, KaTeX, Pagefind, the calculator
 * islands) trips it, while a script someone manages to inject is refused.
 */

declare global {
  interface Window {
    __cspViolations: string[];
    __injectedRan?: boolean;
  }
}

/** Records violations from the very start of the page; init scripts run outside the page's policy. */
async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
}

const violations = (page: Page) => page.evaluate(() => window.__cspViolations);

async function policyOf(page: Page) {
  const metas = page.locator('meta[http-equiv="content-security-policy"]');
  await expect(metas).toHaveCount(1);
  const content = (await metas.getAttribute('content')) ?? '';
  return new Map(
    content
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

for (const path of sitemapPaths()) {
  test(`${path} carries a strict policy and loads without violations`, async ({ page }) => {
    await watchViolations(page);
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await page.waitForLoadState('networkidle');

    const policy = await policyOf(page);
    const scripts = policy.get('script-src') ?? [];
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(scripts.some((s) => s.startsWith("'sha256-"))).toBe(true);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    // No other origin anywhere: every source is a keyword, a hash or data: (for inline images in CSS).
    for (const [name, sources] of policy) {
      for (const source of sources) expect(source, `${name} ${source}`).toMatch(/^('[^']+'|data:)$/);
    }

    // Islands start under the policy: Astro drops an island's `ssr` attribute once it has hydrated; the
    // calculators wait to be scrolled to.
    const islands = page.locator('astro-island');
    for (let i = 0; i < (await islands.count()); i++) {
      await islands.nth(i).scrollIntoViewIfNeeded();
      await expect(islands.nth(i)).not.toHaveAttribute('ssr', { timeout: 15_000 });
    }
    expect(await violations(page)).toEqual([]);
  });
}

test('search (Pagefind, WebAssembly) works under the policy', async ({ page }) => {
  await watchViolations(page);
  await page.goto('/en/');
  await page.locator('site-search button[data-open-modal]').first().click();
  await page.locator('#starlight__search input[type="search"], .pagefind-ui__search-input').first().fill('attention');
  await expect(page.locator('.pagefind-ui__result-link').first()).toBeVisible({ timeout: 15_000 });
  expect(await violations(page)).toEqual([]);
});

test('an injected inline script is blocked', async ({ page }) => {
  await watchViolations(page);
  await page.goto('/en/calculators/kv-cache/');
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injectedRan = true;';
    document.body.append(script);
  });
  await expect.poll(() => violations(page)).toContainEqual(expect.stringMatching(/^script-src(-elem)? blocked inline/));
  expect(await page.evaluate(() => window.__injectedRan)).toBeUndefined();
  // An inline event handler (the usual payload of an HTML injection) is refused too.
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__injectedRan = true');
    img.src = 'data:,not-an-image';
    document.body.append(img);
  });
  await expect.poll(() => violations(page).then((v) => v.length)).toBeGreaterThanOrEqual(2);
  expect(await page.evaluate(() => window.__injectedRan)).toBeUndefined();
});
