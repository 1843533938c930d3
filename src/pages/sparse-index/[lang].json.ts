/**
 * The sparse-retrieval index of the site's own pages, one static JSON per language
 * (`/sparse-index/zh.json`, `/sparse-index/en.json`). Built from whatever docs pages exist at build time,
 * split by their `## … {#id}` / `### … {#id}` sections, so every result links to a section that exists.
 * The encoder fetches it only when its text tab is used.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { withBase } from '~/base-path';
import { getCollection } from 'astro:content';
import { buildCorpusIndex, splitSections, type SectionText } from '~/lib/sparse/corpus-index';

export const getStaticPaths = (() => [{ params: { lang: 'zh' } }, { params: { lang: 'en' } }]) satisfies GetStaticPaths;

/** Page URL of a docs entry id ('en/tokens-embeddings' → '/en/tokens-embeddings/', 'index' → '/'). */
function pageUrl(id: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  const path = id === 'index' ? '' : id.endsWith('/index') ? id.slice(0, -'index'.length) : `${id}/`;
  return base + path.replace(/^\//, '');
}

export const GET: APIRoute = async ({ params }) => {
  const english = params.lang === 'en';
  const entries = (await getCollection('docs')).filter(
    (entry) => entry.id !== '404' && (entry.id === 'en' || entry.id.startsWith('en/')) === english && entry.body,
  );
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const sections: SectionText[] = entries.flatMap((entry) =>
    splitSections(entry.body ?? '', { url: withBase(pageUrl(entry.id === 'en' ? 'en/index' : entry.id)), title: entry.data.title }),
  );
  const index = buildCorpusIndex(sections, english ? 'en' : 'zh-CN');
  return new Response(JSON.stringify(index), { headers: { 'content-type': 'application/json' } });
};
