import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { visit, SKIP } from 'unist-util-visit';
import { formatReference, shortReference } from './format-reference.mjs';

const REFERENCES_DIR = join(process.cwd(), 'src/content/references');

/** Reads every reference file; the content collection's schema validates the same files at build time. */
function loadReferences() {
  const references = new Map();
  for (const name of readdirSync(REFERENCES_DIR)) {
    if (!name.endsWith('.yaml')) continue;
    references.set(name.replace(/\.yaml$/, ''), parse(readFileSync(join(REFERENCES_DIR, name), 'utf8')));
  }
  return references;
}

const HEADING_TEXT = { zh: '参考文献', en: 'References' };

/**
 * Turns `<Cite id="key" />` (optionally `at="§3.1"`) into a numbered citation, numbered in order of first
 * appearance, and appends the page's reference list under a "References" heading with the id `references`.
 *
 * This runs at compile time rather than as an Astro component so that numbering follows document order
 * exactly, an unknown key fails the build with the file named, and pages need no component imports.
 */
export function remarkCitations() {
  return (tree, file) => {
    const path = file.path ?? '';
    if (!/[\\/]src[\\/]content[\\/]docs[\\/]/.test(path)) return;
    const lang = /[\\/]src[\\/]content[\\/]docs[\\/]en[\\/]/.test(path) ? 'en' : 'zh';
    const references = loadReferences();
    const order = [];

    visit(tree, (node, index, parent) => {
      if ((node.type !== 'mdxJsxTextElement' && node.type !== 'mdxJsxFlowElement') || node.name !== 'Cite') return;
      const attr = (name) => node.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === name)?.value;
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
            children: [{ type: 'text', value: label }],
          },
        ],
      };
      const replacement = node.type === 'mdxJsxFlowElement' ? { type: 'paragraph', children: [citation] } : citation;
      parent.children.splice(index, 1, replacement);
      return [SKIP, index + 1];
    });

    if (order.length === 0) return;
    visit(tree, 'heading', (heading) => {
      if (heading.data?.hProperties?.id === 'references') {
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
          const f = formatReference(references.get(key));
          const parts = [{ type: 'text', value: `${f.authors} (${f.year}). ${f.title}.${f.venue ? ` ${f.venue}.` : ''} ` }];
          if (f.href) parts.push({ type: 'link', url: f.href, children: [{ type: 'text', value: f.linkText }] });
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
