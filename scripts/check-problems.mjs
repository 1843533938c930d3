/**
 * Checks the worked problems in `dist/`, after `npm run build` (issue 31):
 *  - every topic page (check-figures' list), in both languages, carries at least MIN_PROBLEMS problems
 *    (`<llm-problem id="problem-…">`, from Problem.astro);
 *  - the Chinese and English pages carry the same problem ids in the same order, so a link to one problem works in
 *    both languages;
 *  - every problem has its hint and its solution in a <details>, and its check button starts hidden (the page
 *    works without JavaScript);
 *  - the problems index, in both languages, links to every problem of every topic page.
 * Prints every problem found and exits non-zero if there is one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readHtml } from './dist-pages.mjs';
import { topicSlugs } from './check-figures.mjs';

const DIST = process.env.DIST_DIR ?? 'dist';
export const MIN_PROBLEMS = 3;

/** The problems of one page's HTML: each id with what is wrong with its markup (empty when all is well). */
export function pageProblems(html) {
  const out = [];
  for (const [, attrs, body] of html.matchAll(/<llm-problem\b([^>]*)>([\s\S]*?)<\/llm-problem>/g)) {
    const id = attrs.match(/\sid="(problem-[^"]+)"/)?.[1];
    const issues = [];
    if (!id) issues.push('no id');
    if (!/<details class="problem-hint">/.test(body)) issues.push('no hint in a <details>');
    if (!/<details class="problem-solution">[\s\S]*?<li>/.test(body)) issues.push('no worked solution in a <details>');
    if (!/<button type="button" class="problem-check" hidden>/.test(body)) issues.push('the check button is not hidden before the script runs');
    if (!/\sdata-answer="[^"]+"/.test(attrs)) issues.push('no data-answer');
    out.push({ id: id ?? '(none)', issues });
  }
  return out;
}

function main() {
  const problems = [];
  const slugs = topicSlugs().filter((s) => !s.startsWith('en/'));
  const ids = new Map();
  let total = 0;
  for (const slug of slugs) {
    const found = {};
    for (const lang of ['zh', 'en']) {
      const file = `${lang === 'en' ? 'en/' : ''}${slug}/index.html`;
      if (!existsSync(join(DIST, file))) {
        problems.push(`${file}: missing from dist/ (run npm run build)`);
        continue;
      }
      const list = pageProblems(readHtml(DIST, file));
      found[lang] = list.map((p) => p.id);
      if (list.length < MIN_PROBLEMS) problems.push(`${file}: ${list.length} problems, a topic page needs at least ${MIN_PROBLEMS}`);
      for (const p of list) for (const issue of p.issues) problems.push(`${file}: #${p.id}: ${issue}`);
    }
    if (found.zh && found.en && found.zh.join() !== found.en.join()) {
      problems.push(`${slug}: the problem ids differ between languages (zh: ${found.zh.join(', ')}; en: ${found.en.join(', ')})`);
    }
    if (found.zh) {
      ids.set(slug, found.zh);
      total += found.zh.length;
    }
  }
  for (const lang of ['zh', 'en']) {
    const file = `${lang === 'en' ? 'en/' : ''}problems/index.html`;
    if (!existsSync(join(DIST, file))) {
      problems.push(`${file}: the problems index is missing`);
      continue;
    }
    const html = readHtml(DIST, file);
    for (const [slug, list] of ids) {
      for (const id of list) {
        const href = `${lang === 'en' ? '/en' : ''}/${slug}/#${id}"`;
        if (!html.includes(href)) problems.push(`${file}: no link to ${slug} #${id}`);
      }
    }
  }
  for (const p of problems) console.error(`✗ ${p}`);
  console.log(
    `check-problems: ${slugs.length} topic pages × 2 languages, ${total} problems per language — ${problems.length === 0 ? 'all good' : `${problems.length} problems`}`,
  );
  return problems.length;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exit(main() === 0 ? 0 : 1);
