/**
 * The plotting area of a chart: the SVG's size minus margins for axes and labels.
 * Every chart helper takes pixel ranges from a frame, so one chart's parts line up.
 *
 * @example
 * plotFrame(640, 320, { left: 56, bottom: 40 }) // => { left: 56, top: 16, right: 624, bottom: 280, … }
 */
export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface PlotFrame {
  width: number;
  height: number;
  left: number;
  top: number;
  right: number;
  bottom: number;
  innerWidth: number;
  innerHeight: number;
}

const DEFAULT_MARGINS: Margins = { top: 16, right: 16, bottom: 40, left: 56 };

export function plotFrame(width: number, height: number, margins: Partial<Margins> = {}): PlotFrame {
  const m = { ...DEFAULT_MARGINS, ...margins };
  const innerWidth = width - m.left - m.right;
  const innerHeight = height - m.top - m.bottom;
  if (!(innerWidth > 0 && innerHeight > 0)) {
    throw new RangeError(`plotFrame: margins leave no room in a ${width}×${height} chart`);
  }
  return {
    width,
    height,
    left: m.left,
    top: m.top,
    right: width - m.right,
    bottom: height - m.bottom,
    innerWidth,
    innerHeight,
  };
}
