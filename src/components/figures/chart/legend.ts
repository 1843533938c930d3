/**
 * Legend entries laid out as SVG text positions, in rows that wrap at a maximum width. Widths are estimated from
 * the label's characters (CJK characters count as two), because nothing measures text at build time.
 *
 * @example
 * legendItems(['MHA', 'GQA'], { x: 0, y: 0, maxWidth: 300 })
 * // => [{ label: 'MHA', series: 0, x: 0, y: 0 }, { label: 'GQA', series: 1, x: 60, y: 0 }]
 */
export interface LegendItem {
  label: string;
  /** Index into the series classes fig-s0 … fig-s4. */
  series: number;
  /** Left edge of the swatch and the text's baseline row. */
  x: number;
  y: number;
}

export interface LegendOptions {
  x: number;
  y: number;
  maxWidth: number;
  rowHeight?: number;
  fontSize?: number;
  /** Swatch width plus gap before the label. */
  swatch?: number;
  gap?: number;
}

/** Estimated width in px of a label at a font size: Latin ≈ 0.6 em, CJK and full-width ≈ 1 em. */
export function textWidth(label: string, fontSize = 13): number {
  let em = 0;
  for (const ch of label) em += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 1 : 0.6;
  return em * fontSize;
}

export function legendItems(labels: readonly string[], options: LegendOptions): LegendItem[] {
  const { x, y, maxWidth, rowHeight = 18, fontSize = 13, swatch = 22, gap = 16 } = options;
  const items: LegendItem[] = [];
  let cx = x;
  let cy = y;
  labels.forEach((label, series) => {
    const w = swatch + textWidth(label, fontSize);
    if (cx > x && cx + w > x + maxWidth) {
      cx = x;
      cy += rowHeight;
    }
    items.push({ label, series, x: cx, y: cy });
    cx += w + gap;
  });
  return items;
}
