/**
 * Opens a glossary link's or citation's preview (the popover its `aria-describedby` names, emitted at build time
 * by rehype-previews) on hover, focus or a first tap; Escape, leaving, or a tap elsewhere closes it. The link
 * still navigates: on a click, and on a touch screen on the second tap. Positioned by CSS anchor positioning
 * (previews.css), or from the link's box where the browser lacks it.
 */
const LINK = 'a[aria-describedby^="preview-"]';
let link: HTMLElement | null = null;
let preview: HTMLElement | null = null;
let timer = 0;
// The link whose preview was open when the current tap began: a tap on it follows it.
let openAtTap: HTMLElement | null = null;

const linkOf = (target: EventTarget | null) => (target as Element | null)?.closest?.<HTMLElement>(LINK) ?? null;

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

document.addEventListener('focusin', (event) => {
  const next = linkOf(event.target);
  if (next) show(next);
  else hide();
});
document.addEventListener('focusout', () => later(hide, 100));
document.addEventListener('mouseover', (event) => {
  const next = linkOf(event.target);
  // A short delay, so a pointer crossing the text does not flash previews.
  if (next) later(() => show(next), 200);
  else if (preview?.contains(event.target as Node)) clearTimeout(timer);
});
document.addEventListener('mouseout', (event) => {
  if (linkOf(event.target) || preview?.contains(event.target as Node)) later(hide, 300);
});
document.addEventListener('pointerdown', () => (openAtTap = link));
document.addEventListener('click', (event) => {
  const next = linkOf(event.target);
  if (next && (event as PointerEvent).pointerType === 'touch' && openAtTap !== next) {
    event.preventDefault();
    show(next);
  } else if (!preview?.contains(event.target as Node)) hide();
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') hide();
});
