/**
 * Lets authors give a heading an explicit id with the `## Title {#ascii-id}` syntax (Pandoc, kramdown and
 * Docusaurus use the same). MDX would parse `{#ascii-id}` as a JavaScript expression and fail, so this Vite
 * plugin escapes the braces before the MDX compiler sees the file; `remark-heading-ids.mjs` then turns the
 * escaped text into the heading's id. Code fences are left alone.
 *
 * @example
 * escapeHeadingIds('## 键值缓存 {#kv-cache}') // => '## 键值缓存 \\{#kv-cache\\}'
 */
export function escapeHeadingIds(source) {
  let fence = null;
  return source
    .split('\n')
    .map((line) => {
      const fenceMatch = /^\s*(```+|~~~+)/.exec(line);
      if (fenceMatch) {
        if (fence === null) fence = fenceMatch[1];
        else if (fenceMatch[1].startsWith(fence)) fence = null;
        return line;
      }
      if (fence !== null) return line;
      return line.replace(/^(#{1,6}\s.*?)\s*\{#([A-Za-z0-9_-]+)\}\s*$/, '$1 \\{#$2\\}');
    })
    .join('\n');
}

/** Astro integration that registers the escaping as a Vite `pre` plugin, ahead of MDX's own. */
export function headingIdSyntax() {
  return {
    name: 'llm-notes:heading-id-syntax',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'llm-notes:heading-id-syntax',
                enforce: 'pre',
                transform(code, id) {
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
