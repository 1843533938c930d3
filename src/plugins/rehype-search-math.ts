import type { Element, Root } from 'hast';
import { visit, SKIP } from 'unist-util-visit';

/**
 * KaTeX writes each formula three times: MathML presentation markup (what screen readers read), its TeX source in an
 * <annotation>, and the visual HTML rendering. Pagefind indexed all three, so search excerpts read "L=80L=80L=80"
 * (ux-review row 19). The formula is indexed once, as its MathML text ("L=80", "ΔW"), the readable one of the three:
 * the TeX source and the HTML rendering are marked `data-pagefind-ignore`. Runs after rehype-katex.
 */
export function rehypeSearchMath() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      const classes = node.properties?.className;
      const isHtml = Array.isArray(classes) && classes.includes('katex-html');
      if (isHtml || node.tagName === 'annotation') {
        node.properties = { ...node.properties, dataPagefindIgnore: '' };
        return SKIP;
      }
    });
  };
}

/** Marks a KaTeX string rendered outside the Markdown pipeline (calculators, components) the same way. */
export function searchMathHtml(html: string): string {
  return html
    .replace(/<span class="katex-html"/g, '<span class="katex-html" data-pagefind-ignore')
    .replace(/<annotation /g, '<annotation data-pagefind-ignore ');
}
