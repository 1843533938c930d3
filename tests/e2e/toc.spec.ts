import { test, expect, type Page } from '@playwright/test';

// The tables of contents run our own script (src/components/overrides/toc.ts), not Starlight's: the link of the
// section being read is marked, on a wide screen and in the mobile dropdown, and the dropdown closes as before.
const PAGE = '/en/context-length/';

/** Scrolls so the heading sits just below the header, where reading starts. */
async function readSection(page: Page, id: string) {
  await page.evaluate((headingId) => {
    const heading = document.getElementById(headingId)!;
    const header = document.querySelector('header')!.getBoundingClientRect().height;
    window.scrollTo(0, heading.getBoundingClientRect().top + window.scrollY - header - 40);
  }, id);
}

test('the wide table of contents marks the section being read, in either direction', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(PAGE);
  const toc = page.locator('starlight-toc');
  const current = toc.locator('a[aria-current="true"]');
  await expect(current).toHaveAttribute('href', '#_top');
  const ids = await toc.locator('a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).hash.slice(1)));
  expect(ids.length).toBeGreaterThan(4);
  // A jump straight to a section far down, then back up past several: no heading is skipped over unseen.
  const far = ids[ids.length - 2]!;
  await readSection(page, far);
  await expect(current).toHaveAttribute('href', `#${far}`);
  await readSection(page, ids[2]!);
  await expect(current).toHaveAttribute('href', `#${ids[2]}`);
  await expect(toc.locator('a[aria-current]')).toHaveCount(1);
  // Between two headings the earlier one's section is being read.
  await page.evaluate((next) => {
    const heading = document.getElementById(next)!;
    window.scrollBy(0, heading.getBoundingClientRect().top - window.innerHeight / 2);
  }, ids[4]!);
  await expect(current).toHaveAttribute('href', `#${ids[3]}`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(current).toHaveAttribute('href', '#_top');
});

test('the mobile table of contents names the section and closes on a link, outside or Escape', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(PAGE);
  const toc = page.locator('mobile-starlight-toc');
  const details = toc.locator('details');
  const ids = await toc.locator('a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).hash.slice(1)));
  await readSection(page, ids[3]!);
  const title = await page.locator(`#${ids[3]}`).textContent();
  await expect(toc.locator('.display-current')).toHaveText(title!.trim());

  await toc.locator('summary').click();
  await expect(details).toHaveAttribute('open', '');
  await toc.locator(`a[href="#${ids[1]}"]`).click();
  await expect(details).not.toHaveAttribute('open');
  await expect(toc.locator('a[aria-current="true"]')).toHaveAttribute('href', `#${ids[1]}`);

  await toc.locator('summary').click();
  await expect(details).toHaveAttribute('open', '');
  await page.keyboard.press('Escape');
  await expect(details).not.toHaveAttribute('open');
  await expect(toc.locator('summary')).toBeFocused();

  await toc.locator('summary').click();
  await expect(details).toHaveAttribute('open', '');
  await page.mouse.click(200, 790);
  await expect(details).not.toHaveAttribute('open');
});
