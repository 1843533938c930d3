import { z } from 'astro/zod';

/** The glossary's sections, in page order; each is a `##` heading on the glossary page with this id. */
export const GLOSSARY_TOPICS = ['architecture', 'attention', 'serving', 'quantization', 'tokens', 'context', 'retrieval', 'training', 'finetuning'] as const;

/**
 * One glossary entry: a file `src/content/glossary/<id>.yaml`, shown on the glossary page with the anchor
 * `#term-<id>`, so any page can link to `/glossary/#term-kv-cache`. The file name is the id: lowercase ASCII
 * words joined by hyphens.
 */
export const glossaryTermSchema = z.strictObject({
  /** The English term as it is usually written ("KV cache"). */
  en: z.string().min(1),
  /** The Chinese term, with common alternatives after a slash ("键值缓存"). */
  zh: z.string().min(1),
  /** Which section of the glossary page the term belongs to. */
  topic: z.enum(GLOSSARY_TOPICS),
  /** One-sentence definition per language. */
  definition: z.strictObject({
    zh: z.string().min(8, 'definition.zh: write one full sentence'),
    en: z.string().min(8, 'definition.en: write one full sentence'),
  }),
  /** Page (and optional section) that explains the term, e.g. "attention-variants/#gqa". Default: none. */
  see: z
    .string()
    .regex(/^[a-z0-9-]+\/(#[a-z0-9-]+)?$/, 'see: expected "<slug>/" or "<slug>/#<section-id>"')
    .optional(),
});

export type GlossaryTerm = z.infer<typeof glossaryTermSchema>;
