import { chromium } from 'playwright';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const p = await b.newPage({ viewport: { width: 900, height: 1200 }, deviceScaleFactor: 1.5 });
const shots = [
  ['/en/decoding-sampling/', 'fig-sampling-settings'],
  ['/decoding-sampling/', 'fig-sampling-settings'],
  ['/en/reasoning-models/', 'fig-grpo-token-weights'],
  ['/reasoning-models/', 'fig-grpo-token-weights'],
  ['/en/serving/', 'fig-chunked-prefill'],
  ['/serving/', 'fig-chunked-prefill'],
  ['/en/quantization/', 'fig-block-scaling'],
  ['/quantization/', 'fig-block-scaling'],
  ['/en/attention-variants/', 'fig-attention-patterns'],
];
for (const [url, id] of shots) {
  await p.goto('http://localhost:4335' + url);
  const el = p.locator('#' + id);
  await el.screenshot({ path: `/tmp/shot-${url.replace(/\//g, '_')}-${id}.png` });
}
await b.close();
