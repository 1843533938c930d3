/**
 * The planner's arithmetic (`compute.ts` and the training core under it), loaded after the island starts: the first
 * frame shows the view the server computed for the default setting, so the page's up-front JavaScript carries none
 * of it. Everything the island computes afterwards goes through the loaded module.
 */
export type Core = typeof import('./compute');

export const loadCore = (): Promise<Core> => import('./compute');
