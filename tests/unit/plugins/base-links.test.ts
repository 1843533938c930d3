import { expect, test } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { joinBase } from '~/base-path';
import { rehypeBaseLinks } from '~/plugins/rehype-base-links';

test('joinBase prefixes root-relative site paths only, once', () => {
  expect(joinBase('/llm-notes/', '/glossary/#term-bpe')).toBe('/llm-notes/glossary/#term-bpe');
  expect(joinBase('/llm-notes/', '/llm-notes/en/')).toBe('/llm-notes/en/');
  expect(joinBase('/llm-notes/', '/')).toBe('/llm-notes/');
  expect(joinBase('/llm-notes/', 'https://arxiv.org/abs/1706.03762')).toBe('https://arxiv.org/abs/1706.03762');
  expect(joinBase('/llm-notes/', '//cdn.example/x')).toBe('//cdn.example/x');
  expect(joinBase('/llm-notes/', '#references')).toBe('#references');
  expect(joinBase('/', '/en/')).toBe('/en/');
});

const render = async (markdown: string, base: string) =>
  String(await unified().use(remarkParse).use(remarkRehype).use(rehypeBaseLinks, { base }).use(rehypeStringify).process(markdown));

test('Markdown links and images under a sub-path carry the base; fragments and other sites do not', async () => {
  const html = await render('[g](/glossary/#term-bpe) [s](#kv-cache) [a](https://arxiv.org/) ![i](/favicon.svg)', '/llm-notes/');
  expect(html).toContain('href="/llm-notes/glossary/#term-bpe"');
  expect(html).toContain('href="#kv-cache"');
  expect(html).toContain('href="https://arxiv.org/"');
  expect(html).toContain('src="/llm-notes/favicon.svg"');
});

test('at the domain root nothing changes', async () => {
  expect(await render('[g](/glossary/)', '/')).toContain('href="/glossary/"');
});
