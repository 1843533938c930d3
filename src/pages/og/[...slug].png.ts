import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { relative } from 'node:path';
import { CardStore } from '../../og/cache';
import { cardForEntry, type OgCard } from '../../og/card';
import { ogImageSlug } from '../../og/slug';

/** Cards are cached across builds by what they draw (`src/og/cache.ts`). */
const store = new CardStore();

/** Renders every card's miss in parallel, then says once how many came from the cache and how long it took. */
async function buildAllCards(cards: OgCard[]) {
  const start = performance.now();
  await store.prepare(cards);
  const pruned = store.prune();
  const { hits, misses } = store.stats;
  const seconds = ((performance.now() - start) / 1000).toFixed(2);
  console.log(
    `[og] ${cards.length} social cards in ${seconds} s: ${hits} from cache, ${misses} rendered ` +
      `(${store.concurrency} at a time) · cache ${relative(process.cwd(), store.dir) || '.'}` +
      (pruned ? ` · ${pruned} unused for 30 days removed` : ''),
  );
}

/** One social card per docs page, at /og/<page id>.png (the home pages are `index` and `en/index`). */
export const getStaticPaths = (async () => {
  const entries = await getCollection('docs', (entry) => !/(^|\/)404$/.test(entry.id));
  const paths = entries.map((entry) => ({
    params: { slug: ogImageSlug(entry.id) },
    props: { card: cardForEntry(entry.id, entry.data) },
  }));
  // Astro asks for the cards one at a time; drawing them all here first renders the misses in parallel,
  // and the summary lands on its own line, before Astro lists the card files. `astro dev` draws on request.
  if (import.meta.env.PROD) await buildAllCards(paths.map((p) => p.props.card));
  return paths;
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) =>
  new Response(new Uint8Array(await store.png((props as { card: OgCard }).card)), {
    headers: { 'content-type': 'image/png' },
  });
