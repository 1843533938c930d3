import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

interface Props<P> {
  /** The panel itself where it is at hand: on the server (`import.meta.env.SSR`); null in the browser. */
  server: ComponentType<P> | null;
  /** Loads the panel's code in the browser (a dynamic import, so it is a chunk of its own). */
  load: () => Promise<ComponentType<P>>;
  props: P;
  class?: string;
}

/** After start-up, when the browser is idle: the panel's code never competes with the island's own. */
const whenIdle = (run: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 1500 }) : setTimeout(run, 200));

/**
 * A secondary panel (the formulas, a chart) that the server renders, so it reads without JavaScript, but whose
 * code the browser loads only after the island has started: it does not count against the page's up-front
 * JavaScript. Until the code arrives the server's HTML stays as it is (Preact does not touch the content of an
 * element with dangerouslySetInnerHTML while hydrating); then the live panel takes its place, same size, and what
 * the reader typed or opened in the server's HTML meanwhile is replayed into it, so no edit is lost.
 *
 * @example
 * const FormulasOnServer = import.meta.env.SSR ? (await import('./Formulas')).Formulas : null;
 * <Deferred server={FormulasOnServer} load={() => import('./Formulas').then((m) => m.Formulas)} props={…} />
 */
export function Deferred<P extends object>({ server, load, props, class: className }: Props<P>) {
  const [Panel, setPanel] = useState<ComponentType<P> | null>(() => server);
  const box = useRef<HTMLDivElement>(null);
  const replay = useRef<(() => void) | null>(null);
  useEffect(() => {
    if (Panel) return;
    whenIdle(
      () =>
        void Promise.all([load(), import('./deferred-edits')]).then(([loaded, { carryEdits }]) => {
          replay.current = carryEdits(box.current);
          setPanel(() => loaded);
        }),
    );
  }, []);
  // Runs once the live panel has replaced the server's HTML (Panel changes only once).
  useEffect(() => replay.current?.(), [Panel]);
  if (!Panel) return <div class={className} ref={box} data-deferred="loading" dangerouslySetInnerHTML={{ __html: '' }} />;
  return (
    <div class={className} ref={box} data-deferred="live">
      <Panel {...props} />
    </div>
  );
}
