/*
 * Carries what a reader did in a Deferred panel's server-rendered HTML (typed into a field, chose an option,
 * opened a disclosure) into the live panel that replaces it. Loaded with the panel's code, so it weighs nothing
 * at start-up.
 */

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** What the reader did in the server-rendered panel: fields they changed (by id) and disclosures (in order). */
export interface Edits {
  fields: { id: string; value: string; kind: 'toggle' | 'choice' | 'text' }[];
  open: boolean[];
}

export function editsIn(root: HTMLElement | null): Edits {
  const fields: Edits['fields'] = [];
  for (const field of root?.querySelectorAll<Field>('textarea[id], input[id], select[id]') ?? []) {
    if (field instanceof HTMLSelectElement) {
      if ([...field.options].some((o) => o.selected !== o.defaultSelected)) fields.push({ id: field.id, value: field.value, kind: 'choice' });
    } else if (field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio')) {
      if (field.checked !== field.defaultChecked) fields.push({ id: field.id, value: field.value, kind: 'toggle' });
    } else if (!(field instanceof HTMLInputElement && field.type === 'file') && field.value !== field.defaultValue) {
      fields.push({ id: field.id, value: field.value, kind: 'text' });
    }
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
  for (const { id, value, kind } of edits.fields) {
    const field = root.querySelector<Field>(`[id="${id}"]`);
    if (!field) continue;
    if (kind === 'toggle') (field as HTMLInputElement).click();
    else {
      field.value = value;
      field.dispatchEvent(new Event(kind === 'choice' ? 'change' : 'input', { bubbles: true }));
    }
  }
}

/** Reads the edits from the server's HTML now; the returned function puts them into the live panel (same root). */
export function carryEdits(root: HTMLElement | null): () => void {
  const edits = editsIn(root);
  return () => replayEdits(root, edits);
}
