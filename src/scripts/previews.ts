/**
 * Opens a glossary link's or citation's preview (the popover its `aria-describedby` names, emitted at build time
 * by rehype-previews) on hover, focus or a first tap; Escape, leaving, or a tap elsewhere closes it. The link
 * still navigates: on a click, and on a touch screen on the second tap. Placed from the link's box: below it, or
 * above it when there is no room below, always inside the viewport with 8 px to spare (`placePreview`). CSS anchor
 * positioning had left a preview flush against a phone's right edge and, near the bottom, below the screen
 * (ux-review row 13).
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

/** Room kept between a preview and each edge of the viewport, and between a preview and its link, in CSS px. */
export const PREVIEW_MARGIN = 8;
const GAP = 6;

interface Box {
  top: number;
  bottom: number;
  left: number;
}

/**
 * Where a `width` × `height` preview of a link with box `link` goes in a `viewWidth` × `viewHeight` viewport:
 * below the link if it fits, else above, else wherever it overlaps least while staying on screen; never closer
 * than PREVIEW_MARGIN to an edge. `maxHeight` is set when the preview is taller than the viewport allows.
 */
export function placePreview(link: Box, width: number, height: number, viewWidth: number, viewHeight: number) {
  const m = PREVIEW_MARGIN;
  const maxHeight = viewHeight - 2 * m;
  const h = Math.min(height, maxHeight);
  const left = Math.max(m, Math.min(link.left, viewWidth - m - width));
  const below = link.bottom + GAP;
  const above = link.top - GAP - h;
  const top = below + h <= viewHeight - m ? below : above >= m ? above : below;
  return { top: Math.max(m, Math.min(top, viewHeight - m - h)), left, maxHeight: height > maxHeight ? maxHeight : null };
}

function place() {
  if (!link || !preview) return;
  const view = document.documentElement;
  preview.style.maxWidth = `${Math.min(416, view.clientWidth - 2 * PREVIEW_MARGIN)}px`;
  preview.style.maxHeight = '';
  const spot = placePreview(link.getBoundingClientRect(), preview.offsetWidth, preview.offsetHeight, view.clientWidth, view.clientHeight);
  preview.style.top = `${spot.top}px`;
  preview.style.left = `${spot.left}px`;
  if (spot.maxHeight !== null) preview.style.maxHeight = `${spot.maxHeight}px`;
}

function hide() {
  clearTimeout(timer);
  preview?.hidePopover();
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
  preview.showPopover();
  place();
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

/** An open preview follows its link as the page scrolls or the window resizes. */
const follow = () => requestAnimationFrame(place);

/** Starts listening, and handles `first`, the event that loaded this module. */
export function startPreviews(first: Event) {
  for (const [type, listener] of Object.entries(listeners)) document.addEventListener(type, listener);
  addEventListener('scroll', follow, { passive: true });
  addEventListener('resize', follow, { passive: true });
  listeners[first.type]?.(first);
}
