/**
 * Build-time chart helpers for static figures: pure functions on d3-scale, d3-shape and d3-array, no DOM.
 * A figure component computes scales and marks here and writes the SVG markup itself, so colours stay the
 * theme's (figures.css) and labels stay in the page's language.
 */
export { scaleLinear, scaleLog, scaleBand } from 'd3-scale';
export { extent, max, min, range } from 'd3-array';
export { plotFrame } from './frame';
export type { Margins, PlotFrame } from './frame';
export { axisTicks, bandTicks, powerTicks } from './axis';
export type { Tick, TickOptions, ContinuousScale } from './axis';
export { linePath, sample, verticalBars, horizontalBars, arrow, round } from './paths';
export type { Point, Bar } from './paths';
export { legendItems, textWidth } from './legend';
export type { LegendItem, LegendOptions } from './legend';
