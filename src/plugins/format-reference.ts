/** A reference file's fields that a citation shows (src/schemas/reference.ts validates the whole file). */
export interface ReferenceFields {
  authors: string[];
  year: number;
  title: string;
  venue?: string;
  arxiv?: string;
  url?: string;
}

export interface FormattedReference {
  authors: string;
  year: number;
  title: string;
  venue?: string;
  href?: string;
  linkText?: string;
}

/**
 * One reference rendered as plain text parts, shared by the per-page lists and the references page.
 *
 * @example
 * formatReference({ authors: ['A. Vaswani', 'N. Shazeer'], year: 2017, title: 'Attention Is All You Need', arxiv: '1706.03762' })
 * // => { authors: 'A. Vaswani, N. Shazeer', year: 2017, title: 'Attention Is All You Need', href: 'https://arxiv.org/abs/1706.03762', linkText: 'arXiv:1706.03762' }
 */
export function formatReference(ref: ReferenceFields): FormattedReference {
  const authors = ref.authors.length > 6 ? `${ref.authors.slice(0, 6).join(', ')}, et al.` : ref.authors.join(', ');
  const href = ref.arxiv ? `https://arxiv.org/abs/${ref.arxiv}` : ref.url;
  const linkText = ref.arxiv ? `arXiv:${ref.arxiv}` : ref.url;
  return { authors, year: ref.year, title: ref.title, venue: ref.venue, href, linkText };
}

/** "Vaswani et al. 2017": the short form shown when hovering a citation. */
export function shortReference(ref: ReferenceFields): string {
  const family = (name: string) => name.split(/\s+/).at(-1);
  const who = ref.authors.length > 2 ? `${family(ref.authors[0] ?? '')} et al.` : ref.authors.map(family).join(' & ');
  return `${who} ${ref.year}`;
}
