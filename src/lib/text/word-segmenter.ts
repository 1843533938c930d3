/**
 * One `Intl.Segmenter` at 'word' granularity per locale: building one loads ICU break data and costs far more
 * than segmenting a sentence, and text fields re-segment on every keystroke.
 */
const segmenters = new Map<string, Intl.Segmenter>();

export function wordSegmenter(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}
