import { test, expect, type Page } from '@playwright/test';

/**
 * A reader can type into a calculator's server-rendered fields before its island has loaded (slow network,
 * `client:visible`). Hydration must keep that edit and compute with it. The island's scripts are held back
 * until the typing is done, then let through.
 */
async function openHoldingScripts(page: Page, url: string): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_astro/*.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(url, { waitUntil: 'commit' });
  return release;
}

test('kv-cache: a batch typed before hydration is computed with', async ({ page }) => {
  const release = await openHoldingScripts(page, '/en/calculators/kv-cache/');
  const batch = page.getByLabel('Batch (sequences at once)');
  await batch.fill('4');
  await expect(page.locator('[data-calculator="kv-cache"] astro-island')).toHaveAttribute('ssr', '');
  release();
  await page.locator('[data-calculator="kv-cache"] astro-island:not([ssr])').waitFor({ state: 'attached' });
  // Llama 2 7B at 4,096 tokens: 2 GiB per sequence, 8 GiB for 4.
  await expect(page.locator('#kv-cache-calculator-total')).toHaveText('8 GiB');
  await expect(batch).toHaveValue('4');
});

test('attention mask: a padding typed and a kind chosen before hydration are both kept', async ({ page }) => {
  const release = await openHoldingScripts(page, '/en/calculators/attention-mask/');
  const visualizer = page.locator('[data-calculator="attention-mask"]').first();
  await visualizer.getByLabel('Left padding tokens').fill('2');
  await visualizer.getByLabel('Right mask').selectOption('bidirectional');
  release();
  await visualizer.locator('astro-island:not([ssr])').waitFor({ state: 'attached' });
  // 7 tokens, 2 of them padding: causal over the other 5 is 15 pairs, fully visible 25.
  await expect(visualizer.locator('output[data-stat="pairs-a"]')).toHaveText('Allowed (query, key) pairs: 15 of 49');
  await expect(visualizer.locator('output[data-stat="pairs-b"]')).toHaveText('Allowed (query, key) pairs: 25 of 49');
});

test('fine-tune memory: a method chosen before hydration is computed with', async ({ page }) => {
  const release = await openHoldingScripts(page, '/en/calculators/finetune-memory/');
  await page.getByLabel('Fine-tuning method').selectOption('lora');
  release();
  await page.locator('#ft-calculator astro-island:not([ssr])').waitFor({ state: 'attached' });
  await expect(page.getByTestId('ft-trainable')).toHaveText('4,194,304');
});

test('token playground: text typed before hydration is tokenized', async ({ page }) => {
  const release = await openHoldingScripts(page, '/en/calculators/tokens/');
  await page.getByLabel('Text (Chinese or English)').fill('hello world');
  await page.getByLabel('Vocabulary').selectOption('cl100k_base');
  release();
  await page.locator('[data-calculator="tokens"] astro-island:not([ssr])').waitFor({ state: 'attached' });
  // "hello" and " world" are one token each in cl100k_base.
  // Scoped to the playground: the page's characters-per-token table also has a row per vocabulary.
  const playground = page.locator('[data-calculator="tokens"]');
  await expect(playground.locator('[data-vocab="cl100k_base"] output[data-stat="tokens"]')).toHaveText('2');
  await expect(playground.locator('[data-vocab="r50k_base"]')).toHaveCount(0);
});

test('sparse-vector encoder: a vector pasted before hydration is encoded', async ({ page }) => {
  const release = await openHoldingScripts(page, '/en/calculators/sparse-vector/');
  await page.getByLabel('Vector (a dense list or any sparse format)').fill('2:0.5 1000:1e-5');
  release();
  await page.locator('#sv-encoder astro-island:not([ssr])').waitFor({ state: 'attached' });
  await expect(page.locator('#sv-encoder [data-format="spark"]')).toHaveText('(1000,[1,999],[0.5,1.0E-5])');
});

test('an edit made as the island renders, before its start-up effect, is kept too', async ({ page }) => {
  // Astro drops `ssr` when the island has rendered, a frame before the island applies the link's state; type then.
  await page.addInitScript(() => {
    new MutationObserver((changes, observer) => {
      for (const change of changes) {
        const island = change.target as Element;
        if (change.attributeName === 'ssr' && !island.hasAttribute('ssr') && island.closest('#sv-encoder')) {
          const field = document.getElementById('sv-vector') as HTMLTextAreaElement;
          field.value = '2:0.5 1000:1e-5';
          field.dispatchEvent(new Event('input', { bubbles: true }));
          observer.disconnect();
        }
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['ssr'] });
  });
  await page.goto('/en/calculators/sparse-vector/');
  await page.locator('#sv-encoder').scrollIntoViewIfNeeded();
  await page.locator('#sv-encoder astro-island:not([ssr])').waitFor({ state: 'attached' });
  await expect(page.locator('#sv-encoder [data-format="spark"]')).toHaveText('(1000,[1,999],[0.5,1.0E-5])');
  await expect(page.getByLabel('Vector (a dense list or any sparse format)')).toHaveValue('2:0.5 1000:1e-5');
});

test('a config pasted into the picker before its paste panel has loaded is used once it has', async ({ page }) => {
  // The paste panel is a Deferred panel: its code loads after the island has started. Hold that file back, paste
  // into the server-rendered panel, then let it through: the paste must be replayed into the live panel.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let requested!: () => void;
  const asked = new Promise<void>((resolve) => (requested = resolve));
  await page.route('**/_astro/PastePanel.*.js', async (route) => {
    requested();
    await held;
    await route.continue();
  });
  await page.goto('/en/calculators/kv-cache/');
  await page.locator('[data-calculator="kv-cache"] [data-live]').waitFor({ state: 'attached' });
  await page.getByText('Paste or drop a config.json').click();
  const config = { model_type: 'llama', num_hidden_layers: 4, hidden_size: 512, num_attention_heads: 8, num_key_value_heads: 2, vocab_size: 1000 };
  await page.getByLabel('config.json contents').fill(JSON.stringify({ ...config, intermediate_size: 1024 }));
  // Held back: the server-rendered text box has no handler, so the model is still the preset (512 KiB per token).
  // The page has asked for the held code and not got it.
  await asked;
  await expect(page.locator('#kv-cache-calculator-per-token')).toHaveText('512 KiB');
  release();
  // 2 · 4 layers · 2 KV heads · 64 · 2 bytes = 2 KiB per token.
  await expect(page.locator('#kv-cache-calculator-per-token')).toHaveText('2 KiB');
  await expect(page.getByLabel('config.json contents')).toBeVisible();
});

test('a GPU and a utilization set in the solver before its code has loaded are solved with once it has', async ({ page }) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let requested!: () => void;
  const asked = new Promise<void>((resolve) => (requested = resolve));
  await page.route('**/_astro/SolverPanel.*.js', async (route) => {
    requested();
    await held;
    await route.continue();
  });
  await page.goto('/en/calculators/kv-cache/');
  await page.locator('[data-calculator="kv-cache"] [data-live]').waitFor({ state: 'attached' });
  await page.getByLabel('GPU', { exact: true }).selectOption('rtx-4090');
  await page.getByLabel('Memory utilization cap').fill('1');
  // The page has asked for the held code and not got it.
  await asked;
  // Held back: the server-rendered fields have no handlers yet, so the solver still shows the H100's figure.
  await expect(page.locator('#kv-cache-calculator-max-context')).not.toHaveText('23,440 tokens');
  release();
  // 24 GiB − 12.55 GiB of weights leaves 11.45 GiB; at 0.5 MiB per token in blocks of 16: 23,440 tokens.
  await expect(page.locator('#kv-cache-calculator-max-context')).toHaveText('23,440 tokens');
  await expect(page.getByLabel('GPU', { exact: true })).toHaveValue('rtx-4090');
});
