/**
 * A problem's "open this in the calculator" link, read back through the calculator's own URL schema: every
 * parameter must be one the calculator owns (its prefix and a key of its schema) and pass its validation, and the
 * page must exist, so the link restores exactly the state the question describes.
 */
import { existsSync } from 'node:fs';
import { readUrlState, type StateSchema } from '~/components/calculators/shared/url-state';
import type { CalculatorLink, CalculatorName } from '~/problems/types';
import { kvSchema, kvDefaults } from '~/components/calculators/kv-cache/state';
import { servingSchema, servingDefaults } from '~/components/calculators/serving-planner/state';
import { stateSchema as ftSchema, defaultState as ftDefaults } from '~/components/calculators/finetune-memory/state';
import { schema as maskSchema, rankSchema, maskDefaults, URL_PREFIX as MASK_PREFIX } from '~/components/calculators/attention-mask/state';
import { schema as tokSchema, URL_PREFIX as TOK_PREFIX } from '~/components/calculators/tokens/state';
import { schema as svSchema, defaultState as svDefaults, URL_PREFIX as SV_PREFIX } from '~/components/calculators/sparse-vector/state';
import { countsSchema, countsDefaults, URL_PREFIX as TC_PREFIX } from '~/components/calculators/transformer-counts/state';
import { modelPresets, gpus } from '../helpers/presets';

interface Owner {
  prefix: string;
  schema: StateSchema;
  defaults: Record<string, unknown>;
}

function owner(name: CalculatorName): Owner {
  const modelIds = modelPresets().map((p) => p.id);
  const gpuIds = gpus().map((g) => g.id);
  switch (name) {
    case 'kv-cache':
      return { prefix: 'kv.', schema: kvSchema(modelIds, gpuIds), defaults: kvDefaults(modelIds[0]!, gpuIds) };
    case 'serving-planner':
      return { prefix: 'srv.', schema: servingSchema(modelIds, gpuIds), defaults: servingDefaults(modelIds[0]!, gpuIds) };
    case 'finetune-memory':
      return { prefix: 'ft.', schema: ftSchema(modelIds, gpuIds), defaults: ftDefaults(modelIds[0]!, gpuIds[0]!) };
    case 'attention-mask':
      return { prefix: MASK_PREFIX.mask, schema: maskSchema, defaults: { ...maskDefaults('mask', 'en') } };
    case 'attention-rank':
      return { prefix: MASK_PREFIX.rank, schema: rankSchema, defaults: { ...maskDefaults('rank', 'en') } };
    case 'tokens':
      return { prefix: TOK_PREFIX, schema: tokSchema, defaults: { text: '', vocab: 'all', vs: 'none', chat: 'off', d: 768 } };
    case 'sparse-vector':
      return { prefix: SV_PREFIX, schema: svSchema, defaults: svDefaults('en') };
    case 'transformer-counts':
      return { prefix: TC_PREFIX, schema: countsSchema(modelIds), defaults: countsDefaults(modelIds[0]!) };
  }
}

/** What is wrong with a link (empty when it restores its state): unknown keys, rejected values, a missing page. */
export function calculatorLinkNotices(link: CalculatorLink): string[] {
  const problems: string[] = [];
  const page = `src/content/docs/${link.page}.mdx`;
  if (!existsSync(page)) problems.push(`no page ${page}`);
  const { prefix, schema, defaults } = owner(link.calculator);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(link.params)) {
    if (!key.startsWith(prefix) || !(key.slice(prefix.length) in schema)) problems.push(`${key} is not a parameter of ${link.calculator}`);
    query.set(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  const { notices } = readUrlState(`?${query}`, schema, defaults as never, prefix);
  for (const n of notices) problems.push(`${n.key}=${n.value}: ${n.reason}`);
  return problems;
}
