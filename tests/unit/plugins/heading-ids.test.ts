import { test, expect } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { escapeHeadingIds } from '~/plugins/heading-id-syntax';
import { remarkHeadingIds } from '~/plugins/remark-heading-ids';

function headingIds(markdown: string, path = '/repo/src/content/docs/page.mdx') {
  const processor = unified().use(remarkParse).use(remarkHeadingIds);
  const tree = processor.runSync(processor.parse(escapeHeadingIds(markdown)), { path } as never) as unknown as {
    children: { type: string; data?: { hProperties?: { id?: string } }; children: { value: string }[] }[];
  };
  return tree.children.filter((n) => n.type === 'heading').map((n) => [n.children.map((c) => c.value).join(''), n.data?.hProperties?.id]);
}

test('escapes the id suffix of headings so MDX does not read it as JavaScript', () => {
  expect(escapeHeadingIds('## 键值缓存 {#kv-cache}')).toBe('## 键值缓存 \\{#kv-cache\\}');
  expect(escapeHeadingIds('text {#not-a-heading}')).toBe('text {#not-a-heading}');
});

test('leaves code fences alone', () => {
  const source = '```md\n## In code {#x}\n```\n## Real {#real}';
  expect(escapeHeadingIds(source)).toBe('```md\n## In code {#x}\n```\n## Real \\{#real\\}');
});

test('sets the explicit id and removes it from the heading text', () => {
  expect(headingIds('## 键值缓存 {#kv-cache}\n\n### Sub {#sub}')).toEqual([
    ['键值缓存', 'kv-cache'],
    ['Sub', 'sub'],
  ]);
});

test('fails on a docs h2 without an explicit id, naming the heading', () => {
  expect(() => headingIds('## 没有编号')).toThrow(/"没有编号" needs an explicit ASCII id/);
});

test('fails on an id used twice on a page', () => {
  expect(() => headingIds('## A {#same}\n\n## B {#same}')).toThrow(/"same" is used twice/);
});

test('pages outside the docs collection may omit ids', () => {
  expect(headingIds('## Free', '/repo/README.md')).toEqual([['Free', undefined]]);
});
