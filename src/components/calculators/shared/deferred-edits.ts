/*
 * Carries what a reader did in a Deferred panel's server-rendered HTML (typed into a field, opened a disclosure)
 * into the live panel that replaces it. Loaded with the panel's code, so it weighs nothing at start-up.
 */

/** What the reader did in the server-rendered panel: typed into fields (by id) and opened or closed disclosures (in order). */
export interface Edits {
  fields: { id: string; value: string; toggle: boolean }[];
  open: boolean[];
}

export function editsIn(root: HTMLElement | null): Edits {
  const fields: Edits['fields'] = [];
  for (const field of root?.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('textarea[id], input[id]') ?? []) {
    const toggle = field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio');
    if (field instanceof HTMLInputElement && field.type === 'file') continue;
    if (toggle ? field.checked !== field.defaultChecked : field.value !== field.defaultValue) fields.push({ id: field.id, value: field.value, toggle });
  }
  const open = [...(root?.querySelectorAll('details') ?? [])].map((d) => d.open);
  return { fields, open };
}

/** Puts the reader's edits into the live panel as the events its handlers listen to, as early-input.ts does for islands. */
export function replayEdits(root: HTMLElement | null, edits: Edits) {
  if (!root) return;
  root.querySelectorAll('details').forEach((d, i) => {
    if (edits.open[i] !== undefined) d.open = edits.open[i];
  });
  for (const { id, value, toggle } of edits.fields) {
    const field = root.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[id="${id}"]`);
    if (!field) continue;
    if (toggle) (field as HTMLInputElement).click();
    else {
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }
}
