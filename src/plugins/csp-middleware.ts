import { defineMiddleware } from 'astro:middleware';
import { addInlineScriptHashes } from './csp-inline-hashes';

/**
 * Completes each built page's Content-Security-Policy as the page is rendered (see addInlineScriptHashes), so
 * the build writes every HTML file once instead of reading and rewriting all of them afterwards. Only pages
 * built for the site: `astro dev` is left as it was before this policy pass existed.
 */
export const onRequest = defineMiddleware(async (_context, next) => {
  const response = await next();
  if (import.meta.env.DEV || !response.headers.get('content-type')?.includes('text/html')) return response;
  const html = await response.text();
  return new Response(addInlineScriptHashes(html), { status: response.status, statusText: response.statusText, headers: response.headers });
});
