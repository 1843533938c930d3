import type { Root } from 'hast';
import { visit } from 'unist-util-visit';
import { joinBase } from '../base-path';

/** Attributes that hold a URL in the HTML and MDX elements authors write. */
const URL_ATTRIBUTES = new Set(['href', 'src']);

interface JsxAttribute {
  type: string;
  name?: string;
  value?: unknown;
}

/**
 * Authors write root-relative links (`[glossary](/glossary/#term-bpe)`, `<a href="/en/…">`); under a sub-path
 * base they would point outside the site. This prefixes them with the base at build time, in Markdown links and
 * images and in raw `<a>`/`<img>` written in MDX. With base '/' it changes nothing.
 */
export function rehypeBaseLinks(options: { base: string }) {
  const { base } = options;
  return (tree: Root) => {
    if (base === '/' || base === '') return;
    visit(tree, (node) => {
      if (node.type === 'element') {
        for (const name of URL_ATTRIBUTES) {
          const value = node.properties?.[name];
          if (typeof value === 'string') node.properties[name] = joinBase(base, value);
        }
        return;
      }
      const jsx = node as unknown as { type: string; attributes?: JsxAttribute[] };
      if (jsx.type !== 'mdxJsxFlowElement' && jsx.type !== 'mdxJsxTextElement') return;
      for (const attribute of jsx.attributes ?? []) {
        if (attribute.type === 'mdxJsxAttribute' && attribute.name && URL_ATTRIBUTES.has(attribute.name) && typeof attribute.value === 'string') {
          attribute.value = joinBase(base, attribute.value);
        }
      }
    });
  };
}
