import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const META = /<meta http-equiv="content-security-policy" content="([^"]*)"\s*\/?>/;
const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g;

/**
 * Completes the policy `security.csp` writes into a page. Astro hashes the scripts it bundles, but not the
 * `is:inline` ones, and Starlight ships five (theme, search shortcut, sidebar state), plus our head script:
 * each is added to script-src by the hash of its exact text, so a changed or injected script still does not run.
 * The <meta> is also moved up to follow <meta charset>: a policy in <meta> only covers the elements after it,
 * and Astro writes it after Starlight's first scripts.
 */
export function addInlineScriptHashes(html: string): string {
  const meta = META.exec(html);
  if (!meta) return html;
  const hashes = new Set<string>();
  for (const [, body] of html.matchAll(INLINE_SCRIPT)) {
    if (body!.trim()) hashes.add(`'sha256-${createHash('sha256').update(body!).digest('base64')}'`);
  }
  const directives = meta[1]!
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean);
  const policy = directives
    .map((d) => {
      if (!d.startsWith('script-src ')) return d;
      const sources = new Set(d.split(/\s+/).slice(1));
      for (const h of hashes) sources.add(h);
      return ['script-src', ...sources].join(' ');
    })
    .join('; ');
  const tag = `<meta http-equiv="content-security-policy" content="${policy}">`;
  return html.replace(meta[0], '').replace(/<meta charset="utf-8"\s*\/?>/i, (charset) => `${charset}${tag}`);
}

/**
 * Registers the middleware (src/plugins/csp-middleware.ts) that applies addInlineScriptHashes to each page as it
 * is rendered. It used to be a pass over dist/ after the build: reading and rewriting every HTML file cost about
 * 2 s at 300 synthetic pages, more than the hashing itself (0.2 s).
 */
export function cspInlineHashes(): AstroIntegration {
  return {
    name: 'llm-notes:csp-inline-hashes',
    hooks: {
      'astro:config:setup': ({ addMiddleware }) => {
        // 'post': after Starlight's route data, around the rendered page.
        addMiddleware({ entrypoint: fileURLToPath(new URL('./csp-middleware.ts', import.meta.url)), order: 'post' });
      },
    },
  };
}
