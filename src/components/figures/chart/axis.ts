/**
 * Axis ticks as data: where each tick sits in pixels and the label it carries, for any d3 continuous scale
 * (linear, log, pow) or a band scale. Rendering is left to SVG markup (Axis.astro), so labels can be formatted
 * in the page's language with `formatNumber` from `src/lib`.
 *
 * @example
 * const x = scaleLinear([0, 100], [0, 500]);
 * axisTicks(x, { count: 3 }) // => [{ value: 0, at: 0, label: '0' }, { value: 50, at: 250, label: '50' }, …]
 */
import type { ScaleBand } from 'd3-scale';

export interface Tick<T = number> {
  value: T;
  /** Pixel position along the axis. */
  at: number;
  label: string;
}

/** The part of a d3 continuous scale the ticks need. */
export interface ContinuousScale {
  (value: number): number;
  ticks(count?: number): number[];
  domain(): number[];
}

export interface TickOptions {
  /** Approximate number of ticks (d3's hint). Default 5. */
  count?: number;
  /** Explicit tick values, used instead of the scale's own choice (e.g. powers of two on a log axis). */
  values?: number[];
  /** Label for a tick value. Default: String(value). */
  format?: (value: number) => string;
}

export function axisTicks(scale: ContinuousScale, options: TickOptions = {}): Tick[] {
  const { count = 5, values, format = String } = options;
  const [d0, d1] = scale.domain() as [number, number];
  const lo = Math.min(d0, d1);
  const hi = Math.max(d0, d1);
  const chosen = values ?? scale.ticks(count);
  return chosen
    .filter((v) => v >= lo - 1e-12 * Math.abs(lo) && v <= hi + 1e-12 * Math.abs(hi))
    .map((value) => ({ value, at: scale(value), label: format(value) }));
}

/** Ticks of a band scale: one per category, at the band's centre. */
export function bandTicks<T extends string>(scale: ScaleBand<T>, format: (value: T) => string = String): Tick<T>[] {
  const half = scale.bandwidth() / 2;
  return scale.domain().map((value) => ({ value, at: (scale(value) ?? 0) + half, label: format(value) }));
}

/** Powers of `base` covering [lo, hi]: clean tick values for a log axis (bytes, tokens, wavelengths). */
export function powerTicks(lo: number, hi: number, base = 10, step = 1): number[] {
  if (!(lo > 0 && hi >= lo && base > 1 && step >= 1)) throw new RangeError('powerTicks: need 0 < lo ≤ hi and base > 1');
  const first = Math.ceil(Math.log(lo) / Math.log(base) - 1e-9);
  const last = Math.floor(Math.log(hi) / Math.log(base) + 1e-9);
  const out: number[] = [];
  for (let e = first; e <= last; e += step) out.push(base ** e);
  return out;
}
