import { reference } from 'astro:content';
import { z } from 'astro/zod';

/**
 * Frontmatter every page adds to Starlight's own. The object is strict: an unknown or misspelled key
 * (`descripton:`) fails the build instead of being silently dropped.
 */
export const pageFrontmatter = z.strictObject({
  /** One or two sentences: shown in search results and Open Graph / Twitter cards. Required. */
  description: z.string().min(20, 'description: write at least one sentence (used for search and link previews)'),
  /** Reference keys (files in src/content/references/) this page is mainly based on. Default: none. */
  sources: z.array(reference('references')).default([]),
  /** Section titles of the original notes this page covers, for the home page's map. Default: none. */
  notesSections: z.array(z.string()).default([]),
  /**
   * Other names a reader searches the page by that its text does not use (an English name on a Chinese page),
   * indexed by Pagefind but not shown (the PageTitle override). Default: none.
   */
  searchAliases: z.array(z.string().min(2)).default([]),
});
