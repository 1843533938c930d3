/**
 * Real config.json files of released models (tests/fixtures/configs/index.json says where each came from and
 * where its official count is published). Every one is either counted within the published figure's tolerance
 * (and, where a checkpoint's safetensors headers were summed, to the parameter) or refused with a ConfigError naming
 * the feature the calculator does not model.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ConfigError } from '~/lib/model/config-error';
import { parseHfConfig } from '~/lib/model/hf-config';
import type { ModelSpec } from '~/lib/model/model-spec';
import { countActiveParams, countParams } from '~/lib/model/param-count';
import { parsePublishedCount } from '~/lib/model/published-count';
import { kvCacheBytes, maxContextLength } from '~/lib/memory/kv-cache';

interface Entry {
  id: string;
  file: string;
  model: string;
  released: number | null;
  kinds: string[];
  configUrl: string;
  obtainedFrom: string;
  published?: {
    total?: string;
    active?: string;
    /** How the vendor counts "active": with the token embedding (default) or without it (OpenAI). */
    activeConvention?: 'with-embeddings' | 'without-embeddings';
    nonEmbedding?: string;
    source: string;
    checked: string;
  };
  /** Parameters summed from the checkpoint's safetensors headers; `textModel` is what countParams must give exactly. */
  weights?: { total: string; textModel: string; derivation: string };
  refused?: { field: string; reason: string };
  note?: string;
}

const dir = new URL('../../../fixtures/configs/', import.meta.url);
const { entries } = JSON.parse(readFileSync(new URL('index.json', dir), 'utf8')) as { entries: Entry[] };
const config = (entry: Entry): unknown => JSON.parse(readFileSync(new URL(entry.file, dir), 'utf8'));

/** The rule: 0.5% of an exact count ("6,053,381,344"), 2% of a rounded one ("109B"). */
function tolerance(published: string): number {
  return /[KMBT]$/.test(published.trim()) ? 0.02 : 0.005;
}

function expectNear(computed: number, published: string, what: string): void {
  const { value } = parsePublishedCount(published);
  const error = Math.abs(computed - value) / value;
  expect(error, `${what}: computed ${computed.toLocaleString('en')} vs published ${published}`).toBeLessThanOrEqual(tolerance(published));
}

/** Parameters outside the blocks that the Gemma 2 report calls "embedding": the token table (tied with the head). */
function embeddingParams(spec: ModelSpec): number {
  const h = spec.hiddenSize;
  return spec.vocabSize * h * (spec.tiedEmbeddings ? 1 : 2) + (spec.learnedPositions ?? 0) * h + (spec.tokenTypes ?? 0) * h;
}

test('the corpus holds at least 40 real configs from 2019 to 2026 across dense, GQA, MLA, MoE, sliding, hybrid and wrapped models', () => {
  expect(entries.length).toBeGreaterThanOrEqual(40);
  const kinds = new Set(entries.flatMap((e) => e.kinds));
  const required = ['mha', 'gqa', 'mqa', 'mla', 'moe', 'sliding-hybrid', 'chunked-attention', 'multimodal-wrapper', 'chatglm', 'shared-expert'];
  // Issue 29: the 2025–26 families.
  required.push('hybrid-recurrent', 'gated-deltanet', 'kda', 'mamba2', 'mamba1', 'mxfp4', 'rope-parameters', 'vision-tower', 'attention-sinks');
  for (const kind of required) {
    expect(kinds, kind).toContain(kind);
  }
  const years = entries.map((e) => e.released).filter((y): y is number => y !== null);
  expect(Math.min(...years)).toBeLessThanOrEqual(2019);
  expect(Math.max(...years)).toBeGreaterThanOrEqual(2025);
  for (const e of entries) {
    expect(e.configUrl).toMatch(/^https:\/\/huggingface\.co\/[\w.-]+\/[\w.-]+\/blob\/main\/config\.json$/);
    expect(e.obtainedFrom.length).toBeGreaterThan(0);
    expect(e.published !== undefined || e.refused !== undefined || e.weights !== undefined, e.id).toBe(true);
    if (e.published) expect(e.published.source).toMatch(/^https:\/\//);
  }
});

describe.each(entries.filter((e) => e.published || e.weights).map((e) => [e.id, e] as const))('%s', (_id, entry) => {
  const spec = parseHfConfig(config(entry));

  test('matches the published count, in the vendor\'s convention of "active"', () => {
    const published = entry.published;
    if (!published) return;
    if (published.total) expectNear(countParams(spec), published.total, 'total');
    const embeddings = published.activeConvention !== 'without-embeddings';
    if (published.active) expectNear(countActiveParams(spec, { embeddings }), published.active, 'active');
    if (published.nonEmbedding) expectNear(countParams(spec) - embeddingParams(spec), published.nonEmbedding, 'non-embedding');
  });

  test('matches the checkpoint to the parameter where its safetensors headers were summed', () => {
    if (!entry.weights) return;
    expect(countParams(spec)).toBe(parsePublishedCount(entry.weights.textModel).value);
    expect(parsePublishedCount(entry.weights.textModel).value).toBeLessThanOrEqual(parsePublishedCount(entry.weights.total).value);
  });

  test('active ≤ total, and the KV cache is a finite, non-negative size', () => {
    const total = countParams(spec);
    const active = countActiveParams(spec);
    expect(active).toBeLessThanOrEqual(total);
    expect(active).toBeGreaterThan(0);
    for (const seqLen of [0, 1, 4096, 131072]) {
      const kv = kvCacheBytes(spec, { seqLen, batch: 1, dtype: 'bf16' });
      expect(Number.isFinite(kv.perToken) && kv.perToken >= 0).toBe(true);
      expect(Number.isFinite(kv.total) && kv.total >= 0).toBe(true);
    }
    const fit = maxContextLength(spec, { freeBytes: 2 ** 34, batch: 1, dtype: 'bf16' });
    if (fit.kind === 'limited') expect(fit.seqLen).toBeGreaterThan(0);
  });
});

describe.each(entries.filter((e) => e.refused).map((e) => [e.id, e] as const))('%s', (_id, entry) => {
  test('is refused with a ConfigError naming the unsupported feature', () => {
    let error: unknown;
    try {
      parseHfConfig(config(entry));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe(entry.refused!.field);
    expect((error as ConfigError).reason).toBe(entry.refused!.reason);
  });
});
