import { test, expect, type Page } from '@playwright/test';

/**
 * The Content-Security-Policy <meta> (security.csp in astro.config.mjs): search (WebAssembly) works under it, and a
 * script someone manages to inject is refused. That every page declares a strict policy is checked in
 * scripts/check-dist.mjs, and that nothing a page ships trips it in site-sweep.spec.ts.
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
  // Once the calculator is live, the page's own scripts have all run.
  await page.locator('[data-calculator="kv-cache"] [data-live]').first().waitFor({ state: 'attached' });
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
