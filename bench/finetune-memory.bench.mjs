/**
 * Fine-tune memory calculator: time from an input event to the updated result (the `data-bytes` of the
 * per-GPU total changes), median over many edits, in Chromium on the built page. Every edit recomputes
 * the result, the four-method comparison strip and the reverse solver (~50 core evaluations), with preference
 * training and the realism switches in the later scenarios.
 * Target: median < 16 ms (one frame). Run after a build: `npx node bench/finetune-memory.bench.mjs`.
 */
import { serveDist } from './lib/static-server.mjs';
import { launchChromium } from './lib/browser.mjs';
import { summarize, timeEdits } from './lib/edit-timing.mjs';

const EDITS = Number(process.env.RUNS ?? 200);
const SCENARIOS = [
  { name: 'Llama-2-7B, full fine-tuning (defaults)', query: '' },
  {
    name: 'Llama-2-70B, QLoRA all targets, ZeRO-3 on 8 GPUs',
    query: '?ft.model=llama-2-70b&ft.method=qlora&ft.targets=q,k,v,o,gate,up,down&ft.gpus=8&ft.zero=3',
  },
  { name: 'Llama-3.1-8B, P-tuning v2 with reparameterization, checkpointing', query: '?ft.model=llama-3.1-8b&ft.method=p-tuning-v2&ft.proj=1&ft.ckpt=1' },
  // Issue 15: preference training adds frozen copies, a critic and a rollout KV cache; the switches add TP/SP,
  // fused cross-entropy, activation offload and an overhead line. The reverse solver re-evaluates all of them.
  {
    name: 'Llama-3.1-70B, PPO with LoRA, TP 8 + SP, fused CE, offloaded checkpoints',
    query: '?ft.model=llama-3.1-70b&ft.method=lora&ft.objective=ppo&ft.tp=8&ft.sp=1&ft.fusedce=1&ft.ckpt=1&ft.actoffload=1&ft.overhead=2',
  },
  {
    name: 'Qwen2.5-7B, GRPO G = 16, QLoRA 8-bit, ZeRO-3 on 8 GPUs',
    query: '?ft.model=qwen2.5-7b&ft.method=qlora&ft.qbits=8&ft.objective=grpo&ft.gens=16&ft.gpus=8&ft.zero=3',
  },
  { name: 'Llama-2-7B, DPO full fine-tuning, precomputed reference', query: '?ft.objective=dpo&ft.ref=precomputed' },
];

const server = await serveDist();
const browser = await launchChromium();
const page = await browser.newPage();
const rows = [];
try {
  for (const scenario of SCENARIOS) {
    await page.goto(`${server.url}/en/calculators/finetune-memory/${scenario.query}`);
    await page.locator('#ft-calculator').scrollIntoViewIfNeeded();
    await page.waitForSelector('#ft-calculator astro-island:not([ssr])');
    // The core loads in the start-up's async step; data-live marks the island ready for edits.
    await page.waitForSelector('#ft-calculator [data-live]', { state: 'attached' });
    // A scenario whose link parameters were ignored would measure the defaults instead.
    if (await page.locator('#ft-calculator .calc-url-notices').count()) throw new Error(`${scenario.name}: link parameters ignored`);
    const times = await timeEdits(page, {
      root: '#ft-calculator',
      runs: EDITS,
      read: () => document.querySelector('[data-testid="ft-total"]').dataset.bytes,
      edit: (i) => {
        const input = document.querySelector('#ft-calculator-seq');
        input.value = String(1024 + i * 8 + (i % 2) * 4096);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      },
    });
    rows.push({ scenario: scenario.name, edits: EDITS, ...summarize(times, 16) });
  }
} finally {
  await browser.close();
  await server.close();
}
console.log('Fine-tune memory calculator: input event -> updated total (Chromium, target median < 16 ms)');
console.table(rows);
