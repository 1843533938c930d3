import { test, expect } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CardStore, cardKey } from '../../../src/og/cache';
import { cardForEntry, type OgCard } from '../../../src/og/card';
import { buildCardTree } from '../../../src/og/render';

const kv = cardForEntry('en/calculators/kv-cache', { title: 'KV-cache calculator', description: 'How much memory the KV cache takes.' });
const gqa = cardForEntry('attention-variants', { title: '多头、多查询与分组查询注意力', description: 'KV 缓存随上下文长度线性增长。' });
const tokens = cardForEntry('en/tokens-embeddings', { title: 'Tokens and embeddings', description: 'How a tokenizer cuts text into tokens.' });
const key = async (card: OgCard) => cardKey(await buildCardTree(card));

test('the key changes when the title changes and not otherwise', async () => {
  expect(await key({ ...kv })).toBe(await key(kv));
  expect(await key({ ...kv, title: 'KV cache calculator' })).not.toBe(await key(kv));
});

test('the key covers everything the card draws: description, locale, section, calculator line', async () => {
  const base = await key(kv);
  expect(await key({ ...kv, description: 'How much memory the KV cache takes!' })).not.toBe(base);
  expect(await key({ ...kv, lang: 'zh-CN' })).not.toBe(base);
  expect(await key({ ...kv, section: 'Notes' })).not.toBe(base);
  expect(await key({ ...kv, calculatorLine: undefined })).not.toBe(base);
});

test('a second build reuses the cache and re-renders only the card whose title changed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'og-cache-'));
  try {
    const first = new CardStore(dir, 2);
    const drawn = await first.pngs([kv, gqa, tokens]);
    expect(first.stats).toEqual({ hits: 0, misses: 3 });
    expect(readdirSync(dir).filter((f) => f.endsWith('.png'))).toHaveLength(3);

    const second = new CardStore(dir, 2);
    const again = await second.pngs([kv, { ...gqa, title: '多头、多查询与分组查询注意力（MHA、MQA、GQA）' }, tokens]);
    expect(second.stats).toEqual({ hits: 2, misses: 1 });
    expect(again[0]!.equals(drawn[0]!)).toBe(true);
    expect(again[1]!.equals(drawn[1]!)).toBe(false);
    expect(again[2]!.equals(drawn[2]!)).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the same card asked for twice in a build is drawn once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'og-cache-'));
  try {
    const store = new CardStore(dir, 2);
    await Promise.all([store.png(kv), store.png({ ...kv })]);
    expect(store.stats).toEqual({ hits: 0, misses: 1 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('pruning removes only cards no build has used for 30 days', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'og-cache-'));
  try {
    const store = new CardStore(dir, 2);
    await store.pngs([kv, tokens]);
    const [old] = readdirSync(dir);
    const longAgo = new Date(Date.now() - 31 * 86_400_000);
    utimesSync(join(dir, old!), longAgo, longAgo);
    expect(store.prune(30)).toBe(1);
    expect(readdirSync(dir)).toHaveLength(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
