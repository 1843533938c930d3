import type { AstroIntegration } from 'astro';

/**
 * Lets authors give a heading an explicit id with the `## Title {#ascii-id}` syntax (Pandoc, kramdown and
 * Docusaurus use the same). MDX would parse `{#ascii-id}` as a JavaScript expression and fail, so this Vite
 * plugin escapes the braces before the MDX compiler sees the file; `remark-heading-ids.mjs` then turns the
 * escaped text into the heading's id. Code fences are left alone.
 *
 * @example
 * escapeHeadingIds('## 键值缓存 {#kv-cache}') // => '## 键值缓存 \\{#kv-cache\\}'
 */
export function escapeHeadingIds(source: string): string {
  let fence: string | null = null;
  return source
    .split('\n')
    .map((line: string) => {
      const fenceMatch = /^\s*(```+|~~~+)/.exec(line);
      if (fenceMatch) {
        const marker = fenceMatch[1]!;
        if (fence === null) fence = marker;
        else if (marker.startsWith(fence)) fence = null;
        return line;
      }
      if (fence !== null) return line;
      return line.replace(/^(#{1,6}\s.*?)\s*\{#([A-Za-z0-9_-]+)\}\s*$/, '$1 \\{#$2\\}');
    })
    .join('\n');
}

/** Astro integration that registers the escaping as a Vite `pre` plugin, ahead of MDX's own. */
export function headingIdSyntax(): AstroIntegration {
  return {
    name: 'llm-notes:heading-id-syntax',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'llm-notes:heading-id-syntax',
                enforce: 'pre' as const,
                transform(code: string, id: string) {
                  if (!/\.mdx($|\?)/.test(id)) return null;
                  const escaped = escapeHeadingIds(code);
                  return escaped === code ? null : { code: escaped, map: null };
                },
              },
            ],
          },
        });
      },
    },
  };
}
