/**
 * What a reader typed, ticked or chose in a calculator before its island had started up. Preact's hydration
 * renders from the defaults, and the island's mount effect then applies the link's state, so an edit made
 * before that effect would show in the field (or, for a textarea, be put back to the server-rendered text) but
 * not in the results. An inline script in the page head (overrides/Head.astro) marks each field edited inside
 * an island that is not yet `data-live` with `data-early-edit="<its value>"`; replaying those edits as the
 * events their handlers listen to runs them through the normal validation, exactly as if they had been made a
 * moment later. A field's default value cannot tell instead: hydration empties a textarea's default text.
 *
 * Call once, in the island's mount effect, after the link's state has been applied: the reader's own edit wins.
 * The window is not only before hydration: Astro drops `ssr` when the island renders, a frame before effects run.
 */
export const EARLY_EDIT_ATTRIBUTE = 'data-early-edit';
/** Set on the island's root once it has started up: edits from then on go straight to its handlers. */
export const LIVE_ATTRIBUTE = 'data-live';

export function replayEarlyInput(root: HTMLElement | null): void {
  if (!root) return;
  // Live first, so the replayed events below are not marked again by the head script.
  root.setAttribute(LIVE_ATTRIBUTE, '');
  for (const field of root.querySelectorAll<HTMLElement>(`[${EARLY_EDIT_ATTRIBUTE}]`)) {
    const value = field.getAttribute(EARLY_EDIT_ATTRIBUTE) ?? '';
    field.removeAttribute(EARLY_EDIT_ATTRIBUTE);
    const toggles = field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio');
    if (!toggles && (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement || field instanceof HTMLSelectElement)) field.value = value;
    field.dispatchEvent(new Event(toggles || field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  }
}
