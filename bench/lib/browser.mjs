import { chromium } from '@playwright/test';
import { CHROMIUM_FLAGS, systemChromium } from '../../scripts/chromium.mjs';

export { CHROMIUM_FLAGS };

/** Debian's Chromium where present, else Playwright's own. */
export function launchChromium() {
  const executablePath = systemChromium();
  return chromium.launch(executablePath ? { executablePath, args: CHROMIUM_FLAGS } : { args: CHROMIUM_FLAGS });
}

/** Median of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
