/**
 * Checks the built site in `dist/` as a whole, after `npm run build`:
 *  1. links: every internal href/src resolves to a file, and every #fragment to an id on the target page;
 *  2. HTML validation with html-validate (config in .htmlvalidate.json), zero errors;
 *  3. language parity: every page exists in zh and en, with the same h2/h3 section ids in the same order;
 *  4. page weight: JavaScript up front within its budget (prose page, calculator page);
 *  5. per page, the static halves of what tests/e2e/site-sweep.spec.ts checks in the browser: every h2/h3 of the
 *     prose has an id and one copy-link to it; the language menu offers the counterpart page, which exists in the
 *     other language; every glossary and citation preview a link names is on the page with the text of its source
 *     file; the Content-Security-Policy <meta> is there once and strict.
 * With BASE_PATH (and DIST_DIR) it checks a build served under a sub-path instead: every internal link, and the
 * canonical and Open Graph image URLs, must stay under the base and resolve (2–4 do not depend on the base).
 * Prints every problem and exits non-zero if there is one.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate, FileSystemConfigLoader } from 'html-validate';
import { Window } from 'happy-dom';
import { parse as parseYaml } from 'yaml';
import { htmlFiles, idsOf, sectionIds, decodeEntities, readHtml } from './dist-pages.mjs';
import { pageWeights, BUDGETS, OVER_BUDGET } from './page-weight.mjs';

const DIST = process.env.DIST_DIR ?? 'dist';
/** Where the build is served: '/' or '/sub/' (as astro.config.mjs normalizes BASE_PATH). */
const BASE = `/${(process.env.BASE_PATH ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
const UNDER_BASE = BASE !== '/';
const SITE = new URL(process.env.SITE_URL ?? 'https://llm-notes.github.io');
const problems = [];
const files = htmlFiles(DIST);
const html = new Map(files.map((f) => [f, readHtml(DIST, f)]));
const ids = new Map();
const idsFor = (file) => {
  if (!ids.has(file)) ids.set(file, idsOf(html.get(file)));
  return ids.get(file);
};

/** The dist file a site path serves, or null (also for a path outside the base). */
function fileFor(pathname) {
  if (!pathname.startsWith(BASE)) return null;
  const clean = decodeURIComponent(pathname.slice(BASE.length));
  if (clean === '' || clean.endsWith('/')) {
    const index = `${clean}index.html`;
    return existsSync(join(DIST, index)) ? index : null;
  }
  const full = join(DIST, clean);
  if (existsSync(full) && statSync(full).isFile()) return clean;
  if (existsSync(join(full, 'index.html'))) return `${clean}/index.html`;
  return null;
}

// 1. Links.
let linkCount = 0;
const isNotFoundPage = (f) => /(^|\/)404(\.html|\/index\.html)$/.test(f);
for (const file of files) {
  // Error pages carry a canonical link to a /404/ URL that by design serves nothing.
  if (isNotFoundPage(file)) continue;
  const pageUrl = new URL(BASE + file.replace(/index\.html$/, ''), 'http://site');
  for (const [, attr, raw] of html.get(file).matchAll(/\s(href|src)="([^"]*)"/g)) {
    const value = decodeEntities(raw);
    if (value === '' || /^(mailto:|data:|javascript:|tel:)/.test(value)) continue;
    let url;
    if (/^https?:\/\//.test(value)) {
      const abs = new URL(value);
      if (abs.host !== SITE.host) continue; // off-site links are not fetched (no network here)
      url = new URL(abs.pathname + abs.search + abs.hash, 'http://site');
    } else {
      url = new URL(value, pageUrl);
    }
    linkCount++;
    const target = url.pathname === pageUrl.pathname && value.startsWith('#') ? file : fileFor(url.pathname);
    if (!target) {
      problems.push(
        `${file}: ${attr}="${value}" points to nothing in ${DIST}/${UNDER_BASE && !url.pathname.startsWith(BASE) ? ` (outside the base ${BASE})` : ''}`,
      );
      continue;
    }
    const fragment = decodeURIComponent(url.hash.slice(1));
    if (fragment && target.endsWith('.html') && !idsFor(target).has(fragment)) {
      problems.push(`${file}: ${attr}="${value}": ${target} has no id "${fragment}"`);
    }
  }
}

// Under a sub-path, the URLs a page gives to other sites must carry the base too.
if (UNDER_BASE) {
  for (const file of files) {
    if (isNotFoundPage(file) || file.startsWith('pagefind/')) continue;
    const page = html.get(file);
    for (const [, rel, raw] of page.matchAll(/<meta\s+(?:property|name)="(og:image|twitter:image)"\s+content="([^"]+)"/g)) {
      const url = new URL(decodeEntities(raw));
      if (!fileFor(url.pathname)) problems.push(`${file}: ${rel} ${url.href} is not a file of this build under ${BASE}`);
    }
    const canonical = /<link\s+rel="canonical"\s+href="([^"]+)"/.exec(page)?.[1];
    if (canonical && !new URL(decodeEntities(canonical)).pathname.startsWith(BASE)) problems.push(`${file}: canonical ${canonical} is outside ${BASE}`);
  }
  for (const p of problems) console.error(`✗ ${p}`);
  console.log(
    `check-dist (${DIST}, base ${BASE}): ${files.length} pages, ${linkCount} internal links — ${problems.length === 0 ? 'all good' : `${problems.length} problems`}`,
  );
  process.exit(problems.length === 0 ? 0 : 1);
}

// 2. HTML validation.
const validator = new HtmlValidate(new FileSystemConfigLoader());
let htmlErrors = 0;
for (const file of files) {
  const report = await validator.validateString(html.get(file), join(DIST, file));
  for (const result of report.results) {
    for (const m of result.messages) {
      if (m.severity !== 2) continue;
      htmlErrors++;
      problems.push(`${file}:${m.line}:${m.column}: ${m.ruleId}: ${m.message}`);
    }
  }
}

// 3. zh/en parity (404 pages are not content).
const pages = files.filter((f) => !isNotFoundPage(f) && !f.startsWith('pagefind/'));
for (const file of pages) {
  const other = file.startsWith('en/') ? file.slice(3) : `en/${file}`;
  if (!html.has(other)) {
    problems.push(`${file} has no counterpart ${other} in the other language`);
    continue;
  }
  if (file.startsWith('en/')) continue;
  const zh = sectionIds(html.get(file));
  const en = sectionIds(html.get(other));
  if (zh.join(' ') !== en.join(' ')) {
    problems.push(`${file} and ${other} differ in section ids:\n    zh: ${zh.join(', ')}\n    en: ${en.join(', ')}`);
  }
}

// 4. Page weight: sizes are deterministic, so the budgets are asserted here rather than in a timing bench.
const weights = pageWeights(DIST);
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
let heldOver = 0;
for (const w of weights) {
  const budget = BUDGETS[w.kind];
  const ceiling = OVER_BUDGET[w.page];
  if (ceiling === undefined) {
    if (w.upFront > budget) problems.push(`${w.page}: ${kb(w.upFront)} of JavaScript up front (gzip), over the ${w.kind} page budget of ${kb(budget)}`);
  } else if (w.upFront <= budget) {
    problems.push(`${w.page} now fits its ${kb(budget)} budget (${kb(w.upFront)}): remove it from OVER_BUDGET in scripts/page-weight.mjs`);
  } else if (w.upFront > ceiling) {
    problems.push(`${w.page}: ${kb(w.upFront)} up front, over both its budget (${kb(budget)}) and the ceiling it is held at (${kb(ceiling)})`);
  } else heldOver++;
}
for (const page of Object.keys(OVER_BUDGET))
  if (!weights.some((w) => w.page === page)) problems.push(`OVER_BUDGET names ${page}, which the build does not have`);
const heaviest = (kind) => Math.max(0, ...weights.filter((w) => w.kind === kind).map((w) => w.upFront)) / 1000;

// 5. Per page, the static halves of the browser sweep (tests/e2e/site-sweep.spec.ts does the rest in Chromium).
const window = new Window();
const yamlFile = (path) => parseYaml(readFileSync(path, 'utf8'));
const squash = (text) => text.replace(/\s+/g, ' ');
const sweepPages = pages.filter((f) => f.endsWith('index.html'));
const previewKinds = new Set();
let headingCount = 0;
let previewCount = 0;
for (const file of sweepPages) {
  const doc = new window.DOMParser().parseFromString(html.get(file), 'text/html');
  const lang = file.startsWith('en/') ? 'en' : 'zh';
  // Headings inside a calculator are widget labels, not sections (was pages.spec.ts "every h2/h3 has an id and a copy-link").
  // A worked problem's title links to the problem itself (its id is on <llm-problem>, its link is the title's own).
  const headings = [...doc.querySelectorAll('.sl-markdown-content h2, .sl-markdown-content h3')].filter((h) => !h.closest('.calc, llm-problem'));
  for (const problem of doc.querySelectorAll('llm-problem')) {
    const id = problem.getAttribute('id') ?? '';
    if (!/^[A-Za-z0-9_-]+$/.test(id) || !problem.querySelector(`.problem-title a[href="#${id}"]`))
      problems.push(`${file}: a worked problem (${JSON.stringify(id)}) has no usable id or no title linking to it`);
  }
  for (const heading of headings) {
    headingCount++;
    const id = heading.getAttribute('id') ?? '';
    if (!/^[A-Za-z0-9_-]+$/.test(id)) problems.push(`${file}: heading "${squash(heading.textContent)}" has no usable id (${JSON.stringify(id)})`);
    const links = doc.querySelectorAll(`.sl-markdown-content a.sl-anchor-link[href="#${id}"]`).length;
    if (links !== 1) problems.push(`${file}: heading #${id} has ${links} copy-links, not 1`);
  }
  // The language menu leads to the same page in the other language (was pages.spec.ts "the language switcher …").
  const path = `/${file.replace(/index\.html$/, '')}`;
  const other = path.startsWith('/en/') ? path.slice(3) : `/en${path}`;
  const option = doc.querySelector(`starlight-lang-select select option[value="${other}"]`);
  const label = other.startsWith('/en/') ? 'English' : '简体中文';
  if (option?.textContent.trim() !== label) problems.push(`${file}: the language menu has no "${label}" option for ${other}`);
  const otherFile = `${other.slice(1)}index.html`;
  const otherLang = html.has(otherFile) ? /<html[^>]*\slang="([^"]+)"/.exec(html.get(otherFile))?.[1] : undefined;
  if (otherLang !== (other.startsWith('/en/') ? 'en' : 'zh-CN')) problems.push(`${file}: counterpart ${other} has lang ${otherLang ?? '(no page)'}`);
  // Previews: each one a link names is on the page and shows its source's text (was previews.spec.ts "focus shows …").
  const ids = new Set([...doc.querySelectorAll('a[aria-describedby^="preview-"]')].map((a) => a.getAttribute('aria-describedby')));
  for (const id of ids) {
    previewCount++;
    const term = /^preview-term-(.+)$/.exec(id)?.[1];
    const ref = /^preview-ref-(.+?)(-\d+)?$/.exec(id)?.[1];
    previewKinds.add(term ? 'term' : 'ref');
    let texts;
    if (term) {
      const t = yamlFile(`src/content/glossary/${term}.yaml`);
      texts = [t[lang], t.definition[lang]];
    } else {
      const r = yamlFile(`src/content/references/${ref}.yaml`);
      texts = [r.title, r.authors[0], `(${r.year})`, r.arxiv ? `arXiv:${r.arxiv}` : r.url];
    }
    const preview = doc.getElementById(id);
    if (!preview) {
      problems.push(`${file}: a link names #${id}, which is not on the page`);
      continue;
    }
    const shown = squash(preview.textContent);
    for (const text of texts) if (!shown.includes(squash(String(text)))) problems.push(`${file}: #${id} does not show "${text}"`);
  }
  // The Content-Security-Policy <meta> (was csp.spec.ts "carries a strict policy"); the browser sweep checks nothing trips it.
  const metas = doc.querySelectorAll('meta[http-equiv="content-security-policy"]');
  if (metas.length !== 1) {
    problems.push(`${file}: ${metas.length} Content-Security-Policy <meta> elements, not 1`);
  } else {
    const policy = new Map(
      metas[0]
        .getAttribute('content')
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map(([name, ...sources]) => [name, sources]),
    );
    const scripts = policy.get('script-src') ?? [];
    if (scripts.includes("'unsafe-inline'") || scripts.includes("'unsafe-eval'")) problems.push(`${file}: script-src allows unsafe-inline or unsafe-eval`);
    if (!scripts.some((s) => s.startsWith("'sha256-"))) problems.push(`${file}: script-src has no sha256 hash`);
    for (const [name, want] of [
      ['object-src', "'none'"],
      ['base-uri', "'self'"],
      ['default-src', "'self'"],
    ])
      if ((policy.get(name) ?? []).join(' ') !== want) problems.push(`${file}: ${name} is "${(policy.get(name) ?? []).join(' ')}", not ${want}`);
    // No other origin anywhere: every source is a keyword, a hash or data: (for inline images in CSS).
    for (const [name, sources] of policy)
      for (const source of sources) if (!/^('[^']+'|data:)$/.test(source)) problems.push(`${file}: ${name} allows ${source}`);
  }
}
await window.happyDOM.close();
for (const kind of ['term', 'ref']) if (!previewKinds.has(kind)) problems.push(`no page has a ${kind} preview`);

for (const p of problems) console.error(`✗ ${p}`);
console.log(
  `check-dist: ${files.length} pages, ${linkCount} internal links, ${htmlErrors} HTML errors, ` +
    `${pages.length} pages checked for zh/en parity, JavaScript up front at most ${heaviest('prose').toFixed(1)} KB (prose) ` +
    `and ${heaviest('calculator').toFixed(1)} KB (calculator), ${heldOver} page(s) held over budget, ` +
    `${sweepPages.length} pages swept (${headingCount} headings, ${previewCount} previews, CSP meta) — ${problems.length === 0 ? 'all good' : `${problems.length} problems`}`,
);
process.exit(problems.length === 0 ? 0 : 1);
