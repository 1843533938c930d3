/**
 * Parameter counts as publishers print them ("7.24B", "124M", "6,738,415,616"), with the rounding the
 * text implies: "7.24B" means something in [7.235B, 7.245B).
 *
 * @example
 * parsePublishedCount('7.24B')         // => { value: 7240000000, halfUnit: 5000000 }
 * parsePublishedCount('6,738,415,616') // => { value: 6738415616, halfUnit: 0.5 }
 */
import { OptionError } from '../errors';
const SCALE: Record<string, number> = { '': 1, K: 1e3, M: 1e6, B: 1e9, T: 1e12 };
const PUBLISHED = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?([KMBT]?)$/;

export function parsePublishedCount(text: string): { value: number; halfUnit: number } {
  const match = PUBLISHED.exec(text.trim());
  if (!match) throw new OptionError('published', 'malformed', text, 'a published count such as 7.24B, 124M or 6,738,415,616');
  const [, whole, fraction = '', suffix = ''] = match;
  const scale = SCALE[suffix]!;
  const value = Number(`${whole!.replace(/,/g, '')}.${fraction || '0'}`) * scale;
  return { value: Math.round(value), halfUnit: scale / 10 ** fraction.length / 2 };
}

/**
 * Whether a computed count agrees with a published one: within `relative` (default 0.2%) or within the
 * published figure's own rounding, whichever is looser.
 */
export function matchesPublishedCount(computed: number, published: string, relative = 0.002): boolean {
  const { value, halfUnit } = parsePublishedCount(published);
  return Math.abs(computed - value) <= Math.max(relative * value, halfUnit);
}

/** A computed count next to a published one, for a "does it match" table. */
export interface PublishedCountCheck {
  /** The published figure as a number ("7.24B" → 7.24e9). */
  published: number;
  /** (computed − published) / published. */
  difference: number;
  /** `matchesPublishedCount` with its default tolerance. */
  matches: boolean;
}

/**
 * @example publishedCountCheck(6_738_415_616, '6.74B') // => { published: 6740000000, difference: -0.000235…, matches: true }
 */
export function publishedCountCheck(computed: number, published: string): PublishedCountCheck {
  if (typeof computed !== 'number' || !Number.isFinite(computed) || computed < 0)
    throw new OptionError('computed', typeof computed === 'number' && Number.isFinite(computed) ? 'below-min' : 'not-number', computed, 0);
  const { value } = parsePublishedCount(published);
  return { published: value, difference: (computed - value) / value, matches: matchesPublishedCount(computed, published) };
}
