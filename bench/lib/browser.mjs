import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium where present, else Playwright's own. */
export function launchChromium() {
  const system = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  return chromium.launch(existsSync(system) ? { executablePath: system, args: CHROMIUM_FLAGS } : { args: CHROMIUM_FLAGS });
}

/** Median of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
