/** The per-component table's arithmetic (`compute.ts` and `componentCounts` under it), loaded after start-up. */
export type Core = typeof import('./compute');

export const loadCore = (): Promise<Core> => import('./compute');
