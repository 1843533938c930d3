import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { SEARCH_WEIGHT_LISTS } from '../search/ranking';

/** The pages that list every term or every cited work (both languages); Astro may add a query to the path. */
const LIST_PAGE = /[\\/]docs[\\/](en[\\/])?(glossary|references)\.mdx?($|\?)/;
const WEIGHED = new Set(['h2', 'h3', 'h4', 'h5', 'h6', 'p', 'li', 'td', 'th']);

/**
 * On the Glossary and the References, the page's own headings and text get the lists' low search weight (their
 * GlossaryList / ReferenceTable carry it themselves): a topic heading such as 量化与数值格式 had kept Pagefind's h2
 * weight and put the Glossary above pages that explain quantization (ux-review row 19).
 */
export function rehypeSearchWeights() {
  return (tree: Root, file: VFile) => {
    if (!LIST_PAGE.test(file.path ?? '')) return;
    visit(tree, 'element', (node) => {
      if (WEIGHED.has(node.tagName)) node.properties = { ...node.properties, dataPagefindWeight: String(SEARCH_WEIGHT_LISTS) };
    });
  };
}
