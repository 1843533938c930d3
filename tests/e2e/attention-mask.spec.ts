import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openCalculator } from './fixtures';

const PAGE = '/en/calculators/attention-mask/';

const open = (page: import('@playwright/test').Page, url = PAGE) => openCalculator(page, url, 'attention-mask');

test('shows causal and prefix masks with their pair counts, also without JavaScript', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto(PAGE);
  // 7 word tokens: causal 7·8/2 = 28 pairs; prefix p=3: 9 + (4·11)/2 = 31.
  await expect(page.locator('output[data-stat="pairs-a"]').first()).toHaveText('Allowed (query, key) pairs: 28 of 49');
  await expect(page.locator('output[data-stat="pairs-b"]').first()).toHaveText('Allowed (query, key) pairs: 31 of 49');
  // The rank results and the export are Deferred panels: the server renders them too.
  await expect(page.locator('output[data-stat="rank-a"]')).toHaveText('32');
  await expect(page.locator('.mask-export code')).toContainText('mask = k <= q');
  await context.close();
});

test('long sequences are drawn on a canvas', async ({ page }) => {
  await open(page);
  const visualizer = page.locator('[data-calculator="attention-mask"]').first();
  await visualizer.getByLabel('Text (split into word tokens)').fill('');
  await visualizer.getByLabel('Length n (without text)').fill('512');
  await expect(visualizer.locator('canvas.mask-canvas')).toHaveCount(2);
  await expect(visualizer.locator('output[data-stat="pairs-a"]')).toHaveText('Allowed (query, key) pairs: 131,328 of 262,144');
});

test('the rank panel shows a causal mask at full rank', async ({ page }) => {
  await open(page);
  const rank = page.locator('[data-calculator="attention-mask"]').nth(1);
  await rank.scrollIntoViewIfNeeded();
  await rank.locator('astro-island:not([ssr])').waitFor({ state: 'attached' });
  await expect(rank.locator('output[data-stat="rank-a"]')).toHaveText('32');
  await rank.getByLabel('Length n (≤ 64)').fill('16');
  await expect(rank.locator('output[data-stat="rank-a"]')).toHaveText('16');
  await expect(rank.locator('output[data-stat="erank-b"]')).toHaveText(/^\d+(\.\d+)?$/);
});

/** Holds back one lazy chunk until the returned function is called. */
/** Holds back the chunks matching `pattern` until `release()`; `release.requested` settles once one was asked for. */
async function holdChunk(page: import('@playwright/test').Page, pattern: string): Promise<(() => void) & { requested: Promise<void> }> {
  let release!: () => void;
  let requested!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const asked = new Promise<void>((resolve) => (requested = resolve));
  await page.route(pattern, async (route) => {
    requested();
    await held;
    await route.continue();
  });
  return Object.assign(() => release(), { requested: asked });
}

test('rank settings changed before the rank results have loaded are computed with once they have', async ({ page }) => {
  const release = await holdChunk(page, '**/_astro/DeferredPanels.*.js');
  const rank = await openCalculator(page, PAGE, 'attention-mask', 1);
  await rank.getByLabel('Length n (≤ 64)').fill('16');
  await rank.getByLabel('Right mask').selectOption('causal');
  // Held back (the page has asked for the code and not got it): the server's results stay as they were.
  await release.requested;
  await expect(rank.locator('output[data-stat="rank-a"]')).toHaveText('32');
  release();
  // A causal mask keeps the diagonal: full rank, now 16 for both sides.
  await expect(rank.locator('output[data-stat="rank-a"]')).toHaveText('16');
  await expect(rank.locator('output[data-stat="rank-b"]')).toHaveText('16');
});

test('the export opened and a kind chosen before its code has loaded are kept once it has', async ({ page }) => {
  const release = await holdChunk(page, '**/_astro/DeferredPanels.*.js');
  await open(page);
  const visualizer = page.locator('[data-calculator="attention-mask"]').first();
  await visualizer.locator('.mask-export summary').click();
  await visualizer.getByLabel('Left mask').selectOption('bidirectional');
  await release.requested;
  await expect(visualizer.locator('.mask-export code')).toContainText('mask = k <= q');
  release();
  await expect(visualizer.locator('.mask-export summary')).toContainText('Bidirectional (encoder)');
  await expect(visualizer.locator('.mask-export code')).toContainText('mask = torch.ones(7, 7, dtype=torch.bool)');
  await expect(visualizer.locator('.mask-export')).toHaveAttribute('open', '');
});

test('a copied link restores the kinds, prefix and text', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! });
  await open(page);
  const visualizer = page.locator('[data-calculator="attention-mask"]').first();
  await visualizer.getByLabel('Left mask').selectOption('bidirectional');
  await visualizer.getByLabel('Text (split into word tokens)').fill('one two three four');
  await visualizer.getByLabel('Prefix length p').first().fill('2');
  await visualizer.getByRole('button', { name: 'Copy link to this setting' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('#visualizer');
  const fresh = await context.newPage();
  await open(fresh, link);
  const restored = fresh.locator('[data-calculator="attention-mask"]').first();
  await expect(restored.getByLabel('Left mask')).toHaveValue('bidirectional');
  await expect(restored.getByLabel('Text (split into word tokens)')).toHaveValue('one two three four');
  // 4 tokens, prefix 2: 4 + (2·7)/2 = 11.
  await expect(restored.locator('output[data-stat="pairs-b"]')).toHaveText('Allowed (query, key) pairs: 11 of 16');
});

