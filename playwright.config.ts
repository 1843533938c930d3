import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/e2e/browser';

// Each checkout can serve on its own port (PORT=4330 npm run test:e2e) so parallel work does not collide.
const port = Number(process.env.PORT ?? 4321);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
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
