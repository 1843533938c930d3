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
