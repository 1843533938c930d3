import { test, expect, type Page } from '@playwright/test';
import { searchRanking } from '../../src/search/ranking';

/**
 * What the built Pagefind index holds (issue 33, ux-review rows 18 and 19): each KaTeX formula once, as its MathML
 * text; the Chinese KV 缓存计算器 found by "KV cache"; the Glossary and References below the pages that explain a
 * word. Queried through /pagefind/pagefind.js with the search box's weights. Run after `npm run build`.
 */

interface Hit {
  url: string;
  excerpt: string;
  content: string;
}

/** The results for each query, searched from `home` (its <html lang> picks the index), best first. */
async function search(page: Page, home: string, queries: string[]): Promise<Hit[][]> {
  await page.goto(home);
  return page.evaluate(
    async ({ qs, ranking }) => {
      const url = '/pagefind/pagefind.js';
      const pagefind = await import(/* @vite-ignore */ url);
      await pagefind.options({ ranking });
      const out: Hit[][] = [];
      for (const q of qs) {
        const found = await pagefind.search(q);
        const data = await Promise.all(found.results.slice(0, 8).map((r: { data: () => Promise<Hit> }) => r.data()));
        out.push(data.map((d) => ({ url: new URL(d.url, location.href).pathname, excerpt: d.excerpt, content: d.content })));
      }
      return out;
    },
    { qs: queries, ranking: searchRanking },
  );
}

const stripTags = (html: string) => html.replace(/<[^>]+>/g, '');

for (const path of ['/en/attention-variants/', '/finetune-memory/', '/en/serving/']) {
  test(`every formula on ${path} is indexed once, as its MathML text, not its TeX source`, async ({ page }) => {
    await page.goto(path);
    const { title, formulas } = await page.evaluate(() => ({
      title: document.querySelector('h1')!.textContent!.trim(),
      formulas: [...document.querySelectorAll('.sl-markdown-content .katex-mathml semantics')].map((s) => ({
        text: s.firstElementChild!.textContent!,
        tex: s.querySelector('annotation')!.textContent!,
      })),
    }));
    expect(formulas.length).toBeGreaterThan(3);
    const [hits] = await search(page, path.startsWith('/en/') ? '/en/' : '/', [title]);
    const hit = hits!.find((h) => h.url === path);
    expect(hit, `${path} found by its title`).toBeDefined();
    // Pagefind and MathML space a formula differently (thin spaces and the like): compare without spaces.
    const squeeze = (s: string) => s.replace(/\s+/g, '');
    const content = squeeze(hit!.content);
    const distinctive = formulas.map((f) => ({ text: squeeze(f.text), tex: f.tex })).filter((f) => f.text.length >= 3);
    const tripled = distinctive.filter((f) => content.includes(f.text.repeat(3))).map((f) => f.text);
    const doubled = distinctive.filter((f) => content.includes(f.text.repeat(2))).map((f) => f.text);
    const tex = formulas.filter((f) => f.tex.includes('\\') && content.includes(f.tex)).map((f) => f.tex);
    expect(tripled).toEqual([]);
    expect(doubled.length, doubled.join(' | ')).toBeLessThanOrEqual(distinctive.length * 0.05);
    expect(tex).toEqual([]);
    // Still searchable: most formulas' text is there.
    const present = distinctive.filter((f) => content.includes(f.text)).length;
    expect(present).toBeGreaterThanOrEqual(distinctive.length * 0.8);
  });
}

test('excerpts do not repeat a formula three times ("L=80L=80L=80")', async ({ page }) => {
  const queries = ['GQA', 'KV cache', 'LoRA', 'ZeRO', 'RoPE', 'MoE'];
  for (const home of ['/', '/en/']) {
    const results = await search(page, home, queries);
    const repeated = results.flatMap((hits, i) =>
      hits.map((h) => ({ q: queries[i], url: h.url, m: /(\S{2,}?)\1\1/.exec(stripTags(h.excerpt).replace(/\s+/g, ''))?.[0] })).filter((r) => r.m),
    );
    expect(repeated).toEqual([]);
  }
});

test('"KV cache" on the Chinese site finds the KV 缓存计算器 among the first three', async ({ page }) => {
  const [hits] = await search(page, '/', ['KV cache']);
  expect(
    hits!.slice(0, 3).map((h) => h.url),
    hits!.map((h) => h.url).join(' '),
  ).toContain('/calculators/kv-cache/');
});

/** Words that the Glossary and the References hold and several topic or calculator pages explain. */
const shared: Record<string, string[]> = {
  '/': ['KV cache', 'GQA', 'LoRA', '量化', 'RoPE', 'MoE', 'DPO', 'vLLM', 'QLoRA', 'ZeRO', 'FlashAttention', '键值缓存'],
  '/en/': ['KV cache', 'GQA', 'LoRA', 'quantization', 'RoPE', 'MoE', 'DPO', 'vLLM', 'QLoRA', 'ZeRO', 'FlashAttention', 'attention'],
};

for (const [home, queries] of Object.entries(shared)) {
  test(`on ${home}, content and calculator pages outrank the Glossary and References for the same words`, async ({ page }) => {
    const results = await search(page, home, queries);
    const lists = new Set([`${home}glossary/`, `${home}references/`]);
    const bad = results.flatMap((hits, i) => {
      // The lists may come only after the first three other pages (or after all of them, if fewer match).
      const firstList = hits.findIndex((h) => lists.has(h.url));
      const others = hits.filter((h) => !lists.has(h.url)).length;
      return firstList !== -1 && firstList < Math.min(3, others) ? [`${queries[i]}: ${hits.map((h) => h.url).join(' ')}`] : [];
    });
    expect(bad).toEqual([]);
  });
}
