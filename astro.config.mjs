// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { headingIdSyntax } from './src/plugins/heading-id-syntax.ts';
import { remarkHeadingIds } from './src/plugins/remark-heading-ids.ts';
import { remarkCitations } from './src/plugins/remark-citations.ts';
import { rehypeScrollableBlocks } from './src/plugins/rehype-scrollable-blocks.ts';
import { rehypeBaseLinks } from './src/plugins/rehype-base-links.ts';
import { rehypePreviews } from './src/plugins/rehype-previews.ts';
import { rehypeSearchMath } from './src/plugins/rehype-search-math.ts';
import { rehypeSearchWeights } from './src/plugins/rehype-search-weights.ts';
import { cspInlineHashes } from './src/plugins/csp-inline-hashes.ts';
import { clientChunks } from './src/plugins/client-chunks.ts';
import { lazyCodeBlockScripts, rendererWithoutScripts } from './src/plugins/lazy-code-block-scripts.ts';
import { searchRanking } from './src/search/ranking.ts';

// `site` feeds the sitemap, canonical links and Open Graph URLs. `base` is where the site lives on that host:
// '/' at a domain root, '/<repo>/' for GitHub project pages (BASE_PATH, set by the deploy workflow). Authors
// write root-relative links; rehypeBaseLinks and withBase() put the base in front of them.
const site = process.env.SITE_URL ?? 'https://llm-notes.github.io';
const base = `/${(process.env.BASE_PATH ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');

/**
 * Astro marks every page module with the directive "use astro:head-inject" and acts on it itself before bundling;
 * Rolldown then warns, once per page (52 warnings per build), that it does not keep module directives. Only that
 * directive is muted, so any other directive (such as "use client") still warns.
 * @param {{ code?: string, message: string }} warning
 * @param {(warning: any) => void} warn
 */
function quietAstroDirective(warning, warn) {
  if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('"use astro:head-inject"')) return;
  warn(warning);
}

export default defineConfig({
  site,
  base,
  // A second build under a sub-path (npm run test:dist) goes to its own folder.
  outDir: process.env.OUT_DIR ?? './dist',
  trailingSlash: 'always',
  markdown: {
    // Astro 7's default processor runs no remark/rehype plugins; KaTeX and our heading ids need unified.
    processor: unified({
      remarkPlugins: [remarkMath, remarkHeadingIds, remarkCitations],
      rehypePlugins: [
        [rehypeKatex, { strict: 'ignore', output: 'htmlAndMathml' }],
        rehypeSearchMath,
        rehypeSearchWeights,
        rehypeScrollableBlocks,
        rehypePreviews,
        [rehypeBaseLinks, { base }],
      ],
    }),
    // Code blocks are Expressive Code's (Starlight); Astro's own Shiki pass never sees one, and left on it only
    // prints a CSP warning on every build.
    syntaxHighlight: false,
  },
  // A Content-Security-Policy <meta> on every page (issue 19). Astro hashes the scripts it bundles into
  // script-src and cspInlineHashes adds the is:inline ones, so no inline script runs unless it is ours. Styles need 'unsafe-inline':
  // KaTeX and Expressive Code write style attributes and Starlight inline <style>s (with hashes on the
  // directive, browsers would ignore 'unsafe-inline'). Pagefind's search index is WebAssembly
  // ('wasm-unsafe-eval' allows compiling it, not eval). Nothing loads from another origin.
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
      ],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: { resources: ["'self'", "'unsafe-inline'"] },
    },
  },
  // Starlight turns on prefetch-all by default; its 1.1 KB script would put prose pages over their 5 KB budget.
  prefetch: false,
  integrations: [
    // Must come before MDX: rewrites `## Title {#id}` so the MDX parser does not read `{#id}` as JavaScript.
    headingIdSyntax(),
    starlight({
      title: { 'zh-CN': 'LLM 学习笔记', en: 'LLM Notes' },
      description: '一份经过事实核查、中英双语的大语言模型学习笔记，附可交互的计算器。',
      defaultLocale: 'root',
      locales: {
        root: { label: '简体中文', lang: 'zh-CN' },
        en: { label: 'English', lang: 'en' },
      },
      favicon: '/favicon.svg',
      routeMiddleware: './src/route-data.ts',
      lastUpdated: false,
      pagination: true,
      customCss: ['katex/dist/katex.min.css', './src/styles/site.css', './src/styles/calculators.css', './src/styles/previews.css'],
      components: {
        Head: './src/components/overrides/Head.astro',
        // Same markup and behaviour, a cheaper script (issue 19): see src/components/overrides/toc.ts.
        TableOfContents: './src/components/overrides/TableOfContents.astro',
        MobileTableOfContents: './src/components/overrides/MobileTableOfContents.astro',
        // The page title, plus the page's search aliases (frontmatter `searchAliases`), hidden, for Pagefind.
        PageTitle: './src/components/overrides/PageTitle.astro',
        DraftContentNotice: './src/components/overrides/DraftContentNotice.astro',
      },
      // The same weights are used by tests/e2e/search-ranking.spec.ts.
      pagefind: { ranking: searchRanking },
      // Expressive Code's script loads lazily (Head.astro), not as a module script on every page with code.
      expressiveCode: { customCreateAstroRenderer: rendererWithoutScripts },
      head: [],
    }),
    preact(),
    // As each page is rendered: adds the hashes of inline scripts Astro does not hash (see the file).
    cspInlineHashes(),
  ],
  vite: {
    build: { assetsInlineLimit: 0 },
    // Module workers, so the token playground's encoder worker loads each vocabulary as its own chunk (an iife
    // worker would inline all of them).
    worker: { format: 'es' },
    plugins: [
      // How the browser's JavaScript is split into files (issue 19: calculator pages <= 27 KB up front).
      clientChunks(),
      lazyCodeBlockScripts(),
      {
        // Astro sets each build environment's Rolldown options itself; this hook runs after that.
        name: 'llm-notes:quiet-build',
        configEnvironment(name, config) {
          config.build ??= {};
          config.build.rolldownOptions ??= {};
          config.build.rolldownOptions.onwarn = quietAstroDirective;
          // The token playground's vocabularies are browser chunks far over Vite's 500 kB warning by nature (Gemma
          // 3's 262,144 tokens: 15.0 MB) and load only when a reader picks one. What a page loads up front is held
          // to 27 KB gzip by check-dist (scripts/page-weight.mjs), so the warning would only ever name those.
          if (name === 'client') config.build.chunkSizeWarningLimit = 16_000;
        },
      },
    ],
  },
});
