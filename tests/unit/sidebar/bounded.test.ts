import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boundSidebar } from '../../../src/sidebar/bounded';

const labels = { earlier: 'Earlier pages', later: 'Later pages' };
const link = (i: number, current: number) => ({
  type: 'link' as const,
  label: `p${i}`,
  href: `/p${i}/`,
  isCurrent: i === current,
  badge: undefined,
  attrs: {},
});
const group = (n: number, current: number) => ({
  type: 'group' as const,
  label: 'bench',
  collapsed: false,
  badge: undefined,
  entries: Array.from({ length: n }, (_, i) => link(i, current)),
});
/** The fields of Starlight's sidebar entries that these tests read. */
interface Entry {
  type: string;
  label: string;
  href?: string;
  isCurrent?: boolean;
  attrs: Record<string, unknown>;
  entries: Entry[];
}

const count = (entries: Entry[]): number => entries.reduce((s, e) => s + (e.type === 'group' ? count(e.entries) : 1), 0);

describe('boundSidebar', () => {
  it('leaves a level at or under the limit as it is', () => {
    const sidebar = [group(30, 3)];
    expect(boundSidebar(sidebar, labels, 30)).toEqual(sidebar);
  });

  it('keeps the current page, at most limit+2 links per level, and links on to the nearest hidden pages', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 399 }), fc.integer({ min: 3, max: 40 }), (n, c, limit) => {
        const current = c % n;
        const bounded = (boundSidebar([group(n, current)], labels, limit) as unknown as Entry[])[0]!;
        const shown = bounded.entries.filter((e: Entry) => !('data-sidebar-more' in e.attrs));
        expect(shown.length).toBe(Math.min(n, limit));
        expect(shown.some((e: Entry) => e.isCurrent)).toBe(true);
        expect(count(bounded.entries)).toBeLessThanOrEqual(limit + 2);
        const first = Number(shown[0]!.label.slice(1));
        const last = Number(shown.at(-1)!.label.slice(1));
        const more = bounded.entries.filter((e: Entry) => 'data-sidebar-more' in e.attrs);
        expect(more.map((e: Entry) => e.href)).toEqual([...(first > 0 ? [`/p${first - 1}/`] : []), ...(last < n - 1 ? [`/p${last + 1}/`] : [])]);
      }),
    );
  });

  it('reaches every page by following the "later" links from the first page', () => {
    const n = 95;
    const seen = new Set<string>();
    let current = 0;
    for (let step = 0; step < n; step++) {
      const bounded = (boundSidebar([group(n, current)], labels, 10) as unknown as Entry[])[0]!;
      for (const e of bounded.entries) if (e.href) seen.add(e.href);
      const later = bounded.entries.find((e: Entry) => e.label === labels.later);
      if (!later?.href) break;
      current = Number(later.href.slice(2, -1));
    }
    expect(seen.size).toBe(n);
  });
});
