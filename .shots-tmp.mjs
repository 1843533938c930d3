import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { CHROMIUM_FLAGS, systemChromium } from './scripts/chromium.mjs';
const port = 4338;
const server = spawn('node', ['node_modules/astro/bin/astro.mjs', 'preview', '--port', String(port), '--force'], { stdio: 'ignore' });
for (let i = 0; i < 60; i++) {
  try { await fetch(`http://localhost:${port}/`); break; } catch { await new Promise((r) => setTimeout(r, 1000)); }
}
const browser = await chromium.launch({ executablePath: systemChromium(), args: CHROMIUM_FLAGS });
const shots = [
  ['en-serving-problems', '/en/serving/#problem-serving-2', 1200, 900],
  ['zh-counted-figure', '/transformer-counted/#fig-decoder-block', 1200, 1000],
  ['en-counted-calc', '/en/transformer-counted/#calculator', 1200, 1100],
  ['en-counted-measured', '/en/transformer-counted/#measured', 1200, 1000],
  ['zh-problems-index', '/problems/', 1200, 900],
  ['phone-en-problem', '/en/serving/#problem-serving-6', 390, 844],
];
for (const [name, url, w, h] of shots) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  await page.goto(`http://localhost:${port}${url}`);
  await page.waitForTimeout(800);
  if (name === 'en-serving-problems') {
    const p = page.locator('#problem-serving-2');
    await p.locator('.problem-input').fill('14.4');
    await p.locator('.problem-check').click();
    await p.locator('summary', { hasText: 'Solution' }).click();
    await page.waitForTimeout(300);
    await p.scrollIntoViewIfNeeded();
  }
  await page.screenshot({ path: `/tmp/pshots/${name}.png` });
  await page.close();
}
await browser.close();
server.kill();
