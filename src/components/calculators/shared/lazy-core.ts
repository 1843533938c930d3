import { signal, type ReadonlySignal } from '@preact/signals';

export interface LazyCore<C> {
  /** The loaded core, or null until it has arrived (and on the server). */
  core: ReadonlySignal<C | null>;
  /** True once loading has failed: the island then says so (`<CoreLoadFailed>`). */
  failed: ReadonlySignal<boolean>;
  /** Starts loading; resolves either way, so the start-up that awaits it always goes on. */
  load(): Promise<void>;
}

/**
 * A calculator's arithmetic loaded after start-up (each calculator's `core.ts`), for the start-up's async step:
 * the island draws the server's first frame while `core` is null and computes through it once it is set.
 */
export function lazyCore<C>(loadCore: () => Promise<C>): LazyCore<C> {
  const core = signal<C | null>(null);
  const failed = signal(false);
  return {
    core,
    failed,
    load: () =>
      loadCore().then(
        (loaded) => void (core.value = loaded),
        () => void (failed.value = true),
      ),
  };
}
