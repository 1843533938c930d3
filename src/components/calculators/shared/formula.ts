import katex from 'katex';

/**
 * Build-time half of a live formula. Renders TeX in which the reader's numbers are written as
 * `\slot{name}{default}`; each slot becomes a `<span data-slot="name">` that `FormulaView` refills in
 * the browser, so KaTeX (~75 KB gzip) never ships to the client.
 *
 * Call it from an `.astro` wrapper (server side) and pass the HTML to the island as a prop.
 *
 * @example
 * renderSlottedFormula(String.raw`2 \cdot \slot{layers}{32} \cdot \slot{kvHeads}{32}`)
 */
export function renderSlottedFormula(tex: string, displayMode = true): string {
  const expanded = tex.replace(/\\slot\{([A-Za-z0-9_-]+)\}\{/g, '\\htmlData{slot=$1}{');
  return katex.renderToString(expanded, {
    displayMode,
    output: 'html',
    throwOnError: true,
    strict: 'ignore',
    trust: (context) => context.command === '\\htmlData',
  });
}
