/**
 * The KV-cache calculator's shapes: its inputs and what it shows (`KvReport`). The numbers come from `compute.ts`,
 * which the island loads after start-up (`core.ts`); until then the first frame is the server's report.
 */
import type { Dtype } from '~/lib/model/dtype';
import type { MaxContext } from '~/lib/memory/kv-cache';
import type { ModelSpec } from '~/lib/model/model-spec';

export const ATTENTION_CHOICES = ['model', 'mha', 'gqa', 'mqa', 'mla'] as const;
export type AttentionChoice = (typeof ATTENTION_CHOICES)[number];

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
  weightsDtype: Dtype;
  gpus: GpuChoice[];
  gpuId: string;
  gpuCount: number;
  utilization: number;
  blockSize: number;
}

export interface GpuRow extends GpuChoice {
  /** Memory the engine may use on `gpuCount` of these: utilization × count × capacity. */
  usableBytes: number;
  neededBytes: number;
  fits: boolean;
}

export interface KvReport {
  spec: ModelSpec;
  elementsPerLayer: number;
  kvBytesPerElement: number;
  weightsBytesPerElement: number;
  layers: { global: number; local: number; withoutKv: number };
  perToken: number;
  total: number;
  pagedSeqLen: number;
  pagedTotal: number;
  waste: number;
  params: number;
  activeParams: number | null;
  weights: number;
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
