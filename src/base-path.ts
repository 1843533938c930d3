/**
 * The site may be served at a domain root (`/`) or under a sub-path such as GitHub project pages
 * (`/llm-notes/`). Authors and components write site paths as if at the root (`/glossary/#term-bpe`);
 * these put the configured base in front (astro.config.mjs reads it from BASE_PATH).
 */

/** `/x/` under `base` ('/' or '/sub/'); anything that is not a root-relative site path is returned as it is. */
export function joinBase(base: string, path: string): string {
  if (!path.startsWith('/') || path.startsWith('//')) return path;
  const prefix = base.endsWith('/') ? base.slice(0, -1) : base;
  if (prefix === '' || path === prefix || path.startsWith(`${prefix}/`)) return path;
  return `${prefix}${path}`;
}

/** A root-relative site path under this build's base (`import.meta.env.BASE_URL`). */
export function withBase(path: string): string {
  return joinBase(import.meta.env.BASE_URL ?? '/', path);
}
