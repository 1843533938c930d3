import { expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { remarkCitations } from '~/plugins/remark-citations';
import { rehypePreviews } from '~/plugins/rehype-previews';
import { rehypeBaseLinks } from '~/plugins/rehype-base-links';

const docs = `${process.cwd()}/src/content/docs`;

/** Renders MDX the way the site does (citations, then previews, then the base), as an HTML string. */
function render(mdx: string, path = `${docs}/en/page.mdx`, base = '/'): string {
  const processor = unified()
    .use(remarkParse)
    .use(remarkMdx)
    .use(remarkCitations)
    .use(remarkRehype)
    .use(rehypePreviews)
    .use(rehypeBaseLinks, { base })
    .use(rehypeStringify);
  return String(processor.processSync({ value: mdx, path }));
}

const previews = (html: string) => [...html.matchAll(/<div id="(preview-[^"]+)"[^>]*>(.*?)<\/div>/g)].map(([, id, body]) => ({ id, body: body! }));
const plain = (html: string) => html.replace(/<[^>]+>/g, '');

// The real files the previews are made from: the test checks the text comes from them, not from the test.
const kvCache = parse(readFileSync('src/content/glossary/kv-cache.yaml', 'utf8'));
const vaswani = parse(readFileSync('src/content/references/vaswani2017attention.yaml', 'utf8'));

test("a glossary link is described by a preview holding the term's definition in the page language", () => {
  const en = render('See the [KV cache](/en/glossary/#term-kv-cache).');
  expect(en).toContain('<a href="/en/glossary/#term-kv-cache" aria-describedby="preview-term-kv-cache">');
  const [preview] = previews(en);
  expect(preview!.id).toBe('preview-term-kv-cache');
  expect(plain(preview!.body)).toContain(kvCache.definition.en);
  expect(plain(preview!.body)).toContain(kvCache.en);

  const zh = render('见[键值缓存](/glossary/#term-kv-cache)。', `${docs}/page.mdx`);
  expect(plain(previews(zh)[0]!.body)).toContain(kvCache.definition.zh);
  expect(plain(previews(zh)[0]!.body)).not.toContain(kvCache.definition.en);
});

test('the preview is a closed manual popover with the tooltip role, outside search and prose styles', () => {
  const html = render('[KV cache](/en/glossary/#term-kv-cache)');
  expect(html).toMatch(/<div id="preview-term-kv-cache" class="preview not-content" popover="manual" role="tooltip" data-pagefind-ignore="">/);
});

test('a term or reference linked many times gets one preview per page', () => {
  const html = render(
    '[a](/en/glossary/#term-kv-cache) [b](/en/glossary/#term-kv-cache) X<Cite id="vaswani2017attention" /> Y<Cite id="vaswani2017attention" />',
  );
  expect(previews(html).map((p) => p.id)).toEqual(['preview-term-kv-cache', 'preview-ref-vaswani2017attention']);
  expect(html.match(/aria-describedby="preview-term-kv-cache"/g)).toHaveLength(2);
  expect(html.match(/aria-describedby="preview-ref-vaswani2017attention"/g)).toHaveLength(2);
});

test('a citation preview gives the full reference and the section cited, one preview per section', () => {
  const html = render(
    'A<Cite id="vaswani2017attention" at="§3.2" /> B<Cite id="vaswani2017attention" at="§3.4" /> C<Cite id="vaswani2017attention" at="§3.2" />',
  );
  const found = previews(html);
  expect(found.map((p) => p.id)).toEqual(['preview-ref-vaswani2017attention-1', 'preview-ref-vaswani2017attention-2']);
  const first = plain(found[0]!.body);
  expect(first).toContain(vaswani.title);
  expect(first).toContain(`${vaswani.authors[0]}`);
  expect(first).toContain(`(${vaswani.year})`);
  expect(first).toContain(vaswani.venue);
  expect(first).toContain(`arXiv:${vaswani.arxiv}`);
  expect(first).toContain('Section cited: §3.2');
  expect(plain(found[1]!.body)).toContain('Section cited: §3.4');
  // The third citation reuses the first section's preview; the attribute carrying the section is gone.
  expect([...html.matchAll(/aria-describedby="([^"]+)"/g)].map((m) => m[1])).toEqual([
    'preview-ref-vaswani2017attention-1',
    'preview-ref-vaswani2017attention-2',
    'preview-ref-vaswani2017attention-1',
  ]);
  expect(html).not.toContain('data-cite-at');
  // The preview replaces the native tooltip, which would show on top of it.
  expect(html).not.toMatch(/<sup class="cite"><a [^>]*title=/);
});

test('a Chinese page labels the section cited in Chinese', () => {
  const html = render('甲<Cite id="vaswani2017attention" at="§3.2" />', `${docs}/page.mdx`);
  expect(plain(previews(html)[0]!.body)).toContain('引用位置：§3.2');
});

test('the preview holds no link or other focusable content', () => {
  const html = render('X<Cite id="vaswani2017attention" /> [KV](/en/glossary/#term-kv-cache)');
  for (const p of previews(html)) expect(p.body).not.toMatch(/<(a|button|input)\b/);
});

test('under a sub-path the link carries the base and keeps its preview', () => {
  const html = render('[KV cache](/en/glossary/#term-kv-cache)', `${docs}/en/page.mdx`, '/llm-notes/');
  expect(html).toContain('<a href="/llm-notes/en/glossary/#term-kv-cache" aria-describedby="preview-term-kv-cache">');
});

test('links that are not glossary terms or citations, and unknown terms, get no preview', () => {
  const html = render('[x](/en/attention-variants/#kv-cache) [y](#references) [z](/en/glossary/#term-no-such-term) [w](/en/glossary/)');
  expect(html).not.toContain('aria-describedby');
  expect(previews(html)).toEqual([]);
});

test('files outside the docs collection are left alone', () => {
  const html = render('[KV cache](/en/glossary/#term-kv-cache)', `${process.cwd()}/README.md`);
  expect(html).not.toContain('preview');
});
