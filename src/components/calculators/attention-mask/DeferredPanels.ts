/*
 * The visualizer's secondary panels, whose code loads after start-up (through Deferred), as one lazy chunk.
 * Both need the mask core (attention-mask.ts). Imported as two separate lazy chunks, Rolldown 1.2 moved that
 * shared module out of the island's chunk into a file of its own, which every page then loaded up front as a
 * separate gzip stream: 0.5 KB more on /architectures/ (26.8 instead of 26.3 KB). One chunk keeps the core in the
 * island's file; the price is that a page with one panel also fetches the other's code, when the browser is idle.
 */
export { RankResults } from './RankResults';
export { MaskExport } from './MaskExport';
