import type { Plugin } from 'vite';
import { createAstroRenderer } from '@astrojs/starlight/expressive-code';

/*
 * Expressive Code's browser script (the copy button, and tabindex on code blocks that scroll sideways) as a
 * chunk the page loads when it is idle or a reader reaches a code block (overrides/Head.astro), instead of a
 * module script every page with a code block runs at start-up (1.2 KB gzip: more than a prose page's 5 KB
 * budget allows next to Starlight's own scripts). The code is Expressive Code's, unchanged.
 */
const ID = 'virtual:expressive-code-scripts';
let scripts = '';

type RendererArgs = Parameters<typeof createAstroRenderer>[0];

/** Starlight's `expressiveCode.customCreateAstroRenderer`: the default renderer, minus its script tags. */
export async function rendererWithoutScripts(args: RendererArgs) {
  const renderer = await createAstroRenderer(args);
  scripts = renderer.hashedScripts.map(([, code]) => code).join('\n');
  // The same array lists the script tags to add before the first code block and the files to emit.
  renderer.hashedScripts.length = 0;
  return renderer;
}

/** Serves the scripts as `virtual:expressive-code-scripts`, which Head.astro imports lazily. */
export function lazyCodeBlockScripts(): Plugin {
  return {
    name: 'llm-notes:lazy-code-block-scripts',
    resolveId: (id) => (id === ID ? `\0${ID}` : undefined),
    load(id) {
      if (id !== `\0${ID}`) return;
      if (!scripts) this.error('Expressive Code produced no browser script: is rendererWithoutScripts set in astro.config.mjs?');
      return scripts;
    },
  };
}
