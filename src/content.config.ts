import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { pageFrontmatter } from './schemas/page';
import { referenceSchema } from './schemas/reference';
import { modelPresetSchema } from './schemas/model-preset';
import { gpuSchema } from './schemas/gpu';
import { glossaryTermSchema } from './schemas/glossary-term';

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema({ extend: pageFrontmatter }) }),
  /**
   * UI strings Starlight lacks in English: its en dictionary has no Expressive Code keys (English is Expressive
   * Code's own default), so with Chinese as the default locale English code blocks fell back to 复制到剪贴板.
   */
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
  references: defineCollection({
    loader: glob({ pattern: '*.yaml', base: './src/content/references' }),
    schema: referenceSchema,
  }),
  /** Model presets for the calculators: a real config.json each, with its official parameter count. */
  models: defineCollection({
    // Ids are the file names as written ('qwen2.5-7b'), not slugs ('qwen25-7b'): they appear in links and tests.
    loader: glob({ pattern: '*.json', base: './src/content/models', generateId: ({ entry }) => entry.replace(/\.json$/, '') }),
    schema: modelPresetSchema,
  }),
  /** Accelerators for "does it fit". */
  gpus: defineCollection({
    loader: glob({ pattern: '*.json', base: './src/lib/hardware/gpus', generateId: ({ entry }) => entry.replace(/\.json$/, '') }),
    schema: gpuSchema,
  }),
  /** Glossary terms, zh/en, one file each; the file name is the anchor (`/glossary/#term-<id>`). */
  glossary: defineCollection({
    loader: glob({ pattern: '*.yaml', base: './src/content/glossary' }),
    schema: glossaryTermSchema,
  }),
};
