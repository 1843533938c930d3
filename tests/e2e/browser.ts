import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { LaunchOptions } from '@playwright/test';
import { CHROMIUM_FLAGS, systemChromium } from '../../scripts/chromium.mjs';

/**
 * Debian's `chromium` when present (Playwright cannot download its own browser here), else Playwright's
 * own Chromium. Says clearly what to install when neither exists.
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const system = systemChromium();
  if (system) return { executablePath: system, args: CHROMIUM_FLAGS };
  let bundled: string | undefined;
  try {
    bundled = createRequire(import.meta.url)('playwright-core').chromium.executablePath();
  } catch {
    bundled = undefined;
  }
  if (!bundled || !existsSync(bundled)) {
    throw new Error(
      "No Chromium found for the end-to-end tests. Install Debian's: `apt-get update && apt-get install -y chromium`, " +
        'or set CHROME_PATH, or run `npx playwright install chromium` where downloads are allowed.',
    );
  }
  return { args: CHROMIUM_FLAGS };
}
