import { z } from 'astro/zod';

const arxivId = /^\d{4}\.\d{4,5}$/;

/** One cited work: a file `src/content/references/<key>.yaml`, cited as `<Cite id="<key>" />`. */
export const referenceSchema = z
  .strictObject({
    /** Authors as printed on the work, in order. */
    authors: z.array(z.string().min(1)).min(1),
    /** Year of the version we checked against. */
    year: z.number().int().min(1900).max(2100),
    title: z.string().min(1),
    /** Venue or publisher, e.g. "NeurIPS 2017". Optional. */
    venue: z.string().optional(),
    /** arXiv identifier without version, e.g. "1706.03762". One of `arxiv` or `url` is required. */
    arxiv: z.string().regex(arxivId, 'arxiv: expected an id like 1706.03762').optional(),
    url: z.url().optional(),
    /** What we checked against this source, per language; shown on the references page. */
    checked: z.strictObject({ zh: z.string().min(1), en: z.string().min(1) }).optional(),
  })
  .refine((r) => r.arxiv !== undefined || r.url !== undefined, 'a reference needs an `arxiv` id or a `url`');
