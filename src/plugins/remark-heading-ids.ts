import type { Root } from 'mdast';
import type { VFile } from 'vfile';
// Declares mdast's `data.hProperties`, which remark-rehype copies onto the HTML element.
import type {} from 'mdast-util-to-hast';
import { visit } from 'unist-util-visit';

const ID_SUFFIX = /\s*\{#([A-Za-z0-9_-]+)\}\s*$/;

/**
 * Reads the `{#id}` suffix of a heading, removes it from the text, and sets it as the heading's id.
 *
 * Chinese headings would otherwise get Chinese ids (percent-encoded in shared links) that differ from the
 * English page's, so every h2 and h3 of a docs page must carry an explicit ASCII id, shared by both
 * languages. A missing or repeated id fails the build with the file and heading named.
 */
export function remarkHeadingIds() {
  return (tree: Root, file: VFile) => {
    const isDocsPage = /[\\/]src[\\/]content[\\/]docs[\\/]/.test(file.path ?? '');
    const seen = new Set<string>();
    visit(tree, 'heading', (heading) => {
      const last = heading.children.at(-1);
      let id: string | undefined;
      if (last && last.type === 'text') {
        const match = ID_SUFFIX.exec(last.value);
        if (match) {
          id = match[1]!;
          last.value = last.value.slice(0, match.index);
          if (last.value === '') heading.children.pop();
        }
      }
      if (id === undefined) {
        if (isDocsPage && (heading.depth === 2 || heading.depth === 3)) {
          const text = heading.children.map((c) => ('value' in c ? c.value : '')).join('');
          throw new Error(`${file.path}: heading "${text}" needs an explicit ASCII id shared by the zh and en pages, e.g. "## ${text} {#some-id}"`);
        }
        return;
      }
      if (seen.has(id)) throw new Error(`${file.path}: heading id "${id}" is used twice on this page`);
      seen.add(id);
      heading.data = heading.data ?? {};
      heading.data.hProperties = { ...(heading.data.hProperties as Record<string, unknown> | undefined), id };
    });
  };
}
