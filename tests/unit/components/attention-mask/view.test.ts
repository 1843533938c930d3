import { test, expect } from 'vitest';
import { describeRow, ROW_KEYS } from '~/components/calculators/attention-mask/view';
import { en } from '~/components/calculators/attention-mask/strings/en';
import { zh } from '~/components/calculators/attention-mask/strings/zh';
import { buildMask } from '~/lib/masks/mask-spec';
import { attentionMask, withLeftPadding } from '~/lib/masks/attention-mask';

const tokens = ['The', 'cat', 'sat', 'on', 'the'];

test('a row is said as the runs of keys it sees', () => {
  const window = attentionMask({ kind: 'sliding-window', length: 5, window: 2 });
  expect(describeRow(window, 'sliding-window', 0, tokens, 3, en)).toBe('Token 3 “on” sees tokens 2–3');
  const padded = withLeftPadding(attentionMask({ kind: 'causal', length: 5 }), 2);
  expect(describeRow(padded, 'causal', 0, tokens, 1, en)).toBe('Token 1 “cat” sees tokens (none)');
  expect(describeRow(window, 'sliding-window', 0, tokens, 0, zh)).toBe('词元 0「The」可以看到词元 0');
});

test('encoder–decoder and GLM rows name their part and split what they see at the boundary', () => {
  const encDec = buildMask({ kind: 'encoder-decoder', encoderLength: 2, decoderLength: 3 });
  expect(describeRow(encDec, 'encoder-decoder', 2, tokens, 0, en)).toBe('Encoder token 0 “The” sees encoder tokens 0–1 and decoder tokens (none)');
  expect(describeRow(encDec, 'encoder-decoder', 2, tokens, 3, en)).toBe('Decoder token 3 “on” sees encoder tokens 0–1 and decoder tokens 2–3');
  const glm = buildMask({ kind: 'glm', length: 5, partALength: 3 });
  expect(describeRow(glm, 'glm', 3, tokens, 4, zh)).toBe('B 部分词元 4「the」可以看到 A 部分词元 0–2，以及 B 部分词元 3–4');
});

test('row keys stay inside the grid', () => {
  expect(ROW_KEYS.ArrowUp!(0, 10)).toBe(0);
  expect(ROW_KEYS.ArrowDown!(9, 10)).toBe(9);
  expect(ROW_KEYS.PageDown!(0, 80)).toBe(10);
  expect(ROW_KEYS.End!(3, 10)).toBe(9);
  expect(ROW_KEYS.Home!(3, 10)).toBe(0);
});
