/**
 * Every topic page's problems, in the order of the chapters (the index page lists them so). A page's
 * `<ProblemSet page="…" />` finds its set here; a page listed here without the tag, or the other way round, fails
 * `scripts/check-problems.mjs`.
 */
import type { PageProblems } from './types';
import { servingProblems } from './serving';
import { transformerCountedProblems } from './transformer-counted';
import { architecturesProblems } from './architectures';
import { whyDecoderOnlyProblems } from './why-decoder-only';
import { attentionVariantsProblems } from './attention-variants';
import { contextLengthProblems } from './context-length';
import { ropeScalingProblems } from './rope-scaling';
import { mixtureOfExpertsProblems } from './mixture-of-experts';
import { quantizationProblems } from './quantization';
import { tokensEmbeddingsProblems } from './tokens-embeddings';
import { sparseDenseVectorsProblems } from './sparse-dense-vectors';
import { fineTuningMethodsProblems } from './fine-tuning-methods';
import { finetuneMemoryProblems } from './finetune-memory';
import { distributedTrainingProblems } from './distributed-training';
import { preferenceOptimizationProblems } from './preference-optimization';
import { sftDataProblems } from './sft-data-and-failures';
import { forgettingProblems } from './forgetting';
import { knowledgeInjectionProblems } from './knowledge-injection';
import { chineseLlmProblems } from './chinese-llm';
import { reasoningModelsProblems } from './reasoning-models';
import { decodingSamplingProblems } from './decoding-sampling';

export const PROBLEM_PAGES: PageProblems[] = [
  transformerCountedProblems,
  architecturesProblems,
  whyDecoderOnlyProblems,
  attentionVariantsProblems,
  contextLengthProblems,
  ropeScalingProblems,
  mixtureOfExpertsProblems,
  quantizationProblems,
  tokensEmbeddingsProblems,
  sparseDenseVectorsProblems,
  fineTuningMethodsProblems,
  finetuneMemoryProblems,
  distributedTrainingProblems,
  sftDataProblems,
  preferenceOptimizationProblems,
  reasoningModelsProblems,
  forgettingProblems,
  knowledgeInjectionProblems,
  chineseLlmProblems,
  decodingSamplingProblems,
  servingProblems,
];

/** The chapters the problems index groups pages under (the same groups the site's link cards name). */
export const PROBLEM_CHAPTERS: { id: string; pages: string[] }[] = [
  {
    id: 'architecture',
    pages: ['transformer-counted', 'architectures', 'why-decoder-only', 'attention-variants', 'context-length', 'rope-scaling', 'mixture-of-experts'],
  },
  { id: 'tokens', pages: ['tokens-embeddings', 'sparse-dense-vectors'] },
  {
    id: 'training',
    pages: [
      'fine-tuning-methods',
      'finetune-memory',
      'distributed-training',
      'sft-data-and-failures',
      'preference-optimization',
      'reasoning-models',
      'forgetting',
      'knowledge-injection',
      'chinese-llm',
    ],
  },
  { id: 'inference', pages: ['quantization', 'decoding-sampling', 'serving'] },
];

/** A page's problems; an unknown page throws, failing the build. */
export function problemsFor(page: string): PageProblems {
  const set = PROBLEM_PAGES.find((p) => p.page === page);
  if (!set) throw new Error(`<ProblemSet page="${page}">: no problems for this page in src/problems/index.ts`);
  return set;
}

export type { PageProblems, Problem, Solved } from './types';
