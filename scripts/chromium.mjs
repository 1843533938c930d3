import { existsSync } from 'node:fs';

/** Flags that let Chromium run headless as root on a machine with no network but loopback. */
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

/** Debian's `chromium` (or CHROME_PATH) when present; undefined means "use Playwright's own browser". */
export function systemChromium() {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  return existsSync(path) ? path : undefined;
}
