import type { Root, RootContent, PhrasingContent } from 'mdast';
import type { VFile } from 'vfile';
// Declares mdast's `data.hProperties`, which remark-rehype copies onto the HTML element.
import type {} from 'mdast-util-to-hast';
import { visit, SKIP } from 'unist-util-visit';
import { formatReference, shortReference } from './format-reference';
import { loadReferences } from './content-files';

/** The MDX JSX nodes (`<Cite … />`) that this plugin replaces, as far as it reads them. */
interface JsxElement {
  type: 'mdxJsxTextElement' | 'mdxJsxFlowElement';
  name: string | null;
  attributes: Array<{ type: string; name?: string; value?: unknown }>;
}

const HEADING_TEXT: Record<'zh' | 'en', string> = { zh: '参考文献', en: 'References' };

/**
 * Turns `<Cite id="key" />` (optionally `at="§3.1"`) into a numbered citation, numbered in order of first
 * appearance, and appends the page's reference list under a "References" heading with the id `references`.
 *
 * This runs at compile time rather than as an Astro component so that numbering follows document order
 * exactly, an unknown key fails the build with the file named, and pages need no component imports.
 */
export function remarkCitations() {
  return (tree: Root, file: VFile) => {
    const path = file.path ?? '';
    if (!/[\\/]src[\\/]content[\\/]docs[\\/]/.test(path)) return;
    const lang = /[\\/]src[\\/]content[\\/]docs[\\/]en[\\/]/.test(path) ? 'en' : 'zh';
    const references = loadReferences();
    const order: string[] = [];

    visit(tree, (node, index, parent) => {
      const jsx = node as unknown as JsxElement;
      if ((jsx.type !== 'mdxJsxTextElement' && jsx.type !== 'mdxJsxFlowElement') || jsx.name !== 'Cite' || !parent || index === undefined) return;
      const attr = (name: string) => jsx.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === name)?.value;
      const key = attr('id');
      if (typeof key !== 'string' || key === '') throw new Error(`${path}: <Cite> needs a string id, e.g. <Cite id="vaswani2017" />`);
      const ref = references.get(key);
      if (!ref) throw new Error(`${path}: <Cite id="${key}" /> names no file src/content/references/${key}.yaml`);
      if (!order.includes(key)) order.push(key);
      const n = order.indexOf(key) + 1;
      const at = attr('at');
      const label = typeof at === 'string' && at !== '' ? `[${n}, ${at}]` : `[${n}]`;
      const citation = {
        type: 'citation',
        data: { hName: 'sup', hProperties: { className: ['cite'] } },
        children: [
          {
            type: 'link',
            url: `#ref-${key}`,
            title: shortReference(ref),
            // rehype-previews reads the section cited for the link's preview (and removes the attribute).
            data: typeof at === 'string' && at !== '' ? { hProperties: { dataCiteAt: at } } : undefined,
            children: [{ type: 'text', value: label }],
          },
        ],
      };
      const replacement = jsx.type === 'mdxJsxFlowElement' ? { type: 'paragraph', children: [citation] } : citation;
      parent.children.splice(index, 1, replacement as unknown as RootContent);
      return [SKIP, index + 1];
    });

    if (order.length === 0) return;
    visit(tree, 'heading', (heading) => {
      if ((heading.data?.hProperties as { id?: string } | undefined)?.id === 'references') {
        throw new Error(`${path}: the "references" section is generated from <Cite> tags; remove the hand-written heading`);
      }
    });
    tree.children.push(
      {
        type: 'heading',
        depth: 2,
        data: { hProperties: { id: 'references' } },
        children: [{ type: 'text', value: HEADING_TEXT[lang] }],
      },
      {
        type: 'list',
        ordered: true,
        spread: false,
        data: { hProperties: { className: ['reference-list'] } },
        children: order.map((key) => {
          const f = formatReference(references.get(key)!);
          const parts: PhrasingContent[] = [{ type: 'text', value: `${f.authors} (${f.year}). ${f.title}.${f.venue ? ` ${f.venue}.` : ''} ` }];
          if (f.href) parts.push({ type: 'link', url: f.href, children: [{ type: 'text', value: f.linkText ?? f.href }] });
          return {
            type: 'listItem',
            spread: false,
            data: { hProperties: { id: `ref-${key}` } },
            children: [{ type: 'paragraph', children: parts }],
          };
        }),
      },
    );
  };
}
