import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { renderOgImage } from '../../og/render';
import { ogImageSlug } from '../../og/slug';

/** One social card per docs page, at /og/<page id>.png (the home pages are `index` and `en/index`). */
export const getStaticPaths = (async () => {
  const entries = await getCollection('docs', (entry) => !/(^|\/)404$/.test(entry.id));
  return entries.map((entry) => {
    const lang = entry.id === 'en' || entry.id.startsWith('en/') ? 'en' : 'zh-CN';
    return {
      params: { slug: ogImageSlug(entry.id) },
      props: {
        siteName: lang === 'en' ? 'LLM Notes · fact-checked study notes' : 'LLM 学习笔记（校订版）',
        title: entry.data.title,
        description: entry.data.description ?? '',
      },
    };
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) =>
  new Response(new Uint8Array(await renderOgImage(props as Parameters<typeof renderOgImage>[0])), {
    headers: { 'content-type': 'image/png' },
  });
