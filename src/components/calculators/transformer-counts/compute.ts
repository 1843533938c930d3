/**
 * The table's arithmetic, loaded after the island starts (`core.ts`): the first frame is the report the server
 * computed with this same function for the default setting, so the page's up-front JavaScript carries none of it.
 */
import type { ModelSpec } from '~/lib/model/model-spec';
import { countsView, type CountsView } from './view';
import { countSlots } from './formulas';
import type { Phase } from './state';

export interface CountsReport {
  view: CountsView;
  /** The formulas' numbers, formatted for the reader's language. */
  slots: Record<string, string>;
}

export function computeCounts(spec: ModelSpec, context: number, phase: Phase, lang: string): CountsReport {
  const view = countsView(spec, context, phase);
  return { view, slots: countSlots(spec, view, lang) };
}
