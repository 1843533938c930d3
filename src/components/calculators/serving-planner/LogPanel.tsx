import { useState } from 'preact/hooks';
import { parseVllmLog, MAX_LOG_CHARS } from '~/lib/memory/vllm-log';
import type { Formatter, Lang } from '~/components/calculators/shared/locale';
import { logMismatches, logSettings, reconcileLog, type Mismatch } from './reconcile';
import type { ServingInputs, ServingView } from './view';
import { panelStrings } from './strings/panels';

interface Props {
  id: string;
  lang: Lang;
  f: Formatter;
  inputs: ServingInputs;
  view: ServingView | null;
  /** Puts the settings the log states (TP, utilization, context, batch limits, KV type, sampler) into the planner. */
  onApply?: (settings: ReturnType<typeof logSettings>) => void;
}

/**
 * Paste a vLLM startup log: what it says about its setup, where that differs from the planner's setting, and its
 * figures term by term beside the planner's estimate of the same terms (a secondary panel).
 */
export function LogPanel({ id, lang, f, inputs, view, onApply }: Props) {
  const t = panelStrings(lang);
  const [text, setText] = useState('');
  const log = text.trim() === '' ? null : parseVllmLog(text);
  const rows = log ? reconcileLog(log, inputs, view) : [];
  const mismatches = log && log.found > 0 ? logMismatches(log, inputs) : [];
  const settings = log && log.found > 0 ? logSettings(log) : {};
  const setup = log?.setup;
  const said = (m: Mismatch) => {
    switch (m.kind) {
      case 'architecture':
        return t.mismatch.architecture(m.logged, m.planner);
      case 'utilization':
        return t.mismatch.utilization(f.n(m.logged, 2), f.n(m.planner, 2));
      case 'kvDtype':
        return t.mismatch.kvDtype(m.logged, m.planner);
      case 'memory':
        return t.mismatch.memory(f.bytes(m.logged), f.bytes(m.planner));
      case 'perToken':
        return t.mismatch.perToken(f.bytes(m.logged), f.bytes(m.planner));
      default:
        return t.mismatch[m.kind](f.n(m.logged), f.n(m.planner));
    }
  };
  return (
    <div class="srv-log-panel">
      <p class="calc-field-hint" id={`${id}-log-caption`}>
        {t.logCaption}
      </p>
      <div class="calc-field srv-log">
        <label for={`${id}-log`}>{t.logLabel}</label>
        <textarea
          id={`${id}-log`}
          rows={6}
          maxLength={MAX_LOG_CHARS}
          spellcheck={false}
          value={text}
          aria-describedby={`${id}-log-caption`}
          onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
        />
        {log && log.found === 0 && (
          <p class="calc-field-error" id={`${id}-log-message`} role="alert">
            {t.logEmpty}
          </p>
        )}
      </div>
      {log && log.found > 0 && setup && (
        <p class="calc-field-hint" id={`${id}-log-setup`}>
          {t.logSetup({
            architecture: setup.architecture ?? setup.model,
            tp: log.tensorParallel !== undefined ? f.n(log.tensorParallel) : undefined,
            dtype: setup.dtype,
            kv: setup.kvCacheDtype,
            layers: setup.layers !== undefined ? f.n(setup.layers) : undefined,
            heads: setup.heads !== undefined ? f.n(setup.heads) : undefined,
            version: setup.version,
          })}
        </p>
      )}
      {mismatches.length > 0 && (
        <div class="calc-field-warning" id={`${id}-log-mismatch`} data-mismatch={mismatches.map((m) => m.kind).join(' ')}>
          <p>{t.mismatchIntro}</p>
          <ul>
            {mismatches.map((m) => (
              <li key={m.kind}>{said(m)}</li>
            ))}
          </ul>
        </div>
      )}
      {log && log.found > 0 && mismatches.length === 0 && (
        <p class="calc-field-hint" id={`${id}-log-match`}>
          {t.logMatches}
        </p>
      )}
      {onApply && Object.keys(settings).length > 0 && mismatches.length > 0 && (
        <button type="button" id={`${id}-log-apply`} onClick={() => onApply(settings)}>
          {t.logApply}
        </button>
      )}
      {rows.length > 0 && (
        <table class="srv-log-table" id={`${id}-log-table`}>
          <caption>{t.logTableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.logCols.line}</th>
              <th scope="col">{t.logCols.logged}</th>
              <th scope="col">{t.logCols.planner}</th>
              <th scope="col">{t.logCols.diff}</th>
              <th scope="col">{t.logCols.why}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const fmt = r.key === 'kvTokens' ? (v: number) => f.n(v) : r.key === 'concurrency' ? (v: number) => `${f.n(v, 2)}×` : (v: number) => f.bytes(v);
              return (
                <tr key={r.key} data-row={r.key}>
                  <th scope="row">{t.logRows[r.key]}</th>
                  <td data-cell="logged">{fmt(r.logged)}</td>
                  <td data-cell="planner">{fmt(r.planner)}</td>
                  <td data-cell="diff">{`${r.difference >= 0 ? '+' : ''}${f.n(r.difference * 100, 1)}%`}</td>
                  <td>{t.why[r.why]}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
