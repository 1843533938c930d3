/**
 * The comparison chart's curves, apart from `view.ts` so that their code loads with the chart (a secondary panel)
 * after start-up.
 */
import { kvCacheBytes, withAttention } from '~/lib/memory/kv-cache';
import type { AttentionKind, ModelSpec } from '~/lib/model/model-spec';
import { nearestGroups } from './compute';
import type { KvInputs } from './view';

export interface ChartSeries {
  kind: AttentionKind;
  label: string;
  /** Exact corners of the piecewise-linear curve: [tokens, bytes]. */
  points: [number, number][];
}

/**
 * KV bytes against context length for the same model shape as MHA, GQA, MQA and MLA. The curves are
 * linear between 0, the window (where windowed layers stop growing) and the end, so those corners are exact.
 */
export function chartSeries(model: ModelSpec, inputs: Pick<KvInputs, 'groups' | 'batch' | 'kvDtype'>, maxSeqLen: number): ChartSeries[] {
  const groups = model.attention === 'gqa' ? model.numKvHeads : nearestGroups(model, inputs.groups);
  const kinds: { kind: AttentionKind; label: string; spec: ModelSpec }[] = [
    { kind: 'mha', label: 'MHA', spec: withAttention(model, 'mha') },
    { kind: 'gqa', label: `GQA-${groups}`, spec: withAttention(model, 'gqa', groups) },
    { kind: 'mqa', label: 'MQA', spec: withAttention(model, 'mqa') },
    { kind: 'mla', label: 'MLA', spec: withAttention(model, 'mla') },
  ];
  const corners = [0, maxSeqLen];
  const window = model.slidingWindow?.window;
  if (window !== undefined && window < maxSeqLen) corners.splice(1, 0, window);
  return kinds.map(({ kind, label, spec }) => ({
    kind,
    label,
    points: corners.map((seqLen) => [seqLen, kvCacheBytes(spec, { seqLen, batch: inputs.batch, dtype: inputs.kvDtype }).total] as [number, number]),
  }));
}
