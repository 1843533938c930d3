import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { maskCoverage } from '~/lib/masks/attention-mask';
import { describeRow, ROW_KEYS, type GridProps } from './view';

/** Canvas side in CSS pixels; longer masks are shown as the share of allowed cells per block. */
export const CANVAS_SIDE = 512;

/** 257 colours from light grey (share 0) to the accent (share 1); any allowed cell shows at least 35 %. */
const SHADES = Uint32Array.from({ length: 257 }, (_, i) => {
  const share = i / 256;
  const t = share === 0 ? 0 : 0.35 + 0.65 * share;
  const red = Math.round(235 + (67 - 235) * t);
  const green = Math.round(235 + (56 - 235) * t);
  const blue = Math.round(240 + (202 - 240) * t);
  return ((255 << 24) | (blue << 16) | (green << 8) | red) >>> 0;
});

/** The mask on a canvas (long sequences), with the hovered or focused row and the decoding step as overlays. */
export function MaskCanvas({ mask, kind, split, tokens, t, loss, highlight, id }: GridProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [hoveredRow, setRow] = useState<number | null>(null);
  const n = mask.length;
  // A row chosen before the sequence got shorter no longer exists.
  const row = hoveredRow !== null && hoveredRow < n ? hoveredRow : null;
  // A layout effect, so the frame that shows the new pair count also shows the new mask.
  useLayoutEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const { side, share } = maskCoverage(mask, CANVAS_SIDE);
    const image = ctx.createImageData(side, side);
    const pixels = new Uint32Array(image.data.buffer);
    for (let i = 0; i < share.length; i++) pixels[i] = SHADES[(share[i]! * 256 + 0.5) | 0]!;
    canvas.width = side;
    canvas.height = side;
    ctx.putImageData(image, 0, 0);
  }, [mask]);
  const band = (from: number, to: number, cls: string) => (
    <span class={cls} aria-hidden="true" style={{ top: `${(from / n) * 100}%`, height: `max(2px, ${((to - from + 1) / n) * 100}%)` }} />
  );
  const lossCount = loss ? loss.reduce((a, b) => a + b, 0) : 0;
  return (
    <div class="mask-grid">
      <div class="mask-canvas-frame">
        <canvas
          ref={ref}
          class="mask-canvas"
          style={{ width: `${CANVAS_SIDE}px`, maxWidth: '100%', aspectRatio: '1' }}
          tabIndex={0}
          role="img"
          aria-label={t.canvasLabel(n)}
          aria-describedby={`${id}-row`}
          onMouseMove={(e) => {
            const box = (e.currentTarget as HTMLCanvasElement).getBoundingClientRect();
            setRow(Math.min(n - 1, Math.max(0, Math.floor(((e.clientY - box.top) / box.height) * n))));
          }}
          onFocus={() => setRow((r) => r ?? 0)}
          onKeyDown={(e) => {
            const move = ROW_KEYS[e.key];
            if (!move) return;
            e.preventDefault();
            setRow((r) => move(r !== null && r < n ? r : 0, n));
          }}
        />
        {highlight && band(highlight[0], highlight[1], 'mask-band mask-band-step')}
        {row !== null && band(row, row, 'mask-band mask-band-row')}
        {split !== null && split > 0 && split < n && (
          <>
            <span class="mask-split-line" aria-hidden="true" style={{ top: `${(split / n) * 100}%` }} />
            <span class="mask-split-line-v" aria-hidden="true" style={{ left: `${(split / n) * 100}%` }} />
          </>
        )}
      </div>
      <p class="calc-field-hint">
        {t.canvasNote(n)}
        {loss ? ` ${t.canvasLoss(lossCount, loss.indexOf(1))}` : ''}
      </p>
      <output id={`${id}-row`} class="mask-row-text" aria-live="polite">
        {row !== null ? describeRow(mask, kind, split ?? 0, tokens, row, t) : ''}
      </output>
    </div>
  );
}
