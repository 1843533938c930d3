import { writeFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/*
 * How the browser's JavaScript is cut into files (issue 19: a calculator page loads at most 27 KB gzip up front,
 * a prose page 5 KB; scripts/page-weight.mjs measures both).
 *
 * Left to itself Rolldown makes one chunk per set of entries sharing a module: a calculator page loaded 20-odd
 * files, ten of them under 1 KB, and every file is compressed on its own (gzip starts each one with an empty
 * dictionary). The groups below put what the calculators share at start-up into three files, split by which
 * calculators use them so that no page loads code it does not run, and what their cores (loaded after start-up)
 * share into a fourth. Each group takes only the modules it names
 * (includeDependenciesRecursively: false): a group's dependencies stay where their own group or Rolldown puts
 * them, which is what keeps, say, the fine-tune formulas out of the KV calculator's files.
 */

/**
 * Every calculator island at start-up: Preact, signals, URL state, number fields, copy-link, and `Deferred` (four
 * of the six calculators load their secondary panels through it; in calc-models it cost the attention-mask pages
 * that whole chunk for 0.4 KB of it).
 */
const CALC_RUNTIME =
  /node_modules[\\/](preact|@preact[\\/]signals(-core)?)[\\/]|calculators[\\/]shared[\\/](Deferred|use-linked-state|url-sync|url-state|early-input|CopyLinkButton|UrlNotices|fields[\\/]NumberField)\.|src[\\/]lib[\\/](input|format)[\\/]|src[\\/]i18n[\\/]fields\./;
/** The calculators built on a model (KV cache, fine-tune memory, serving planner). */
const CALC_MODELS =
  /calculators[\\/]shared[\\/](locale|CoreLoadFailed|lazy-core|DeferredGpuFitTable|last-good|fields[\\/](SelectField|Checkbox|ChoiceGroup))\.|src[\\/]lib[\\/]memory[\\/](preference|lora-targets)\.|src[\\/]lib[\\/]training[\\/]preference\.|src[\\/]lib[\\/]model[\\/](dtype|lora-targets)\./;
/** The model picker (KV cache, fine-tune memory). */
const CALC_PICKER = /calculators[\\/]shared[\\/]model-picker[\\/]ModelPicker\.|src[\\/]lib[\\/]model[\\/]config-error\./;
/**
 * Model shapes, parameter counts and KV sizes: what the KV calculator's and the serving planner's cores (loaded
 * after start-up) share, in one file rather than one round trip per module.
 */
const CALC_KV =
  /src[\\/]lib[\\/]model[\\/](model-spec|param-count)\.|src[\\/]lib[\\/]memory[\\/](kv-cache|tensor-parallel|largest-fitting)\.|src[\\/]lib[\\/]largest-fitting\./;

/**
 * Vite wraps every dynamic import in a helper that also preloads the imported chunk's own imports; it weighs
 * 0.9 KB gzip and every page loads it (Starlight's search and our Head script import lazily too). Our dynamic
 * imports are panels loaded when the browser is idle, the search UI when opened, a tokenizer when chosen: one
 * more round trip for their imports is cheaper than the helper on every page. With `modulePreload: false` Vite
 * passes the helper only CSS files, and no lazy chunk has any (checked in generateBundle), so the helper is
 * just the import.
 */
const PRELOAD_HELPER = '\0vite/preload-helper.js';

/**
 * Astro's Preact renderer (the `renderer-url` every island page loads) can turn props into signals shared
 * between islands, which costs it a dynamic import and 0.3 KB gzip; no island of ours takes a signal prop, so
 * that branch is cut out, and an island that gets one fails loudly instead of silently.
 */
const PREACT_CLIENT = /@astrojs[\\/]preact[\\/]dist[\\/]client\.js$/;
const SIGNAL_PROPS = { start: 'let signalsRaw = element.dataset.preactSignals;', end: 'const child = h(' };

/**
 * `CHUNK_REPORT=/tmp/chunks.json npm run build` writes each client chunk's modules, sizes before compression
 * and imports, to see what a group captured; `CHUNK_GROUPS=0` builds without the groups, to compare.
 */
export function clientChunks(): Plugin {
  return {
    name: 'llm-notes:client-chunks',
    config: () => ({ build: { modulePreload: false } }),
    configEnvironment(name, config) {
      if (name !== 'client' || process.env.CHUNK_GROUPS === '0') return;
      config.build ??= {};
      config.build.rolldownOptions ??= {};
      const options = config.build.rolldownOptions;
      if (Array.isArray(options.output)) throw new Error('client-chunks: expected one output for the client build');
      // Rolldown requires this with includeDependenciesRecursively: false. An island's entry may then export
      // more than its component, which Astro does not mind (it imports the named export).
      options.preserveEntrySignatures = 'allow-extension';
      options.output = {
        ...options.output,
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: [
            { name: 'calc-runtime', test: CALC_RUNTIME, priority: 4 },
            // `$initial`: only modules some island imports statically; what loads lazily stays lazy.
            { name: 'calc-models', test: CALC_MODELS, tags: ['$initial'], priority: 3 },
            { name: 'calc-picker', test: CALC_PICKER, tags: ['$initial'], priority: 2 },
            { name: 'calc-kv', test: CALC_KV, priority: 1 },
          ],
        },
      };
    },
    transform(code, id) {
      if (!PREACT_CLIENT.test(id) || this.environment?.name !== 'client') return;
      const start = code.indexOf(SIGNAL_PROPS.start);
      const end = code.indexOf(SIGNAL_PROPS.end, start);
      if (start < 0 || end < 0) this.error('client-chunks: @astrojs/preact/dist/client.js changed; review the signal-props cut');
      const refuse = `if (element.dataset.preactSignals) throw new Error('Signal props are not supported (src/plugins/client-chunks.ts)');\n  `;
      return { code: code.slice(0, start) + refuse + code.slice(end), map: null };
    },
    load(id) {
      if (id === PRELOAD_HELPER && this.environment?.name === 'client') return 'export const __vitePreload = (load) => load();';
    },
    generateBundle(_options, bundle) {
      if (this.environment?.name !== 'client') return;
      for (const chunk of Object.values(bundle)) {
        // Vite lists a lazy chunk's CSS in __vite__mapDeps for the helper to load; ours would drop it.
        if (chunk.type === 'chunk' && chunk.code.includes('__vite__mapDeps')) {
          this.error(`${chunk.fileName} loads CSS with a dynamic import, which the one-line preload helper (src/plugins/client-chunks.ts) does not do`);
        }
      }
      if (process.env.CHUNK_REPORT) {
        const chunks = Object.values(bundle).flatMap((c) =>
          c.type === 'chunk'
            ? [
                {
                  file: c.fileName,
                  entry: c.isEntry,
                  facade: c.facadeModuleId,
                  imports: c.imports,
                  dynamicImports: c.dynamicImports,
                  modules: Object.fromEntries(Object.entries(c.modules).map(([id, m]) => [id.replace(process.cwd(), ''), m.renderedLength])),
                },
              ]
            : [],
        );
        writeFileSync(process.env.CHUNK_REPORT, JSON.stringify(chunks, null, 1));
      }
    },
  };
}
