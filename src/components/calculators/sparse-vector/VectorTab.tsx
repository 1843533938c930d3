import { useRef } from 'preact/hooks';
import { useComputed, type Signal } from '@preact/signals';
import { allFormats, parseAnyVector, type VectorFormat } from '~/lib/sparse/sparse-formats';
import { MAX_DENSE_LENGTH, SparseFormatError, numNonzeros, type SparseVector } from '~/lib/sparse/sparse-vector';
import { compareStorage } from '~/lib/sparse/sparse-storage';
import { FormulaView } from '~/components/calculators/shared/FormulaView';
import type { Lang } from '~/components/calculators/shared/locale';
import type { SparseStrings } from './strings/en';
import { URL_TEXT_MAX, WIDTHS, type SvState } from './state';
import { fmt, fmtInt, fmtPercent } from './format';

interface Props {
  lang: Lang;
  t: SparseStrings;
  state: Signal<SvState>;
  set: (patch: Partial<SvState>) => void;
  formulas: { storage: string; spark: string };
}

interface Parsed {
  format: VectorFormat;
  vector: SparseVector;
  dense?: number[];
  sizeAssumed: boolean;
}

type Attempt = { ok: true; parsed: Parsed } | { ok: false; error: SparseFormatError };

function attempt(text: string): Attempt {
  try {
    const { format, vector, dense } = parseAnyVector(text);
    const sizeAssumed = format === 'libsvm' || format === 'dict' || (format === 'json' && !/"size"/.test(text));
    return { ok: true, parsed: { format, vector, dense, sizeAssumed } };
  } catch (error) {
    if (error instanceof SparseFormatError) return { ok: false, error };
    return { ok: false, error: new SparseFormatError('syntax', String(error)) };
  }
}

const FORMAT_ORDER: VectorFormat[] = ['spark', 'dense', 'libsvm', 'json', 'dict', 'pyspark'];

