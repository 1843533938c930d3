import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  scaleLinear,
  scaleLog,
  scaleBand,
  plotFrame,
  axisTicks,
  bandTicks,
  powerTicks,
  linePath,
  sample,
  verticalBars,
  horizontalBars,
  arrow,
  legendItems,
  textWidth,
} from '~/components/figures/chart';

describe('plotFrame', () => {
  test('subtracts the margins from the size', () => {
    expect(plotFrame(640, 320, { left: 56, bottom: 40, top: 10, right: 20 })).toEqual({
      width: 640,
      height: 320,
      left: 56,
      top: 10,
      right: 620,
      bottom: 280,
      innerWidth: 564,
      innerHeight: 270,
    });
  });
  test('refuses margins that leave no plotting area', () => {
    expect(() => plotFrame(100, 100, { left: 60, right: 60 })).toThrow(RangeError);
  });
});

describe('axisTicks', () => {
  test('places d3 ticks at their pixel positions with formatted labels', () => {
    const x = scaleLinear([0, 100], [0, 500]);
    expect(axisTicks(x, { count: 3, format: (v) => `${v}%` })).toEqual([
      { value: 0, at: 0, label: '0%' },
      { value: 50, at: 250, label: '50%' },
      { value: 100, at: 500, label: '100%' },
    ]);
  });
  test('explicit values outside the domain are dropped', () => {
    const y = scaleLog([1, 1000], [300, 0]);
    expect(axisTicks(y, { values: [0.1, 1, 10, 100, 1000, 10000] }).map((t) => t.value)).toEqual([1, 10, 100, 1000]);
  });
  test('a reversed range (y axes) still gives the domain ends at the range ends', () => {
    const y = scaleLinear([0, 10], [200, 0]);
    const ticks = axisTicks(y, { values: [0, 10] });
    expect(ticks.map((t) => t.at)).toEqual([200, 0]);
  });
});

test('bandTicks sit at the centre of each band', () => {
  const x = scaleBand(['a', 'b'], [0, 200]);
  expect(bandTicks(x)).toEqual([
    { value: 'a', at: 50, label: 'a' },
    { value: 'b', at: 150, label: 'b' },
  ]);
});

test('powerTicks lists the powers of the base inside [lo, hi]', () => {
  expect(powerTicks(3, 5000)).toEqual([10, 100, 1000]);
  expect(powerTicks(1024, 1_048_576, 2, 5)).toEqual([1024, 32768, 1048576]);
  expect(() => powerTicks(0, 10)).toThrow(RangeError);
});

describe('linePath', () => {
  test('maps points through both scales', () => {
    const x = scaleLinear([0, 1], [0, 100]);
    const y = scaleLinear([0, 2], [100, 0]);
    expect(
      linePath(
        [
          { x: 0, y: 1 },
          { x: 1, y: 2 },
        ],
        x,
        y,
      ),
    ).toBe('M0,50L100,0');
  });
  test('breaks the line at points a log scale cannot place', () => {
    const x = scaleLinear([0, 2], [0, 200]);
    const y = scaleLog([1, 100], [100, 0]);
    const d = linePath(
      [
        { x: 0, y: 10 },
        { x: 1, y: 0 },
        { x: 2, y: 100 },
      ],
      x,
      y,
    );
    expect(d).toBe('M0,50ZM200,0Z'); // two separate one-point segments, no line through the gap
  });
});

test('sample covers both ends, linearly or logarithmically', () => {
  expect(sample((x) => 2 * x, 0, 10, 2)).toEqual([
    { x: 0, y: 0 },
    { x: 5, y: 10 },
    { x: 10, y: 20 },
  ]);
  const log = sample((x) => x, 1, 100, 2, true).map((p) => p.x);
  expect(log[1]).toBeCloseTo(10, 12);
  expect(log[2]).toBeCloseTo(100, 12);
});

describe('bars', () => {
  test('vertical bars run from the baseline up to the value', () => {
    const x = scaleBand(['a', 'b'], [0, 100]);
    const y = scaleLinear([0, 10], [100, 0]);
    expect(
      verticalBars(
        [
          { key: 'a', value: 5 },
          { key: 'b', value: 10 },
        ],
        x,
        y,
        y(0),
      ),
    ).toEqual([
      { key: 'a', value: 5, x: 0, y: 50, width: 50, height: 50 },
      { key: 'b', value: 10, x: 50, y: 0, width: 50, height: 100 },
    ]);
  });
  test('grouped vertical bars split each band', () => {
    const x = scaleBand(['a'], [0, 100]);
    const y = scaleLinear([0, 10], [100, 0]);
    const [second] = verticalBars([{ key: 'a', value: 10 }], x, y, 100, { group: 1, groups: 2 });
    expect(second).toMatchObject({ x: 50, width: 50 });
  });
  test('horizontal bar length is proportional to the value (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), (value) => {
        const y = scaleBand(['k'], [0, 20]);
        const x = scaleLinear([0, 1000], [0, 500]);
        const [bar] = horizontalBars([{ key: 'k', value }], y, x, 0);
        expect(bar!.width).toBeCloseTo(value / 2, 1);
        expect(bar!.x).toBe(0);
      }),
    );
  });
});

test('arrow ends its head exactly at the tip', () => {
  const a = arrow(0, 0, 100, 0, 10);
  expect(a.shaft).toBe('M0,0L90,0');
  expect(a.head).toBe('100,0 90,5 90,-5');
  expect(arrow(5, 5, 5, 5)).toEqual({ shaft: '', head: '' });
});

describe('legend', () => {
  test('CJK characters count twice as wide as Latin ones', () => {
    expect(textWidth('ab', 10)).toBeCloseTo(12);
    expect(textWidth('词元', 10)).toBeCloseTo(20);
  });
  test('wraps to a new row when the next item would pass maxWidth', () => {
    const items = legendItems(['MHA', 'GQA', 'MQA'], { x: 10, y: 20, maxWidth: 120, fontSize: 10 });
    expect(items.map((i) => [i.label, i.series, i.x, i.y])).toEqual([
      ['MHA', 0, 10, 20],
      ['GQA', 1, 10 + 22 + 18 + 16, 20],
      ['MQA', 2, 10, 38],
    ]);
  });
});
