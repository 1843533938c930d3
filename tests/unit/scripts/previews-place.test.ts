import { expect, test } from 'vitest';
import fc from 'fast-check';
import { PREVIEW_MARGIN, placePreview } from '~/scripts/previews';

/** Glossary and citation previews stay on screen with 8 px to spare (ux-review row 13: a 390 × 844 phone). */

test('below the link when it fits', () => {
  expect(placePreview({ top: 100, bottom: 120, left: 40 }, 300, 150, 390, 844)).toEqual({ top: 126, left: 40, maxHeight: null });
});

test('a citation near the bottom of a phone screen opens above it, not below the screen', () => {
  const spot = placePreview({ top: 800, bottom: 820, left: 200 }, 358, 140, 390, 844);
  expect(spot.top + 140).toBeLessThanOrEqual(844 - PREVIEW_MARGIN);
  expect(spot.top + 140).toBeLessThanOrEqual(800);
  expect(spot.left + 358).toBeLessThanOrEqual(390 - PREVIEW_MARGIN);
});

test('a preview taller than the screen is capped and scrolls', () => {
  expect(placePreview({ top: 400, bottom: 420, left: 0 }, 300, 2000, 390, 844)).toEqual({ top: 8, left: 8, maxHeight: 828 });
});

test('any link, any preview that fits the width: inside the viewport with 8 px margins', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 320, max: 2000 }),
      fc.integer({ min: 300, max: 1200 }),
      fc.record({ top: fc.integer({ min: -50, max: 1300 }), height: fc.integer({ min: 10, max: 60 }), left: fc.integer({ min: -20, max: 2000 }) }),
      fc.integer({ min: 50, max: 416 }),
      fc.integer({ min: 20, max: 3000 }),
      (vw, vh, l, w, h) => {
        const width = Math.min(w, vw - 2 * PREVIEW_MARGIN);
        const spot = placePreview({ top: l.top, bottom: l.top + l.height, left: l.left }, width, h, vw, vh);
        const height = spot.maxHeight ?? h;
        expect(spot.left).toBeGreaterThanOrEqual(PREVIEW_MARGIN);
        expect(spot.left + width).toBeLessThanOrEqual(vw - PREVIEW_MARGIN);
        expect(spot.top).toBeGreaterThanOrEqual(PREVIEW_MARGIN);
        expect(spot.top + height).toBeLessThanOrEqual(vh - PREVIEW_MARGIN);
      },
    ),
  );
});
