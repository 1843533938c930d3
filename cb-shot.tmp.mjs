import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
const targets = process.argv.slice(2);
for (const t of targets) {
  const [path, id, theme] = t.split('#');
  await page.goto(`http://localhost:4343${path}`);
  if (theme === 'dark') await page.evaluate(() => { document.documentElement.dataset.theme = 'dark'; });
  const el = page.locator(`#${id}`);
  await el.screenshot({ path: `/tmp/shot-${id}-${theme ?? 'light'}${path.startsWith('/en') ? '-en' : ''}.png` });
}
await browser.close();