test('arrow keys move between rows of the table and of the canvas', async ({ page }) => {
  await open(page);
  const visualizer = page.locator('[data-calculator="attention-mask"]').first();
  const rows = visualizer.locator('[data-mask="a"] tbody tr[data-q]');
  // One tab stop per table.
  await expect(visualizer.locator('[data-mask="a"] tbody tr[tabindex="0"]')).toHaveCount(1);
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(2)).toBeFocused();
  await expect(visualizer.locator('[data-mask="a"] .mask-row-text')).toHaveText('Token 2 “sat” sees tokens 0–2');
  // The keys it sees are marked in the column headers too.
  await expect(visualizer.locator('[data-mask="a"] thead th.mask-seen')).toHaveText(['The', 'cat', 'sat']);
  await page.keyboard.press('End');
  await expect(visualizer.locator('[data-mask="a"] .mask-row-text')).toHaveText('Token 6 “today” sees tokens 0–6');

  await visualizer.getByLabel('Text (split into word tokens)').fill('');
  await visualizer.getByLabel('Length n (without text)').fill('100');
  const canvas = visualizer.locator('[data-mask="b"] canvas.mask-canvas');
  await canvas.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  // Prefix p = 3: row 5 sees the prefix and itself causally, 0–5.
  await expect(visualizer.locator('[data-mask="b"] .mask-row-text')).toHaveText('Token 5 “t5” sees tokens 0–5');
  await expect(visualizer.locator('[data-mask="b"] .mask-band-row')).toHaveCount(1);
});

test('play steps through decoding on its own and stops at the end', async ({ page }) => {
  // The page's clock, not the wall clock (issue 34): 5 steps at 700 ms are run through at once.
  await page.clock.install();
  await open(page);
  const visualizer = page.locator('[data-calculator="attention-mask"]').first();
  await visualizer.getByRole('button', { name: 'Play' }).click();
  await expect(visualizer.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.clock.runFor(5 * 700);
  // 7 tokens, prompt 3: prefill then 4 decode steps.
  await expect(visualizer.locator('.mask-step')).toContainText('Decode step 4: only row 6');
  await expect(visualizer.locator('.mask-step')).toContainText('Reached the end of the sequence.');
  await expect(visualizer.getByRole('button', { name: 'Play' })).toBeDisabled();
});

test('dragging the prefix slider moves the boundary: all the way right, the prefix LM is fully visible', async ({ page }) => {
  await open(page);
  const visualizer = page.locator('[data-calculator="attention-mask"]').first();
  const slider = visualizer.locator('input[type="range"][aria-label="Prefix length p"]');
  await slider.scrollIntoViewIfNeeded();
  const box = (await slider.boundingBox())!;
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(visualizer.getByLabel('Prefix length p').first()).toHaveValue('7');
  await expect(visualizer.locator('output[data-stat="pairs-b"]')).toHaveText('Allowed (query, key) pairs: 49 of 49');
  // The boundary line moves with it: no split inside a fully visible prefix.
  await expect(visualizer.locator('[data-mask="b"] tr.mask-split-row')).toHaveCount(0);
  await page.mouse.move(box.x + 1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + (box.width * 2) / 7, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const p = Number(await visualizer.getByLabel('Prefix length p').first().inputValue());
  expect(p).toBeGreaterThan(0);
  expect(p).toBeLessThan(7);
  await expect(visualizer.locator('[data-mask="b"] tr.mask-split-row')).toHaveAttribute('data-q', String(p));
});

for (const theme of ['light', 'dark']) {
  test(`every view passes axe in the ${theme} theme: encoder–decoder and GLM tables with loss, a focused row, padding, a canvas with overlays`, async ({
    page,
  }) => {
    await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    const axe = async () => {
      const result = await new AxeBuilder({ page }).include('[data-calculator="attention-mask"]').withTags(['wcag2a', 'wcag2aa']).analyze();
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };
    await open(page, `${PAGE}?mask.a=encoder-decoder&mask.b=glm&mask.loss=1&mask.pad=1`);
    const visualizer = page.locator('[data-calculator="attention-mask"]').first();
    await expect(visualizer.locator('[data-mask="a"] [data-slot="P"]')).toHaveText('1');
    await visualizer.locator('[data-mask="a"] tbody tr').nth(3).focus();
    await visualizer.getByRole('button', { name: /Prefill/ }).click();
    expect(await axe()).toEqual([]);
    await visualizer.getByLabel('Text (split into word tokens)').fill('');
    await visualizer.getByLabel('Length n (without text)').fill('200');
    await visualizer.locator('[data-mask="b"] canvas.mask-canvas').focus();
    await page.keyboard.press('ArrowDown');
    await expect(visualizer.locator('[data-mask="b"] .mask-band-row')).toHaveCount(1);
    expect(await axe()).toEqual([]);
  });
}

test('play runs through a long sequence in seconds, not hours', async ({ page }) => {
  // The page's clock, not the wall clock (issue 34): the 20 s of play are run through at once.
  await page.clock.install();
  await open(page);
  const visualizer = page.locator('[data-calculator="attention-mask"]').first();
  await visualizer.getByLabel('Text (split into word tokens)').fill('');
  await visualizer.getByLabel('Length n (without text)').fill('300');
  await visualizer.getByRole('button', { name: 'Play' }).click();
  // 3 prompt tokens, 297 decode steps at 67 ms each: about 20 s. At the short-prompt 700 ms a step it would take 208 s.
  await page.clock.runFor(298 * 67);
  await expect(visualizer.locator('.mask-step')).toContainText('Reached the end of the sequence.');
  await expect(visualizer.locator('[data-mask="a"] .mask-band-step')).toHaveCount(1);
});
