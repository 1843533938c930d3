import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every HTML file under `dir`, as paths relative to it with forward slashes. */
export function htmlFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html')) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Every id attribute of an HTML document. */
export function idsOf(html) {
  return new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => decodeEntities(m[1])));
}

/** The ids of the h2/h3 headings of the page's main content, in document order. */
export function sectionIds(html) {
  const main = html.split('<div class="sl-markdown-content">')[1] ?? '';
  return [...main.matchAll(/<h[23][^>]*\sid="([^"]+)"/g)].map((m) => m[1]);
}

/** Named entities the build writes, and numeric ones: MDX writes the & of a query string as &#x26;. */
export function decodeEntities(text) {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec) => String.fromCodePoint(Number(dec)));
}

export function readHtml(dist, file) {
  return readFileSync(join(dist, file), 'utf8');
}
