import { visit } from 'unist-util-visit';

/**
 * A display formula wider than the column scrolls sideways inside its own box (see site.css). A scrolling
 * box must be reachable by keyboard (WCAG 2.1.1; axe's scrollable-region-focusable), so every display
 * formula gets `tabindex="0"`. Runs after rehype-katex.
 */
export function rehypeScrollableMath() {
  return (tree) => {
    visit(tree, 'element', (node) => {
      const classes = node.properties?.className;
      if (Array.isArray(classes) && classes.includes('katex-display')) node.properties.tabIndex = 0;
    });
  };
}
