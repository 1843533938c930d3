/**
 * The KV-cache calculator's shapes: its inputs and what it shows (`KvReport`). The numbers come from `compute.ts`,
 * which the island loads after start-up (`core.ts`); until then the first frame is the server's report.
 */
import { DTYPES, type Dtype } from '~/lib/model/dtype';
import type { MaxContext } from '~/lib/memory/kv-cache';
import type { ModelSpec, RecurrentSpec } from '~/lib/model/model-spec';
import { WEIGHT_FORMATS, type WeightFormat } from '~/lib/model/quant-formats';

export const ATTENTION_CHOICES = ['model', 'mha', 'gqa', 'mqa', 'mla'] as const;
export type AttentionChoice = (typeof ATTENTION_CHOICES)[number];

/** How the weights are stored: a plain element type (every parameter at its width) or a real format's layout. */
export type WeightsChoice = Dtype | WeightFormat;
/** The plain types first (the calculator's first choices), then the formats that are not one of them. */
export const WEIGHTS_CHOICES: readonly WeightsChoice[] = [...DTYPES, ...WEIGHT_FORMATS.filter((f) => !(DTYPES as readonly string[]).includes(f))];

export interface GpuChoice {
  id: string;
  name: string;
  label: string;
  memoryBytes: number;
}

export interface KvInputs {
  model: ModelSpec;
  attention: AttentionChoice;
  /** KV heads when shown as GQA. */
  groups: number;
  seqLen: number;
  batch: number;
  kvDtype: Dtype;
  weightsDtype: WeightsChoice;
  gpus: GpuChoice[];
  gpuId: string;
  gpuCount: number;
  utilization: number;
  blockSize: number;
}

export interface GpuRow extends GpuChoice {
  /** Memory the engine may use on `gpuCount` of these: utilization × count × capacity. */
  usableBytes: number;
  /** Weights + paged KV cache + the batch's recurrent state. */
  neededBytes: number;
  fits: boolean;
}

export interface KvReport {
  spec: ModelSpec;
  elementsPerLayer: number;
  kvBytesPerElement: number;
  /** Bytes of the weights over the parameters: the element size, or a format's average with its scales. */
  weightsBytesPerElement: number;
  layers: { global: number; local: number; withoutKv: number };
  perToken: number;
  total: number;
  pagedSeqLen: number;
  pagedTotal: number;
  waste: number;
  params: number;
  activeParams: number | null;
  /** Active parameters without the token embedding (OpenAI's convention), beside `activeParams`. */
  activeParamsWithoutEmbeddings: number | null;
  weights: number;
  /** A vision tower counted apart from `params` (Gemma 3), or null. */
  visionParams: number | null;
  /** A hybrid's recurrent layers: what they are and the fixed state each sequence keeps in them. */
  recurrent: {
    kind: RecurrentSpec['kind'];
    layers: number;
    /** Numbers per layer in the convolution window and in the recurrent state (vLLM's state shapes). */
    convElements: number;
    ssmElements: number;
    /** Bytes per number of each (bf16 for the window; the SSM state may be float32). */
    convBytes: number;
    ssmBytes: number;
    perSequence: number;
    /** `perSequence` × batch. */
    total: number;
  } | null;
  gpuRows: GpuRow[];
  gpu: GpuRow;
  freeBytes: number;
  maxContext: MaxContext;
  maxBatch: number;
  /** The GQA groupings the picked model allows (divisors of its query heads other than 1 and all of them). */
  groupChoices: number[];
  /** The reader's grouping, moved to the nearest allowed one. */
  groups: number;
}
