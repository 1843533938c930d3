/**
 * Masks written as PyTorch: a boolean tensor (True = may attend) and a FlexAttention `mask_mod`, for the core
 * kinds and for every MaskSpec. Kept apart from the builders because only the visualizer's export panel runs
 * it, and that panel's code loads after start-up.
 */
import { checkKind, checkLength, checkWhole, MaskOptionError, type MaskOptions } from './attention-mask';
import { specLength, type MaskSpec } from './mask-spec';

/**
 * The mask as a PyTorch boolean tensor expression (True = may attend) and a FlexAttention `mask_mod`.
 */
export function maskToPython(options: MaskOptions): { tensor: string; maskMod: string } {
  // Validated like attentionMask (without building it), so the code shown is never for an impossible mask.
  if (typeof options !== 'object' || options === null) throw new MaskOptionError('kind', 'not-object', options, undefined, 'expected mask options');
  checkKind(options.kind);
  checkLength(options.length);
  if (options.kind === 'prefix') checkWhole('prefixLength', options.prefixLength ?? 0, 0, options.length, 'prefix length');
  if (options.kind === 'sliding-window') checkWhole('window', options.window ?? options.length, 1, Number.MAX_SAFE_INTEGER, 'window');
  const n = options.length;
  const p = options.prefixLength ?? 0;
  const w = options.window ?? n;
  const idx = `q = torch.arange(${n})[:, None]\nk = torch.arange(${n})[None, :]`;
  switch (options.kind) {
    case 'causal':
      return { tensor: `${idx}\nmask = k <= q`, maskMod: 'def mask_mod(b, h, q_idx, kv_idx):\n    return kv_idx <= q_idx' };
    case 'prefix':
      return {
        tensor: `${idx}\nmask = (k < ${p}) | (k <= q)`,
        maskMod: `def mask_mod(b, h, q_idx, kv_idx):\n    return (kv_idx < ${p}) | (kv_idx <= q_idx)`,
      };
    case 'bidirectional':
      return { tensor: `mask = torch.ones(${n}, ${n}, dtype=torch.bool)`, maskMod: 'def mask_mod(b, h, q_idx, kv_idx):\n    return q_idx >= 0' };
    case 'sliding-window':
      return {
        tensor: `${idx}\nmask = (k <= q) & (q - k < ${w})`,
        maskMod: `def mask_mod(b, h, q_idx, kv_idx):\n    return (kv_idx <= q_idx) & (q_idx - kv_idx < ${w})`,
      };
  }
}

function lines(...parts: string[]): string {
  return parts.filter((p) => p !== '').join('\n');
}

/**
 * The spec as PyTorch: a boolean tensor (True = may attend) and a FlexAttention `mask_mod`. Encoder–decoder
 * is written as its three real matrices, since a model holds them separately.
 */
export function maskSpecToPython(spec: MaskSpec): { tensor: string; maskMod: string } {
  const pad = spec.leftPadding ?? 0;
  if (spec.kind === 'encoder-decoder') {
    const e = spec.encoderLength;
    const d = spec.decoderLength;
    const padLines =
      pad > 0
        ? `# left padding of the encoder input: no query sees a pad key\nenc_self[:, :${pad}] = False\nenc_self[:${pad}] = False\ncross[:, :${pad}] = False`
        : '';
    return {
      tensor: lines(
        `enc_self = torch.ones(${e}, ${e}, dtype=torch.bool)`,
        `dec_self = torch.ones(${d}, ${d}, dtype=torch.bool).tril()`,
        `cross = torch.ones(${d}, ${e}, dtype=torch.bool)  # decoder queries × encoder keys`,
        padLines,
      ),
      maskMod: lines(
        '# decoder self-attention',
        'def mask_mod(b, h, q_idx, kv_idx):',
        '    return kv_idx <= q_idx',
        pad > 0 ? `# encoder self- and cross-attention: keys after the padding\ndef pad_mask_mod(b, h, q_idx, kv_idx):\n    return kv_idx >= ${pad}` : '',
      ),
    };
  }
  let base: { tensor: string; maskMod: string };
  const n = specLength(spec);
  const idx = `q = torch.arange(${n})[:, None]\nk = torch.arange(${n})[None, :]`;
  switch (spec.kind) {
    case 'glm':
      base = maskToPython({ kind: 'prefix', length: spec.length, prefixLength: spec.partALength });
      break;
    case 'chunked': {
      const c = spec.chunkSize;
      base = {
        tensor: `${idx}\nmask = (q // ${c} == k // ${c}) & (k <= q)`,
        maskMod: `def mask_mod(b, h, q_idx, kv_idx):\n    return (q_idx // ${c} == kv_idx // ${c}) & (kv_idx <= q_idx)`,
      };
      break;
    }
    case 'packed': {
      const docs = `doc = torch.repeat_interleave(torch.arange(${spec.documentLengths.length}), torch.tensor([${spec.documentLengths.join(', ')}]))`;
      base = {
        tensor: `${idx}\n${docs}\nmask = (doc[:, None] == doc[None, :]) & (k <= q)`,
        maskMod: `${docs}\n\ndef mask_mod(b, h, q_idx, kv_idx):\n    return (doc[q_idx] == doc[kv_idx]) & (kv_idx <= q_idx)`,
      };
      break;
    }
    default:
      base = maskToPython(spec);
  }
  if (pad === 0) return base;
  // Pad rows see nothing and no row sees a pad key; the tensor form needs q and k even for a full mask.
  const tensor = base.tensor.includes('q = torch.arange') ? base.tensor : `${idx}\n${base.tensor}`;
  return {
    tensor: `${tensor}\nmask &= (q >= ${pad}) & (k >= ${pad})`,
    maskMod: base.maskMod.replace(/return (.*)$/, (_, expr: string) => `return (${expr}) & (q_idx >= ${pad}) & (kv_idx >= ${pad})`),
  };
}
