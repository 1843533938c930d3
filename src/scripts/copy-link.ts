import { uiStrings } from '../i18n/ui';

/*
 * Makes every heading anchor (Starlight's `.sl-anchor-link`) also copy the section's full URL — including
 * the query string that carries calculator state — and announces the result to screen readers.
 * Without JavaScript the anchor is still a plain link to the section. Loaded on the first click only
 * (see Head.astro), so prose pages do not pay for it up front.
 */
function liveRegion(): HTMLElement {
  let region = document.getElementById('copy-link-status');
  if (!region) {
    region = document.createElement('div');
    region.id = 'copy-link-status';
    region.className = 'sr-only';
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    document.body.append(region);
  }
  return region;
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (insecure context or permission): fall back to a selection copy.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** Copies the section link `link` points to, keeping the page's query string, and announces it. */
export async function copySectionLink(link: HTMLAnchorElement) {
  const url = new URL(link.href, location.href);
  url.search = location.search;
  const strings = uiStrings(document.documentElement.lang);
  const ok = await copyText(url.href);
  const message = ok ? strings['copyLink.copied'] : strings['copyLink.failed'];
  const region = liveRegion();
  // Clearing first makes a second copy of the same link announce again.
  region.textContent = '';
  requestAnimationFrame(() => (region.textContent = message));
  link.dataset.copied = message;
  window.setTimeout(() => delete link.dataset.copied, 2000);
}
