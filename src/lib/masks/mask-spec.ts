/**
 * Every mask the visualizer shows, described as data: the core kinds plus GLM, encoder–decoder (as one
 * (E+D)² matrix), chunked attention and packed documents, each optionally left-padded. One function builds
 * the 0/1 matrix, another writes the same mask as PyTorch code, so the picture and the export cannot disagree.
 */
import {
  attentionMask,
  chunkedMask,
  encoderDecoderMasks,
  glmMask,
  MAX_MASK_LENGTH,
  maskToPython,
  MaskOptionError,
  packedDocumentsMask,
  withLeftPadding,
  type AttentionMask,
  type MaskKind,
} from './attention-mask';

export type MaskSpec = (
  | { kind: MaskKind; length: number; prefixLength?: number; window?: number }
  /** GLM: Part A (the corrupted text) bidirectional, Part B (the spans) causal over A and B. */
  | { kind: 'glm'; length: number; partALength: number }
  /** Encoder self-attention, cross-attention and decoder self-attention laid out as one square. */
  | { kind: 'encoder-decoder'; encoderLength: number; decoderLength: number }
  | { kind: 'chunked'; length: number; chunkSize: number }
  | { kind: 'packed'; documentLengths: number[] }
) & {
  /** Pad tokens at the start of the sequence (for encoder–decoder, of the encoder input). */
  leftPadding?: number;
};

export type MaskSpecKind = MaskSpec['kind'];

/** Sequence length of the square matrix a spec describes. */
export function specLength(spec: MaskSpec): number {
  switch (spec.kind) {
    case 'encoder-decoder':
      return spec.encoderLength + spec.decoderLength;
    case 'packed':
      return spec.documentLengths.reduce((a, b) => a + b, 0);
    default:
      return spec.length;
  }
}

/**
 * The encoder–decoder masks as one (E+D) × (E+D) matrix: rows 0…E−1 are encoder queries (they see the encoder
 * only), rows E… are decoder queries (cross-attention to every encoder token, causal over the decoder). The
 * pattern equals a prefix-LM mask with p = E; what differs is that the two halves are separate stacks.
 */
export function encoderDecoderJointMask(encoderLength: number, decoderLength: number): AttentionMask {
  // The joint matrix is (E+D)², so E + D is held to the mask limit (two full-length halves would be 8,192²).
  if (Number.isInteger(encoderLength) && Number.isInteger(decoderLength) && encoderLength + decoderLength > MAX_MASK_LENGTH) {
    throw new MaskOptionError('length', `encoder plus decoder length must be at most ${MAX_MASK_LENGTH}, got ${encoderLength + decoderLength}`);
  }
  const { encoderSelf, decoderSelf, cross } = encoderDecoderMasks(encoderLength, decoderLength);
  const n = encoderLength + decoderLength;
  const allowed = new Uint8Array(n * n);
  for (let q = 0; q < encoderLength; q++) allowed.set(encoderSelf.allowed.subarray(q * encoderLength, (q + 1) * encoderLength), q * n);
  for (let d = 0; d < decoderLength; d++) {
    const row = (encoderLength + d) * n;
    allowed.set(cross.allowed.subarray(d * encoderLength, (d + 1) * encoderLength), row);
    allowed.set(decoderSelf.allowed.subarray(d * decoderLength, (d + 1) * decoderLength), row + encoderLength);
  }
  return { length: n, allowed };
}

/** Builds the 0/1 matrix of a spec; throws MaskOptionError naming the field for invalid options. */
export function buildMask(spec: MaskSpec): AttentionMask {
  if (typeof spec !== 'object' || spec === null) throw new MaskOptionError('kind', 'expected a mask spec');
  let mask: AttentionMask;
  switch (spec.kind) {
    case 'glm':
      mask = glmMask(spec.length, spec.partALength);
      break;
    case 'encoder-decoder':
      if (!(spec.encoderLength >= 1 && spec.decoderLength >= 1)) {
        throw new MaskOptionError(
          'prefixLength',
          `the encoder and the decoder need at least 1 token each, got ${spec.encoderLength} and ${spec.decoderLength}`,
        );
      }
      mask = encoderDecoderJointMask(spec.encoderLength, spec.decoderLength);
      break;
    case 'chunked':
      mask = chunkedMask(spec.length, spec.chunkSize);
      break;
    case 'packed':
      mask = packedDocumentsMask(spec.documentLengths);
      break;
    default:
      mask = attentionMask(spec);
  }
  const padding = spec.leftPadding ?? 0;
  if (spec.kind === 'encoder-decoder' && padding > spec.encoderLength) {
    throw new MaskOptionError('padding', `padding goes on the encoder input: from 0 to ${spec.encoderLength}, got ${padding}`);
  }
  return padding === 0 ? mask : withLeftPadding(mask, padding);
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
