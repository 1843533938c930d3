/*
 * Its own module because ModelPicker loads PastePanel lazily with a top-level await on the server: were PastePanel
 * to import this from ModelPicker, the two server chunks would wait on each other and the build would stop mid-page.
 */

/** Longest model name the picker prints; a longer `_name_or_path` is cut so it cannot widen the select. */
export const MAX_SHOWN_NAME = 60;

/**
 * A supplied model's name as the picker prints it: whole when short, else its first characters and an ellipsis
 * (ux-review row 16: a 5,000-character `_name_or_path` stretched the select and the page).
 *
 * @example shortModelName('meta-llama/Llama-3.1-8B') // => 'meta-llama/Llama-3.1-8B'
 */
export function shortModelName(name: string, max = MAX_SHOWN_NAME): string {
  const chars = [...name];
  return chars.length <= max ? name : `${chars.slice(0, max - 1).join('')}…`;
}
