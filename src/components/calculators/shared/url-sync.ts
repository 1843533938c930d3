import { readUrlState, writeUrlState, type StateSchema, type StateValues, type UrlNotice } from '~/components/calculators/shared/url-state';

/** How long the URL waits after the last change before it is rewritten (dragging a slider fires often). */
export const URL_WRITE_DELAY_MS = 250;

/** A calculator's link: the state read once at start-up, debounced writes, and links that restore a state. */
export interface UrlSync<S extends StateSchema> {
  initial: { state: StateValues<S>; notices: UrlNotice[] };
  write(state: StateValues<S>): void;
  /** Drops a write still waiting for its delay (the island is going away; nothing is left to link to). */
  cancel(): void;
  linkTo(state: StateValues<S>, fragment: string): string;
}

/**
 * Browser side of the shared URL state: reads the calculator's state once at start-up, and rewrites the
 * query string (debounced, with `history.replaceState`, keeping the `#fragment`) whenever it changes.
 * During server rendering there is no `location`: the defaults are used.
 */
export function createUrlSync<S extends StateSchema>(schema: S, defaults: StateValues<S>, prefix: string): UrlSync<S> {
  const initial: { state: StateValues<S>; notices: UrlNotice[] } =
    typeof location === 'undefined' ? { state: defaults, notices: [] } : readUrlState(location.search, schema, defaults, prefix);
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    initial,
    write(state: StateValues<S>) {
      if (typeof history === 'undefined') return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        const search = writeUrlState(location.search, schema, state, defaults, prefix);
        history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
      }, URL_WRITE_DELAY_MS);
    },
    cancel() {
      clearTimeout(timer);
    },
    /**
     * The link that restores `state`, anchored at `fragment` (the calculator's section). The same
     * calculator is embedded in several pages; where `fragment` is not an id on this page, the link points
     * to the section heading just above the focused element (the copy button that was clicked).
     */
    linkTo(state: StateValues<S>, fragment: string): string {
      const search = writeUrlState(location.search, schema, state, defaults, prefix);
      const anchor = document.getElementById(fragment) ? fragment : (sectionIdBefore(document.activeElement) ?? fragment);
      return `${location.origin}${location.pathname}${search}#${anchor}`;
    },
  };
}

/** The id of the last h2/h3 of the page content that comes before `element` in document order. */
export function sectionIdBefore(element: Element | null): string | undefined {
  if (!element) return undefined;
  let found: string | undefined;
  for (const heading of document.querySelectorAll<HTMLElement>('.sl-markdown-content :is(h2, h3)[id]')) {
    if (heading.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) found = heading.id;
    else break;
  }
  return found;
}
