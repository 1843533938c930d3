/**
 * Opens a glossary link's or citation's preview (the popover its `aria-describedby` names, emitted at build time
 * by rehype-previews) on hover, focus or a first tap; Escape, leaving, or a tap elsewhere closes it. The link
 * still navigates: on a click, and on a touch screen on the second tap. Positioned by CSS anchor positioning
 * (previews.css), or from the link's box where the browser lacks it.
 *
 * Loaded on the first hover, focus or touch of such a link (the Head override), so a page that is only read
 * downloads none of it; `startPreviews` then handles that first event as if it had been listening all along.
 */
export const PREVIEW_LINK = 'a[aria-describedby^="preview-"]';
let link: HTMLElement | null = null;
let preview: HTMLElement | null = null;
let timer = 0;
// The link whose preview was open when the current tap began: a tap on it follows it.
let openAtTap: HTMLElement | null = null;

const linkOf = (target: EventTarget | null) => (target as Element | null)?.closest?.<HTMLElement>(PREVIEW_LINK) ?? null;

function hide() {
  clearTimeout(timer);
  preview?.hidePopover();
  link?.style.removeProperty('anchor-name');
  link = preview = null;
}

function show(next: HTMLElement) {
  clearTimeout(timer);
  if (next === link) return;
  hide();
  const target = document.getElementById(next.getAttribute('aria-describedby')!);
  if (!target?.showPopover) return;
  link = next;
  preview = target;
  link.style.setProperty('anchor-name', '--preview');
  preview.showPopover();
  if (!CSS.supports('anchor-name', '--a')) {
    const box = link.getBoundingClientRect();
    preview.style.top = `${box.bottom + 6}px`;
    preview.style.left = `${Math.max(8, Math.min(box.left, innerWidth - preview.offsetWidth - 8))}px`;
  }
}

const later = (action: () => void, ms: number) => {
  clearTimeout(timer);
  timer = window.setTimeout(action, ms);
};

const listeners: Record<string, (event: Event) => void> = {
  focusin(event) {
    const next = linkOf(event.target);
    if (next) show(next);
    else hide();
  },
  focusout: () => later(hide, 100),
  mouseover(event) {
    const next = linkOf(event.target);
    // A short delay, so a pointer crossing the text does not flash previews.
    if (next) later(() => show(next), 200);
    else if (preview?.contains(event.target as Node)) clearTimeout(timer);
  },
  mouseout(event) {
    if (linkOf(event.target) || preview?.contains(event.target as Node)) later(hide, 300);
  },
  pointerdown(event) {
    openAtTap = link;
    // The first touch, replayed: the tap's focus came before this module did.
    if (!openAtTap && (event as PointerEvent).pointerType === 'touch') listeners.focusin!(event);
  },
  click(event) {
    const next = linkOf(event.target);
    if (next && (event as PointerEvent).pointerType === 'touch' && openAtTap !== next) {
      event.preventDefault();
      show(next);
    } else if (!preview?.contains(event.target as Node)) hide();
  },
  keydown(event) {
    if ((event as KeyboardEvent).key === 'Escape') hide();
  },
};

/** Starts listening, and handles `first`, the event that loaded this module. */
export function startPreviews(first: Event) {
  for (const [type, listener] of Object.entries(listeners)) document.addEventListener(type, listener);
  listeners[first.type]?.(first);
}
