/**
 * What a reader typed, ticked or chose in a server-rendered calculator before its island hydrated. Preact's
 * hydration renders from the defaults, so the edit would show in the field (or, for a textarea, be put back
 * to the server-rendered text) but not in the results. An inline script in the page head (overrides/Head.astro)
 * marks each field edited inside a not-yet-hydrated island with `data-early-edit="<its value>"`; replaying
 * those edits as the events their handlers listen to runs them through the normal validation, exactly as if
 * they had been made a moment later. A field's default value cannot tell instead: hydration empties a
 * textarea's default text.
 *
 * Call once, in the island's mount effect, after the link's state has been applied: the reader's own edit wins.
 */
export const EARLY_EDIT_ATTRIBUTE = 'data-early-edit';

export function replayEarlyInput(root: HTMLElement | null): void {
  if (!root) return;
  for (const field of root.querySelectorAll<HTMLElement>(`[${EARLY_EDIT_ATTRIBUTE}]`)) {
    const value = field.getAttribute(EARLY_EDIT_ATTRIBUTE) ?? '';
    field.removeAttribute(EARLY_EDIT_ATTRIBUTE);
    const toggles = field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio');
    if (!toggles && (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement || field instanceof HTMLSelectElement)) field.value = value;
    field.dispatchEvent(new Event(toggles || field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  }
}
