/**
 * The tables of contents (desktop and mobile): the link of the section being read gets aria-current, and the
 * mobile one shows that section's title and closes on a link, a click outside or Escape, as Starlight's
 * starlight-toc does. Starlight finds the section by observing every element of the page, selected with a
 * querySelectorAll using :has() over the whole document: 100–200 ms of main-thread work under Lighthouse's
 * 4× CPU slowdown on the long pages with calculators. The section being read is the last heading above a line
 * near the top of the window, so observing the headings the table lists is enough.
 */
const PAGE_TITLE_ID = '_top';

/** Work that waits until the browser is idle (Starlight starts its observer the same way). */
const onIdle = (run: () => void) => (window.requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 1)))(run);

class StarlightToc extends HTMLElement {
  private current: HTMLAnchorElement | null = this.querySelector('a[aria-current="true"]');

  constructor() {
    super();
    onIdle(() => this.start());
  }

  protected show(link: HTMLAnchorElement) {
    if (link === this.current) return;
    this.current?.removeAttribute('aria-current');
    link.setAttribute('aria-current', 'true');
    this.current = link;
  }

  private start() {
    const links = [...this.querySelectorAll('a')];
    const entries = links.flatMap((link) => {
      const heading = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      return heading ? [{ heading, link }] : [];
    });
    if (entries.length === 0) return;
    const above = new Set<Element>();
    const update = (changes: IntersectionObserverEntry[]) => {
      for (const { target, isIntersecting } of changes) {
        if (isIntersecting) above.add(target);
        else above.delete(target);
      }
      // Headings are listed in page order: the last one above the line starts the section being read.
      let reading = entries.find((e) => e.heading.id === PAGE_TITLE_ID) ?? entries[0]!;
      for (const entry of entries) if (above.has(entry.heading)) reading = entry;
      this.show(reading.link);
    };
    let observer: IntersectionObserver | undefined;
    const observe = () => {
      if (observer) return;
      // The line sits where Starlight's band ends: below the header (and the mobile summary), 2rem + 53 px down.
      // The observed area reaches far above the window (past the top of a page that grows as panels open), so a
      // heading crossing the line in either direction, however fast the scroll, changes its state.
      const line = this.lineTop() + 53;
      const root = document.documentElement;
      const reach = Math.max(2 * root.scrollHeight, 100_000);
      observer = new IntersectionObserver(update, { rootMargin: `${reach}px 0px ${line - root.clientHeight}px 0px` });
      for (const { heading } of entries) observer.observe(heading);
    };
    observe();
    let timeout: ReturnType<typeof setTimeout> | undefined;
    window.addEventListener('resize', () => {
      observer?.disconnect();
      observer = undefined;
      above.clear();
      clearTimeout(timeout);
      timeout = setTimeout(() => onIdle(observe), 200);
    });
  }

  /** Distance from the top of the window to where reading starts: header, mobile summary, 2rem. */
  private lineTop() {
    return (document.querySelector('header')?.getBoundingClientRect().height ?? 0) + (this.querySelector('summary')?.getBoundingClientRect().height ?? 0) + 32;
  }
}

class MobileStarlightToc extends StarlightToc {
  constructor() {
    super();
    const details = this.querySelector('details');
    if (!details) return;
    const close = () => {
      details.open = false;
    };
    for (const link of details.querySelectorAll('a')) link.addEventListener('click', close);
    window.addEventListener('click', (event) => {
      if (!details.contains(event.target as Node)) close();
    });
    window.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || !details.open) return;
      const hadFocus = details.contains(document.activeElement);
      close();
      if (hadFocus) details.querySelector('summary')?.focus();
    });
  }

  protected override show(link: HTMLAnchorElement) {
    super.show(link);
    const display = this.querySelector('.display-current');
    if (display) display.textContent = link.textContent;
  }
}

customElements.define('starlight-toc', StarlightToc);
customElements.define('mobile-starlight-toc', MobileStarlightToc);