export function VectorTab({ lang, t, state, set, formulas }: Props) {
  const lastGood = useRef<Parsed>(null as unknown as Parsed);
  if (lastGood.current === null) {
    const first = attempt(state.value.v);
    lastGood.current = first.ok ? first.parsed : (attempt('[1.0,0.0,1.0,3.0]') as { ok: true; parsed: Parsed }).parsed;
  }
  const current = useComputed(() => attempt(state.value.v));
  if (current.value.ok) lastGood.current = current.value.parsed;
  const parsed = lastGood.current;
  const error = current.value.ok ? null : current.value.error;
  const { vector, dense } = parsed;
  const ib = Number(state.value.ib);
  const vb = Number(state.value.vb);
  const nnz = numNonzeros(vector);
  const storage = compareStorage(vector.size, nnz, ib, vb);
  const formats = allFormats(vector, dense);
  const density = fmtPercent(storage.density, lang);
  const rho = fmtPercent(storage.breakEvenDensity, lang);
  const messageId = 'sv-vector-message';

  return (
    <div>
      <div class="calc-field sv-wide" data-invalid={error ? 'true' : undefined}>
        <label for="sv-vector">{t.vectorLabel}</label>
        <textarea
          id="sv-vector"
          rows={3}
          spellcheck={false}
          autoComplete="off"
          value={state.value.v}
          aria-invalid={error ? 'true' : 'false'}
          aria-describedby={messageId}
          onInput={(e) => set({ v: (e.currentTarget as HTMLTextAreaElement).value })}
        />
        <p id={messageId} class={error ? 'calc-field-error' : 'calc-field-hint'}>
          {error ? `${t.errors[error.problem]}: ${error.detail}. ${t.keepLast}` : t.vectorHint}
          {state.value.v.length > URL_TEXT_MAX && ` ${t.tooLongForLink}`}
        </p>
      </div>
      <div class="calc-inputs">
        {(['ib', 'vb'] as const).map((key) => (
          <div class="calc-field" key={key}>
            <label for={`sv-${key}`}>{key === 'ib' ? t.indexBytes : t.valueBytes}</label>
            <select id={`sv-${key}`} value={state.value[key]} onChange={(e) => set({ [key]: (e.currentTarget as HTMLSelectElement).value })}>
              {WIDTHS.map((w) => (
                <option key={w} value={w}>
                  {t.bytesOption(Number(w))}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <div class="calc-results" aria-live="polite">
        <h3>{t.formats}</h3>
        <p class="calc-field-hint">
          {t.readAs(t.formatNames[parsed.format])} {parsed.sizeAssumed && t.sizeAssumed(vector.size)}
        </p>
        <dl class="sv-formats">
          {FORMAT_ORDER.map((f) => (
            <div key={f}>
              <dt>{t.formatNames[f]}</dt>
              <dd>
                {formats[f] === '' ? (
                  t.denseTooLarge(MAX_DENSE_LENGTH)
                ) : (
                  <output class="sv-code" data-format={f}>
                    {formats[f]}
                  </output>
                )}
              </dd>
            </div>
          ))}
        </dl>
        <h3>{t.stats}</h3>
        <table class="sv-table">
          <tbody>
            <tr>
              <th scope="row">{t.size}</th>
              <td>
                <output data-value="size">{fmtInt(vector.size, lang)}</output>
              </td>
            </tr>
            <tr>
              <th scope="row">{t.nnz}</th>
              <td>
                <output data-value="nnz">{fmtInt(nnz, lang)}</output>
              </td>
            </tr>
            <tr>
              <th scope="row">{t.density}</th>
              <td>
                <output data-value="density">{density}</output>
              </td>
            </tr>
            <tr>
              <th scope="row">{t.denseBytes}</th>
              <td>
                <output data-value="dense-bytes">{t.bytes(fmtInt(storage.denseBytes, lang))}</output>
              </td>
            </tr>
            <tr>
              <th scope="row">{t.sparseBytes}</th>
              <td>
                <output data-value="sparse-bytes">{t.bytes(fmtInt(storage.sparseBytes, lang))}</output>
              </td>
            </tr>
            <tr>
              <th scope="row">{t.breakEven}</th>
              <td>{rho}</td>
            </tr>
          </tbody>
        </table>
        <p data-value="verdict">
          <strong>{t.verdict[storage.smaller](density, rho)}</strong>
        </p>
        <div class="sv-formula" tabIndex={0}>
          <FormulaView
            html={formulas.storage}
            values={{
              n: fmtInt(vector.size, lang),
              nnz: fmtInt(nnz, lang),
              bi: String(ib),
              bv: String(vb),
              dense: fmtInt(storage.denseBytes, lang),
              sparse: fmtInt(storage.sparseBytes, lang),
              rho: fmt(storage.breakEvenDensity, lang, 3),
            }}
            spoken={t.spokenStorage(vector.size, nnz, ib, vb, String(storage.denseBytes), String(storage.sparseBytes))}
          />
        </div>
        <h3>{t.spark}</h3>
        <p data-value="spark">
          {t.denseBytes} {t.bytes(fmtInt(storage.spark.denseBytes, lang))} · {t.sparseBytes} {t.bytes(fmtInt(storage.spark.sparseBytes, lang))}.{' '}
          {t.sparkCompressed(storage.spark.compressed)}
        </p>
        <div class="sv-formula" tabIndex={0}>
          <FormulaView
            html={formulas.spark}
            values={{
              sd: fmtInt(storage.spark.denseBytes, lang),
              ss: fmtInt(storage.spark.sparseBytes, lang),
              nnz: fmtInt(nnz, lang),
              n: fmtInt(vector.size, lang),
              lhs: fmt(1.5 * (nnz + 1), lang, 12),
              cmp: storage.spark.compressed === 'sparse' ? '<' : '≥',
              choice: storage.spark.compressed,
            }}
            spoken={t.sparkCompressed(storage.spark.compressed)}
          />
        </div>
      </div>
    </div>
  );
}
