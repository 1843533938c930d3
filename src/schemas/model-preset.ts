import { z } from 'astro/zod';
import { ConfigError } from '~/lib/model/config-error';
import { parseHfConfig } from '~/lib/model/hf-config';
import { parsePublishedCount } from '~/lib/model/published-count';

/** A parameter count as its publisher prints it: "7.24B", "124M" or an exact "6,738,415,616". */
const publishedCount = z.string().refine(
  (text) => {
    try {
      parsePublishedCount(text);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected a published count such as 7.24B, 124M or 6,738,415,616' },
);

/**
 * One model preset: a file `src/content/models/<id>.json` holding the model's own `config.json` fields
 * and its official parameter count with a source. The `config` must parse with `parseHfConfig`; a
 * config the calculators cannot use fails the build with the field's name.
 */
export const modelPresetSchema = z
  .strictObject({
    /** Display name, e.g. "Llama 2 7B". */
    name: z.string().min(1),
    /** Position in preset lists (ascending). */
    order: z.number().int(),
    /** Hugging Face repository the config comes from, e.g. "meta-llama/Llama-2-7b-hf". */
    repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'repo: expected owner/name'),
    /** The config.json the `config` field copies. */
    configUrl: z.url(),
    params: z.strictObject({
      /** Official total parameter count. */
      total: publishedCount,
      /** Official parameters active per token (mixtures of experts only). */
      active: publishedCount.optional(),
      /**
       * How the vendor counts "active": with the token embedding (Qwen, DeepSeek, Mistral, Meta) or without it
       * (OpenAI's gpt-oss). `countActiveParams(spec, { embeddings })` computes either. Required with `active`.
       */
      activeConvention: z.enum(['with-embeddings', 'without-embeddings']).optional(),
      /** Where the official counts are published. */
      totalSource: z.url(),
      /** What the official figure includes or leaves out. Optional. */
      note: z.string().optional(),
    }),
    /** The fields of the model's config.json, unchanged. */
    config: z.record(z.string(), z.unknown()),
  })
  .superRefine((preset, ctx) => {
    if (preset.params.active !== undefined && preset.params.activeConvention === undefined) {
      ctx.addIssue({ code: 'custom', path: ['params', 'activeConvention'], message: 'say how "active" is counted: with-embeddings or without-embeddings' });
    }
    try {
      parseHfConfig(preset.config);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      ctx.addIssue({ code: 'custom', path: ['config', ...error.field.split('.')], message: error.message });
    }
  });

export type ModelPresetData = z.infer<typeof modelPresetSchema>;
