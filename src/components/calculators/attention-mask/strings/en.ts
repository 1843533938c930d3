import type { OptionReason } from '~/lib/errors';
import type { MaskOptionField } from '~/lib/masks/attention-mask';

/** English UI strings of the attention-mask visualizer. Each language is its own module, so a page ships one. */
export const en = {
  kinds: {
    causal: 'Causal LM',
    prefix: 'Prefix LM',
    glm: 'GLM (Part A bidirectional, Part B causal)',
    'encoder-decoder': 'Encoder–decoder',
    bidirectional: 'Bidirectional (encoder)',
    'sliding-window': 'Sliding window',
    chunked: 'Chunked attention (chunk size W)',
    packed: 'Packed documents (split at sentence ends)',
  },
  kindNotes: {
    glm: 'GLM’s Part A is the text with some spans blanked out (the first p tokens); its tokens see each other in both directions. Part B holds the blanked spans, generated one token at a time, each seeing Part A and the Part B tokens before it. The loss falls on Part B only.',
    'encoder-decoder':
      'Encoder–decoder (T5, BART): the first p tokens are the encoder input, the rest the decoder. Drawn as one square, the visibility is the prefix LM’s; the difference is that encoder and decoder are two sets of weights, and cross-attention reads the encoder’s last layer.',
  },
  encDecRoles: ['encoder', 'decoder'] as [string, string],
  glmRoles: ['Part A', 'Part B'] as [string, string],
  rowSeesParts: (role: string, q: number, token: string, first: string, firstRanges: string, second: string, secondRanges: string) =>
    `${role.charAt(0).toUpperCase()}${role.slice(1)} token ${q} “${token}” sees ${first} tokens ${firstRanges} and ${second} tokens ${secondRanges}`,
  gridKeys: 'Tab into the table; the up and down arrow keys move between rows, Home and End jump to the first and last.',
  canvasLabel: (n: number) => `${n} × ${n} attention mask; focus it and use the up and down arrow keys to read row by row`,
  canvasLoss: (count: number, first: number) => `Positions with a loss: ${count} (from position ${first}).`,
  fieldHeading: (q: number, token: string) => `Layer by layer: which tokens can influence the last token, ${q} “${token}”, after layer l (window W from above)`,
  fieldRow: (layer: number, ranges: string) => `Layer ${layer}: tokens ${ranges}`,
  fieldMore: (rows: number, layers: number) =>
    `Only the first ${rows} of ${layers} layers are listed: by then the field covers the whole sequence, or the list is at its limit.`,
  play: 'Play',
  pause: 'Pause',
  padLabel: 'Left padding tokens',
  layersLabel: 'Stacked layers L (sliding-window receptive field)',
  reach: (l: string, w: string, r: string) => `Stacking ${l} layers of a ${w}-key window lets information travel across L·(W−1)+1 = ${r} tokens.`,
  wplusLabel: 'Count the window as W+1 keys (the paper’s text, attention-gym)',
  textLabel: 'Text (split into word tokens)',
  textHint: 'Split into words with the browser’s Intl.Segmenter, whitespace dropped; clear the text to use a plain length (t0, t1, …).',
  lengthLabel: 'Length n (without text)',
  maskA: 'Left mask',
  maskB: 'Right mask',
  prefixLabel: 'Prefix length p',
  windowLabel: 'Window W (keys, itself included) / chunk size',
  pairs: (n: string, total: string) => `Allowed (query, key) pairs: ${n} of ${total}`,
  gridCaption: (kind: string) => `${kind}: rows are queries, columns are keys; ● marks an allowed pair`,
  rowSees: (q: number, token: string, ranges: string) => `Token ${q} “${token}” sees tokens ${ranges}`,
  sees: 'sees',
  none: '(none)',
  canvasNote: (n: number) =>
    `At length ${n} (over 32) the mask is drawn on a canvas (for long sequences each pixel shades the share of allowed cells in its block); hover a row, or focus the canvas and use the arrow keys, to read what it sees.`,
  lossLabel: 'Show the positions that carry the training loss',
  lossRow: 'loss',
  decodeHeading: 'Step-through decoding',
  prefill: 'Prefill (the prompt in one parallel pass)',
  next: 'Generate the next token',
  reset: 'Reset',
  stepPrefill: (rows: number) => `Prefill: one forward pass computes all ${rows} prompt rows.`,
  stepDecode: (step: number, row: number) => `Decode step ${step}: only row ${row}, the new token, is computed; it sees the same keys as in a causal model.`,
  stepIdle: 'Press “Prefill” to start; the prompt is the first p tokens (at least 1).',
  stepDone: 'Reached the end of the sequence.',
  exportHeading: (kind: string) => `Export the left mask to PyTorch: ${kind}`,
  rankHeading: 'Rank: singular values of softmax(τ·QKᵀ/√d + M)',
  rankN: 'Length n (≤ 64)',
  rankD: 'Head dimension d',
  rankTau: 'Scale τ',
  rankSeed: 'Random seed',
  numericalRank: 'Numerical rank',
  effectiveRank: 'Effective rank',
  plotLabel: 'Singular values in decreasing order (log scale)',
  optionError: (m: string) => `Cannot build the mask: ${m}`,
  /** The option a refusal is about, as the reader sees it. */
  fields: {
    length: 'the length n',
    prefixLength: 'the prefix length p',
    window: 'the window W',
    kind: 'the mask kind',
    padding: 'the padding',
    documents: 'the document lengths',
    headDim: 'the head dimension d',
    scale: 'the scale τ',
    size: 'the grid side',
  } satisfies Record<MaskOptionField, string>,
  /** A core refusal, translated from its field, reason and bound (never from the English message). */
  problem: (field: string, reason: OptionReason, limit: number | string | undefined): string => {
    if (reason === 'below-min') return `${field} must be at least ${String(limit)}`;
    if (reason === 'above-max') return `${field} must be at most ${String(limit)}`;
    if (reason === 'not-one-of') return `${field} must be one of ${String(limit)}`;
    if (reason === 'wrong-length') return `${field} must have from 1 to ${String(limit)} entries`;
    if (reason === 'not-number' || reason === 'not-integer' || reason === 'not-positive-integer') return `${field} must be a whole number`;
    return `${field} is not valid`;
  },
};

export type MaskStrings = typeof en;
