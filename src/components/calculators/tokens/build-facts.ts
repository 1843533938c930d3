/**
 * Facts the playground's wrapper measures at build time (Node only): how many compressed bytes each vocabulary
 * costs to download, and each open model's chat template around the user's message.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { VOCABULARY_NAMES } from '~/lib/text/bpe-vocabularies';
import { OPEN_VOCABULARIES, OPEN_VOCABULARY_NAMES } from '~/lib/text/open-vocabularies';
import { chatTemplateParts, llama2ChatParts, type ChatTemplateParts } from '~/lib/text/chat-templates';
import type { TokenVocabulary } from './state';

// The chunks carry the JSON without whitespace (Vite inlines it as a JSON.parse string), so measure it that way.
const gz = (paths: string[]) =>
  paths.reduce((n, p) => {
    const raw = readFileSync(p, 'utf8');
    return n + gzipSync(p.endsWith('.json') ? JSON.stringify(JSON.parse(raw)) : raw, { level: 6 }).length;
  }, 0);

let cached: { downloadBytes: Record<TokenVocabulary, number>; templates: Partial<Record<TokenVocabulary, ChatTemplateParts>> } | undefined;

/** Measured once per build: gzip of the files each vocabulary's chunk is made of. */
export function playgroundBuildFacts() {
  if (cached) return cached;
  const downloadBytes = {} as Record<TokenVocabulary, number>;
  const templates: Partial<Record<TokenVocabulary, ChatTemplateParts>> = {};
  for (const name of VOCABULARY_NAMES) downloadBytes[name] = gz([`node_modules/gpt-tokenizer/esm/bpeRanks/${name}.js`]);
  for (const name of OPEN_VOCABULARY_NAMES) {
    const files = OPEN_VOCABULARIES[name].files.map((f) => `node_modules/${f}`);
    downloadBytes[name] = gz(files);
    const config = files.find((f) => f.endsWith('tokenizer_config.json'));
    const parts = config ? chatTemplateParts(JSON.parse(readFileSync(config, 'utf8'))) : name === 'llama2' ? llama2ChatParts() : null;
    if (parts) templates[name] = parts;
  }
  cached = { downloadBytes, templates };
  return cached;
}
