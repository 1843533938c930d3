import type { Root } from 'hast';
import { visit, SKIP } from 'unist-util-visit';

/**
 * Display formulas (see site.css) and tables (Starlight's styles) wider than the column scroll sideways
 * inside their own box. A scrolling box must be reachable by keyboard (WCAG 2.1.1; axe's
 * scrollable-region-focusable), so each gets `tabindex="0"`. Runs after rehype-katex.
 */
export function rehypeScrollableBlocks() {
  return (tree: Root) => {
    visit(tree, 'element', (node) => {
      const classes = node.properties?.className;
      const isDisplayMath = Array.isArray(classes) && classes.includes('katex-display');
      if (isDisplayMath || node.tagName === 'table') node.properties = { ...node.properties, tabIndex: 0 };
      // A formula's own markup (most of a page's elements) holds no table or further formula.
      if (isDisplayMath || (Array.isArray(classes) && classes.includes('katex'))) return SKIP;
    });
  };
}
