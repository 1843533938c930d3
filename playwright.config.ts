import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/e2e/browser';

// Each checkout can serve on its own port (PORT=4330 npm run test:e2e) so parallel work does not collide.
const port = Number(process.env.PORT ?? 4321);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  // Two workers, with or without CI (.ci/run does not set CI; Playwright's own default is half the cores, 1 here).
  // Measured on the 2-core machine, 29 calculator tests back to back in one /work/bin/heavy slot (issue 34):
  // 1 worker 90.5 s, 2 workers 84.6 s. A third worker would only queue for the same two cores.
  workers: 2,
  retries: 0,
  // A stray test.only must not pass CI by running one test.
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  timeout: 60_000,
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: chromiumLaunchOptions(),
  },
  webServer: {
    command: `node node_modules/astro/bin/astro.mjs preview --port ${port} --force`,
    url: `http://localhost:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { ASTRO_TELEMETRY_DISABLED: '1' },
  },
});
