/**
 * Checks the static figures in `dist/`, after `npm run build` (issue 16):
 *  - every topic page, in both languages, has at least one figure (`<figure id="fig-…">`, from Figure.astro);
 *  - every such figure has a non-empty <figcaption> and a text alternative (an <svg role="img"> named by a
 *    non-empty <title> via aria-labelledby, or by aria-label; or an <img> with non-empty alt);
 *  - no figure ships JavaScript: no <script>, no <astro-island>, no on* handler attribute.
 * Topic pages are the MDX/MD files under src/content/docs except the home page, glossary, references, problems, 404 and
 * calculators/. Prints every problem and exits non-zero if there is one.
 */
import { existsSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join, relative, sep } from 'node:path';
import { decodeEntities, readHtml } from './dist-pages.mjs';

const DIST = process.env.DIST_DIR ?? 'dist';
const DOCS = 'src/content/docs';
const NOT_TOPICS = new Set(['index', 'glossary', 'references', 'problems', '404']);

/** Topic page slugs relative to the docs root, e.g. 'architectures' and 'en/architectures'. */
export function topicSlugs(docs = DOCS) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.mdx?$/.test(entry.name))
        out.push(
          relative(docs, full)
            .split(sep)
            .join('/')
            .replace(/\.mdx?$/, ''),
        );
    }
  };
  walk(docs);
  return out
    .filter((slug) => {
      const local = slug.replace(/^en\//, '');
      return !NOT_TOPICS.has(local) && !local.startsWith('calculators/');
    })
    .sort();
}

const stripTags = (html) =>
  decodeEntities(html.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();

/** The problems with the figures of one page's HTML (empty when all is well), and how many figures it has. */
export function figureProblems(html) {
  const problems = [];
  const figures = [...html.matchAll(/<figure\b([^>]*\sid="(fig-[^"]*)"[^>]*)>([\s\S]*?)<\/figure>/g)];
  for (const [, , id, body] of figures) {
    const caption = body.match(/<figcaption\b[^>]*>([\s\S]*?)<\/figcaption>/);
    if (!caption || stripTags(caption[1]) === '') problems.push(`${id}: no caption text`);
    if (!hasTextAlternative(body)) problems.push(`${id}: no text alternative`);
    if (/<script\b/i.test(body)) problems.push(`${id}: contains a <script>`);
    if (/<astro-island\b/i.test(body)) problems.push(`${id}: contains an astro-island`);
    if (/\son[a-z]+\s*=/i.test(body)) problems.push(`${id}: has an inline event handler`);
  }
  return { count: figures.length, problems };
}

function hasTextAlternative(body) {
  for (const [svgTag] of body.matchAll(/<svg\b[^>]*>/g)) {
    if (!/\srole="img"/.test(svgTag)) continue;
    const label = svgTag.match(/\saria-label="([^"]*)"/);
    if (label && decodeEntities(label[1]).trim()) return true;
    const labelledBy = svgTag.match(/\saria-labelledby="([^"]*)"/);
    if (labelledBy) {
      const names = labelledBy[1].split(/\s+/).map((ref) => {
        const el = body.match(new RegExp(`<(\\w+)\\b[^>]*\\sid="${ref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>([\\s\\S]*?)</\\1>`));
        return el ? stripTags(el[2]) : '';
      });
      if (names.join('').trim()) return true;
    }
  }
  for (const [, alt] of body.matchAll(/<img\b[^>]*\salt="([^"]*)"/g)) {
    if (decodeEntities(alt).trim()) return true;
  }
  return false;
}

function main() {
  const problems = [];
  const slugs = topicSlugs();
  let figureCount = 0;
  for (const slug of slugs) {
    const file = `${slug}/index.html`;
    if (!existsSync(join(DIST, file))) {
      problems.push(`${file}: missing from dist/ (run npm run build)`);
      continue;
    }
    const { count, problems: found } = figureProblems(readHtml(DIST, file));
    figureCount += count;
    if (count === 0) problems.push(`${file}: a topic page without a figure`);
    for (const p of found) problems.push(`${file}: ${p}`);
  }
  for (const p of problems) console.error(`✗ ${p}`);
  console.log(
    `check-figures: ${slugs.length} topic pages, ${figureCount} figures — ` + `${problems.length === 0 ? 'all good' : `${problems.length} problems`}`,
  );
  return problems.length;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exit(main() === 0 ? 0 : 1);
