import { readUrlState, writeUrlState, type StateSchema, type StateValues, type UrlNotice } from '../../lib/url-state';

/** How long the URL waits after the last change before it is rewritten (dragging a slider fires often). */
export const URL_WRITE_DELAY_MS = 250;

/**
 * Browser side of the shared URL state: reads the calculator's state once at start-up, and rewrites the
 * query string (debounced, with `history.replaceState`, keeping the `#fragment`) whenever it changes.
 * During server rendering there is no `location`: the defaults are used.
 */
export function createUrlSync<S extends StateSchema>(schema: S, defaults: StateValues<S>, prefix: string) {
  const initial: { state: StateValues<S>; notices: UrlNotice[] } =
    typeof location === 'undefined'
      ? { state: defaults, notices: [] }
      : readUrlState(location.search, schema, defaults, prefix);
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
    /** The link that restores `state`, anchored at `fragment` (the calculator's section). */
    linkTo(state: StateValues<S>, fragment: string): string {
      const search = writeUrlState(location.search, schema, state, defaults, prefix);
      return `${location.origin}${location.pathname}${search}#${fragment}`;
    },
  };
}
