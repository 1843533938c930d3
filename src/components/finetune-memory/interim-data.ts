/**
 * INTERIM: stands in for the `models` and `gpus` collections the KV-cache work adds (src/content/models,
 * src/content/gpus). Replaced by those as soon as they land; parameter counts here are the official ones.
 */
import type { ModelSpec } from '../../lib/model-spec';
import type { PresetModel, Gpu } from './FineTuneMemoryIsland';

const llama = (s: Partial<ModelSpec>): ModelSpec => ({
  family: 'llama',
  numLayers: 32,
  hiddenSize: 4096,
  numHeads: 32,
  numKvHeads: 32,
  headDim: 128,
  intermediateSize: 11008,
  vocabSize: 32000,
  tiedEmbeddings: false,
  attention: 'mha',
  mlp: 'gated',
  norm: 'rmsnorm',
  bias: { qkv: false, o: false, mlp: false },
  ...s,
});

export const INTERIM_MODELS: PresetModel[] = [
  { id: 'llama-2-7b', label: 'Llama-2-7B', spec: llama({}), params: 6_738_415_616 },
  {
    id: 'llama-3.1-8b',
    label: 'Llama-3.1-8B',
    spec: llama({ numKvHeads: 8, attention: 'gqa', intermediateSize: 14336, vocabSize: 128256 }),
    params: 8_030_261_248,
  },
  {
    id: 'llama-2-70b',
    label: 'Llama-2-70B',
    spec: llama({ numLayers: 80, hiddenSize: 8192, numHeads: 64, numKvHeads: 8, attention: 'gqa', intermediateSize: 28672 }),
    params: 68_976_648_192,
  },
];

const GiB = 2 ** 30;
export const INTERIM_GPUS: Gpu[] = [
  { id: 'rtx-4090', label: 'RTX 4090 24 GB', bytes: 24 * GiB },
  { id: 'a100-40gb', label: 'A100 40 GB', bytes: 40 * GiB },
  { id: 'a100-80gb', label: 'A100 80 GB', bytes: 80 * GiB },
  { id: 'h100-80gb', label: 'H100 80 GB', bytes: 80 * GiB },
  { id: 'h200-141gb', label: 'H200 141 GB', bytes: 141e9 },
];
