import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { visit, SKIP } from 'unist-util-visit';
import { loadGlossary, loadReferences, type GlossaryFields } from './content-files';
import { formatReference, type ReferenceFields } from './format-reference';

type Lang = 'zh' | 'en';

/** A glossary link as authors write it, in either language, before or after the base is put in front. */
const GLOSSARY_LINK = /(?:^|\/)glossary\/#term-([a-z0-9-]+)$/;
/** A citation link made by remark-citations. */
const CITATION_LINK = /^#ref-(.+)$/;

const SECTION_CITED: Record<Lang, string> = { zh: '引用位置：', en: 'Section cited: ' };

const text = (value: string): ElementContent => ({ type: 'text', value });
const el = (tagName: string, properties: Element['properties'], children: ElementContent[]): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});

/** The preview of a glossary term: its name in the page's language, the other language's name, the definition. */
export function glossaryPreview(term: GlossaryFields, lang: Lang): ElementContent[] {
  const other: Lang = lang === 'en' ? 'zh' : 'en';
  return [
    el('p', { className: ['preview-head'] }, [
      el('strong', {}, [text(term[lang])]),
      text(' '),
      el('span', { lang: other === 'zh' ? 'zh-CN' : 'en', className: ['preview-alt'] }, [text(term[other])]),
    ]),
    el('p', {}, [text(term.definition[lang])]),
  ];
}

/**
 * The preview of a citation: the full reference, as the page's reference list gives it, and the section cited.
 * The arXiv id or URL is text, not a link: a preview holds nothing to focus, and the reference list links it.
 */
export function referencePreview(ref: ReferenceFields, lang: Lang, at: string | undefined): ElementContent[] {
  const f = formatReference(ref);
  const parts: ElementContent[] = [
    el('p', { className: ['preview-head'] }, [el('strong', {}, [text(f.title)])]),
    el('p', {}, [text(`${f.authors} (${f.year}).${f.venue ? ` ${f.venue}.` : ''}`)]),
  ];
  if (f.linkText) parts.push(el('p', { className: ['preview-source'] }, [text(f.linkText)]));
  if (at) parts.push(el('p', {}, [text(`${SECTION_CITED[lang]}${at}`)]));
  return parts;
}

/**
 * Gives every glossary link (`/glossary/#term-…`) and citation (`<sup class="cite"><a href="#ref-…">`) a preview:
 * the term's definition or the full reference, emitted once per page at the end of the content as a closed
 * popover and named as the link's description (`aria-describedby`). src/scripts/previews.ts opens it on hover,
 * focus or a first tap; without JavaScript the links work as before and screen readers still read the text.
 *
 * Runs after remark-citations (which marks the section cited as `data-cite-at`) and before rehypeBaseLinks.
 * A link to a term or key with no file gets no preview: check-dist reports the broken link itself.
 */
export function rehypePreviews() {
  return (tree: Root, file: VFile) => {
    const path = file.path ?? '';
    if (!/[\\/]src[\\/]content[\\/]docs[\\/]/.test(path)) return;
    const lang: Lang = /[\\/]src[\\/]content[\\/]docs[\\/]en[\\/]/.test(path) ? 'en' : 'zh';
    const previews = new Map<string, ElementContent[]>();
    // Sections cited of one reference, each its own preview: `[3, §2]` and `[3, §4]` describe different things.
    const sections = new Map<string, string[]>();

    visit(tree, 'element', (node, _index, parent) => {
      // KaTeX's markup (most of a page's elements) has no links: rehype-katex runs untrusted, so \href is text.
      if (node.tagName === 'span' && Array.isArray(node.properties.className) && node.properties.className.includes('katex')) return SKIP;
      if (node.tagName !== 'a' || typeof node.properties.href !== 'string') return;
      const href = node.properties.href;
      const at = node.properties.dataCiteAt;
      delete node.properties.dataCiteAt;

      const term = GLOSSARY_LINK.exec(href)?.[1];
      if (term !== undefined) {
        const entry = loadGlossary().get(term);
        if (!entry) return;
        const id = `preview-term-${term}`;
        if (!previews.has(id)) previews.set(id, glossaryPreview(entry, lang));
        node.properties.ariaDescribedBy = [id];
        return;
      }

      const key = CITATION_LINK.exec(href)?.[1];
      const isCitation = parent?.type === 'element' && parent.tagName === 'sup' && String(parent.properties.className ?? '').includes('cite');
      if (key === undefined || !isCitation) return;
      const ref = loadReferences().get(key);
      if (!ref) return;
      const section = typeof at === 'string' && at !== '' ? at : undefined;
      let id = `preview-ref-${key}`;
      if (section !== undefined) {
        const seen = sections.get(key) ?? [];
        if (!seen.includes(section)) seen.push(section);
        sections.set(key, seen);
        id = `${id}-${seen.indexOf(section) + 1}`;
      }
      if (!previews.has(id)) previews.set(id, referencePreview(ref, lang, section));
      node.properties.ariaDescribedBy = [id];
      // The preview says all the native tooltip said, and more; both at once would overlap.
      delete node.properties.title;
    });

    for (const [id, children] of previews) {
      // `not-content` keeps Starlight's prose spacing off the preview; Pagefind indexes the page, not its previews.
      tree.children.push(el('div', { id, className: ['preview', 'not-content'], popover: 'manual', role: 'tooltip', dataPagefindIgnore: '' }, children));
    }
  };
}
