/**
 * Every mask the visualizer shows, described as data: the core kinds plus GLM, encoder–decoder (as one
 * (E+D)² matrix), chunked attention and packed documents, each optionally left-padded. This file builds
 * the 0/1 matrix; mask-python.ts writes the same spec as PyTorch code, so the picture and the export cannot disagree.
 */
import {
  attentionMask,
  chunkedMask,
  encoderDecoderMasks,
  glmMask,
  MAX_MASK_LENGTH,
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
    throw new MaskOptionError(
      'length',
      'above-max',
      encoderLength + decoderLength,
      MAX_MASK_LENGTH,
      `encoder plus decoder length must be at most ${MAX_MASK_LENGTH}, got ${encoderLength + decoderLength}`,
    );
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
  if (typeof spec !== 'object' || spec === null) throw new MaskOptionError('kind', 'not-object', spec, undefined, 'expected a mask spec');
  let mask: AttentionMask;
  switch (spec.kind) {
    case 'glm':
      mask = glmMask(spec.length, spec.partALength);
      break;
    case 'encoder-decoder':
      if (!(spec.encoderLength >= 1 && spec.decoderLength >= 1)) {
        throw new MaskOptionError(
          'prefixLength',
          'below-min',
          Math.min(spec.encoderLength, spec.decoderLength),
          1,
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
    throw MaskOptionError.outOfRange(
      'padding',
      padding,
      0,
      spec.encoderLength,
      `padding goes on the encoder input: from 0 to ${spec.encoderLength}, got ${padding}`,
    );
  }
  return padding === 0 ? mask : withLeftPadding(mask, padding);
}
