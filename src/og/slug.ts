/**
 * The card's path segment for a docs entry id: the root home page (`index`) and the English one (`en`)
 * get explicit names so every card is a file, not a directory index.
 *
 * @example
 * ogImageSlug('index') // => 'index'
 * ogImageSlug('en')    // => 'en/index'
 * ogImageSlug('en/context-length') // => 'en/context-length'
 */
export function ogImageSlug(entryId: string): string {
  if (entryId === '' || entryId === 'index') return 'index';
  if (entryId === 'en') return 'en/index';
  return entryId;
}
