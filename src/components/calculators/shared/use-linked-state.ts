import { effect, useComputed, useSignal, type ReadonlySignal, type Signal } from '@preact/signals';
import { useEffect, useMemo, useRef, type MutableRef } from 'preact/hooks';
import type { StateSchema, StateValues, UrlNotice } from '~/components/calculators/shared/url-state';
import { createUrlSync, type UrlSync } from './url-sync';
import { replayEarlyInput } from './early-input';

/** How an island's state meets the link: read it reactively, and put a link's state into it. */
export interface LinkedModel<S extends StateSchema> {
  state: ReadonlySignal<StateValues<S>>;
  /** Applies the link's (validated) state; may return a promise for an async step such as parsing a linked config. */
  apply(linked: StateValues<S>): void | Promise<void>;
}

export interface LinkedState {
  /** Put on the island's root element: early edits are looked for inside it, and it gets `data-live`. */
  root: MutableRef<HTMLDivElement | null>;
  /** Link parameters that were ignored, with why; shown by `<UrlNotices>`. */
  notices: ReadonlySignal<UrlNotice[]>;
  /** True once the island has started up and follows the reader's edits into the URL. */
  live: ReadonlySignal<boolean>;
}

const isPromise = (value: unknown): value is Promise<void> => typeof (value as Promise<void> | undefined)?.then === 'function';

/**
 * The one start-up every calculator island goes through, in this order:
 *  1. the first render uses the defaults, so it matches the server's HTML (hydration does not fix attributes);
 *  2. the link's state is applied, and the parameters it ignored become notices;
 *  3. an optional async step finishes (a config carried by the link);
 *  4. edits the reader made before now are replayed through the island's own handlers, so they win;
 *  5. the root is marked `data-live` (the head script stops marking edits);
 *  6. the URL follows the state, debounced.
 * An edit made between 2 and 5 is still marked by the head script and replayed at 4, which is why 4 comes last.
 */
export function useLinkedState<S extends StateSchema>(sync: UrlSync<S>, model: LinkedModel<S>): LinkedState {
  const root = useRef<HTMLDivElement>(null);
  const notices = useSignal<UrlNotice[]>([]);
  const live = useSignal(false);
  useEffect(() => {
    let cancelled = false;
    let stopWriting: (() => void) | undefined;
    const start = () => {
      if (cancelled) return;
      replayEarlyInput(root.current);
      live.value = true;
      stopWriting = effect(() => sync.write(model.state.value));
    };
    notices.value = sync.initial.notices;
    const pending = model.apply(sync.initial.state);
    if (isPromise(pending)) void pending.then(start, start);
    else start();
    return () => {
      cancelled = true;
      stopWriting?.();
      // A write still waiting would fire after the island is gone (in tests, after the DOM is torn down).
      sync.cancel();
    };
  }, []);
  return { root, notices, live };
}

export interface LinkedSignalOptions<S extends StateSchema> {
  /** The optional async step (3 above), e.g. parsing a config the link carries. */
  afterLink?: (linked: StateValues<S>) => void | Promise<void>;
  /** What of the state goes into the URL, when not all of it fits there (a long pasted text). */
  toLink?: (state: StateValues<S>) => StateValues<S>;
}

/**
 * The common case: the island's whole shareable state is one signal. Returns it with the link machinery;
 * `linkTo(fragment)` is the link that restores the current state, for the copy-link button.
 */
export function useLinkedSignal<S extends StateSchema>(
  schema: S,
  defaults: StateValues<S>,
  prefix: string,
  options: LinkedSignalOptions<S> = {},
): LinkedState & { state: Signal<StateValues<S>>; sync: UrlSync<S>; linkTo(fragment: string): string } {
  const sync = useMemo(() => createUrlSync(schema, defaults, prefix), []);
  const state = useSignal<StateValues<S>>(defaults);
  const toLink = options.toLink ?? ((values: StateValues<S>) => values);
  const forLink = useComputed(() => toLink(state.value));
  const linked = useLinkedState(sync, {
    state: forLink,
    apply(values) {
      state.value = values;
      return options.afterLink?.(values);
    },
  });
  return { ...linked, state, sync, linkTo: (fragment) => sync.linkTo(forLink.value, fragment) };
}
