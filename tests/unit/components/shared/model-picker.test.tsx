// @vitest-environment happy-dom
import { afterEach, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { ModelPicker, type PickedModel } from '~/components/calculators/shared/model-picker/ModelPicker';
import { readPastedConfig } from '~/components/calculators/shared/model-picker/PastePanel';
import { modelPresets } from '../../helpers/presets';
import { pickerEn } from '~/components/calculators/shared/model-picker/strings/en';
import { pickerZh } from '~/components/calculators/shared/model-picker/strings/zh';
import { ConfigError, UNSUPPORTED_FEATURES } from '~/lib/model/config-error';

const presets = modelPresets().map(({ id, name, configUrl, spec }) => ({ id, name, configUrl, spec }));
afterEach(cleanup);

const first: PickedModel = { id: presets[0]!.id, name: presets[0]!.name, spec: presets[0]!.spec };

test('pasted text that is not JSON is reported as such', async () => {
  const result = await readPastedConfig('{ "hidden_size": ', pickerEn);
  expect(result.ok).toBe(false);
  expect(!result.ok && result.message).toMatch(/^Not valid JSON/);
});

test('a pasted config missing a field names the field, in Chinese too', async () => {
  const result = await readPastedConfig(JSON.stringify({ model_type: 'llama', hidden_size: 4096 }), pickerZh);
  expect(!result.ok && result.message).toBe('num_hidden_layers：缺少这个字段。');
});

test('a good paste is used, named after _name_or_path', async () => {
  const config = { ...modelPresets().find((p) => p.id === 'llama-2-7b')!.config, _name_or_path: 'me/my-llama' };
  const result = await readPastedConfig(JSON.stringify(config), pickerEn);
  expect(result.ok && result.model.name).toBe('me/my-llama');
});

test('choosing a preset reports it; a bad paste reports nothing and marks the field invalid', async () => {
  const onChange = vi.fn();
  render(<ModelPicker id="t" t={pickerEn} presets={presets} value={first} onChange={onChange} />);
  fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'gpt2' } });
  expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'gpt2' }));
  onChange.mockClear();
  // The paste panel's code loads after start-up (Deferred), when the browser is idle.
  const area = await screen.findByLabelText('config.json contents', undefined, { timeout: 3000 });
  fireEvent.input(area, { target: { value: '{"model_type": "llama", "num_hidden_layers": 0}' } });
  const alert = await screen.findByRole('alert');
  expect(onChange).not.toHaveBeenCalled();
  expect(area.getAttribute('aria-invalid')).toBe('true');
  expect(alert.textContent).toContain('num_hidden_layers: expected a positive whole number, got 0');
});

test('after a failed paste is fixed the panel stays open, showing the text and what was loaded (ux-review row 15)', async () => {
  render(<ModelPicker id="t" t={pickerEn} presets={presets} value={first} onChange={() => {}} />);
  const area = await screen.findByLabelText('config.json contents', undefined, { timeout: 3000 });
  const details = area.closest('details')!;
  fireEvent.input(area, { target: { value: '{"model_type": "llama"' } });
  await screen.findByRole('alert');
  expect(details.open).toBe(true);
  const good = { ...modelPresets().find((p) => p.id === 'llama-2-7b')!.config, _name_or_path: 'me/fixed' };
  fireEvent.input(area, { target: { value: JSON.stringify(good) } });
  await screen.findByText('Loaded: me/fixed');
  expect(details.open).toBe(true);
  expect((area as HTMLTextAreaElement).value).toContain('me/fixed');
});

test('a 5,000-character _name_or_path is cut to 60 characters wherever the picker prints it (ux-review row 16)', async () => {
  const long = `org/${'x'.repeat(5000)}`;
  const config = { ...modelPresets().find((p) => p.id === 'llama-2-7b')!.config, _name_or_path: long };
  const result = await readPastedConfig(JSON.stringify(config), pickerEn);
  if (!result.ok) throw new Error(result.message);
  render(<ModelPicker id="t" t={pickerEn} presets={presets} value={result.model} onChange={() => {}} />);
  const option = screen.getByRole('option', { name: /^Custom config\.json/ });
  expect([...option.textContent!.replace('Custom config.json: ', '')]).toHaveLength(60);
  expect(option.textContent!.endsWith('…')).toBe(true);
});

test('a config without _name_or_path is named by its family alone, not "olmo2 (config.json)" twice over', async () => {
  const { _name_or_path: _, ...config } = { ...modelPresets().find((p) => p.id === 'llama-2-7b')!.config, _name_or_path: '' };
  const result = await readPastedConfig(JSON.stringify(config), pickerEn);
  expect(result.ok && result.model.name).toBe('llama');
});

test('an unsupported config reads as whole Chinese sentences, in order, with no English clause (ux-review row 17)', async () => {
  const t5 = await readPastedConfig(JSON.stringify({ model_type: 't5', is_encoder_decoder: true }), pickerZh);
  expect(!t5.ok && t5.message).toBe('is_encoder_decoder：不支持 true。这是编码器–解码器模型；计算器只计算仅解码器和仅编码器的模型。');
  const falcon = await readPastedConfig(JSON.stringify({ model_type: 'falcon_h1' }), pickerZh);
  expect(!falcon.ok && falcon.message).toBe('model_type：不支持 "falcon_h1"。每层同时并列注意力与状态空间模块（Falcon-H1）的结构，暂未建模。');
  // Every feature code has its sentence, and it carries no English words beyond technical names and config keys.
  const sentences = await pickerZh.unsupportedSentences();
  for (const feature of UNSUPPORTED_FEATURES) {
    const message = pickerZh.configError(new ConfigError('model_type', 'unsupported', 'x', feature), sentences);
    expect(message.endsWith('。'), feature).toBe(true);
    const english = message.replace(/[A-Za-z_0-9.]*[A-Z_][A-Za-z_0-9.]*|\b(?:default|linear|dynamic|yarn|llama3|longrope|mamba|attention|x)\b/g, '');
    expect(/[a-z]{3,}/.test(english), `${feature}: ${message}`).toBe(false);
  }
});

test('in English an unsupported config says what it is and why, not "expected … got"', async () => {
  const t5 = await readPastedConfig(JSON.stringify({ model_type: 't5' }), pickerEn);
  expect(!t5.ok && t5.message).toBe('model_type: "t5" is not supported: an encoder–decoder model; the calculators size decoder-only and encoder-only models.');
});
