/**
 * SVG geometry for chart marks, as strings and numbers: line paths through d3-shape, bar rectangles from scales.
 * Pure functions; the `.astro` figure puts them in `d=`, `x=`, `y=` attributes at build time.
 *
 * @example
 * linePath([{ x: 0, y: 1 }, { x: 1, y: 2 }], scaleLinear([0, 1], [0, 100]), scaleLinear([0, 2], [100, 0]))
 * // => 'M0,50L100,0'
 */
import { line, curveLinear, curveMonotoneX } from 'd3-shape';
import type { ScaleBand } from 'd3-scale';

export interface Point {
  x: number;
  y: number;
}

type Scale = (value: number) => number;

/** A polyline (or a monotone curve) through the points, skipping points that map to a non-finite pixel. */
export function linePath(points: readonly Point[], x: Scale, y: Scale, options: { smooth?: boolean } = {}): string {
  const path = line<Point>()
    .defined((p) => Number.isFinite(x(p.x)) && Number.isFinite(y(p.y)))
    .x((p) => round(x(p.x)))
    .y((p) => round(y(p.y)))
    .curve(options.smooth ? curveMonotoneX : curveLinear);
  return path(points as Point[]) ?? '';
}

/** Samples f at n+1 evenly spaced x in [x0, x1] (or log-spaced when `log`), for plotting a function. */
export function sample(f: (x: number) => number, x0: number, x1: number, n = 100, log = false): Point[] {
  const out: Point[] = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const x = log ? x0 * (x1 / x0) ** t : x0 + (x1 - x0) * t;
    out.push({ x, y: f(x) });
  }
  return out;
}

export interface Bar<K extends string> {
  key: K;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Vertical bars on a band scale: each bar runs from the baseline (value 0, or the bottom of a log axis) to its
 * value. `group` and `groups` place several series side by side within one band.
 */
export function verticalBars<K extends string>(
  data: readonly { key: K; value: number }[],
  x: ScaleBand<K>,
  y: Scale,
  baseline: number,
  options: { group?: number; groups?: number } = {},
): Bar<K>[] {
  const { group = 0, groups = 1 } = options;
  const width = x.bandwidth() / groups;
  return data.map(({ key, value }) => {
    const top = y(value);
    const left = (x(key) ?? 0) + group * width;
    return {
      key,
      value,
      x: round(left),
      y: round(Math.min(top, baseline)),
      width: round(width),
      height: round(Math.abs(baseline - top)),
    };
  });
}

/** Horizontal bars on a band scale (categories down the side), from x = baseline to the value. */
export function horizontalBars<K extends string>(data: readonly { key: K; value: number }[], y: ScaleBand<K>, x: Scale, baseline: number): Bar<K>[] {
  const height = y.bandwidth();
  return data.map(({ key, value }) => {
    const right = x(value);
    return {
      key,
      value,
      x: round(Math.min(right, baseline)),
      y: round(y(key) ?? 0),
      width: round(Math.abs(right - baseline)),
      height: round(height),
    };
  });
}

/** Two decimals are far below a pixel and keep the HTML small. */
export function round(px: number): number {
  return Math.round(px * 100) / 100;
}

/**
 * A straight arrow from (x1, y1) to (x2, y2): the shaft stops short of the tip and the head is a triangle, so no
 * `<marker>` (and no page-wide id) is needed.
 */
export function arrow(x1: number, y1: number, x2: number, y2: number, head = 7): { shaft: string; head: string } {
  const len = Math.hypot(x2 - x1, y2 - y1);
  if (len === 0) return { shaft: '', head: '' };
  const ux = (x2 - x1) / len;
  const uy = (y2 - y1) / len;
  const bx = x2 - ux * head;
  const by = y2 - uy * head;
  const px = -uy * head * 0.5;
  const py = ux * head * 0.5;
  return {
    shaft: `M${round(x1)},${round(y1)}L${round(bx)},${round(by)}`,
    head: `${round(x2)},${round(y2)} ${round(bx + px)},${round(by + py)} ${round(bx - px)},${round(by - py)}`,
  };
}
