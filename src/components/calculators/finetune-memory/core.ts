/**
 * The fine-tune core, loaded after the island starts: the first frame is drawn from results the server computed
 * for the default state (`InitialResults`), so the page's up-front JavaScript carries no memory model. Everything
 * the island computes afterwards goes through the loaded module.
 */
import type { FineTuneMemory, LargestFit } from '~/lib/memory/finetune-memory';
import type { Attempt } from '~/components/calculators/shared/last-good';
import type { COMPARED, FtRefusal, Verdict } from './view';

export type Core = typeof import('~/lib/memory/finetune-memory');

export const loadCore = (): Promise<Core> => import('~/lib/memory/finetune-memory');

/** What the first frame shows: the server's results for the default state (also used during server rendering). */
export interface InitialResults {
  result: Attempt<FineTuneMemory, FtRefusal>;
  compared: { method: (typeof COMPARED)[number]; attempt: Attempt<FineTuneMemory, FtRefusal> }[];
  solver: LargestFit | null;
  /** The verdict for the default GPU (`gpu` is its id), with the suggestions that need the core. */
  verdict: { gpu: string; verdict: Verdict } | null;
}
