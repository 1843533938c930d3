import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { cardForEntry, type OgCard } from '../../og/card';
import { renderOgImage } from '../../og/render';
import { ogImageSlug } from '../../og/slug';

/** One social card per docs page, at /og/<page id>.png (the home pages are `index` and `en/index`). */
export const getStaticPaths = (async () => {
  const entries = await getCollection('docs', (entry) => !/(^|\/)404$/.test(entry.id));
  return entries.map((entry) => ({
    params: { slug: ogImageSlug(entry.id) },
    props: { card: cardForEntry(entry.id, entry.data) },
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) =>
  new Response(new Uint8Array(await renderOgImage((props as { card: OgCard }).card)), {
    headers: { 'content-type': 'image/png' },
  });
