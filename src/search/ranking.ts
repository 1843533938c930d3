/**
 * Pagefind's ranking weights, given to Starlight (astro.config.mjs `pagefind.ranking`), which hands them to the
 * search box; the search-ranking e2e check queries the built index with the same weights. Values are Starlight's
 * defaults (node_modules/@astrojs/starlight/dist/schemas/pagefind.js) unless a comment says why one differs.
 */
export const searchRanking = {
  pageLength: 0.1,
  termFrequency: 0.1,
  termSaturation: 2,
  termSimilarity: 9,
  diacriticSimilarity: 0.8,
};

/**
 * `data-pagefind-weight` of the Glossary's and the References' lists (Pagefind weighs body text 1, an h1 7). They
 * name every term and every cited title, so at weight 1 they outranked the pages that explain those words
 * (ux-review row 19); they are still found, below the content and calculator pages that use the same words.
 */
export const SEARCH_WEIGHT_LISTS = 0.2;

/** `data-pagefind-weight` of a page's search aliases: other names a reader types for the page, weighed like its title. */
export const SEARCH_WEIGHT_ALIASES = 7;
