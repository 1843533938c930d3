import { useState } from 'preact/hooks';
import { parseVllmLog, MAX_LOG_CHARS } from '~/lib/memory/vllm-log';
import type { Formatter, Lang } from '~/components/calculators/shared/locale';
import { reconcileLog } from './reconcile';
import type { ServingInputs, ServingView } from './view';
import { panelStrings } from './strings/panels';

interface Props {
  id: string;
  lang: Lang;
  f: Formatter;
  inputs: ServingInputs;
  view: ServingView | null;
}

/** Paste a vLLM startup log: its sizing lines beside the planner's figures (a secondary panel). */
export function LogPanel({ id, lang, f, inputs, view }: Props) {
  const t = panelStrings(lang);
  const [text, setText] = useState('');
  const log = text.trim() === '' ? null : parseVllmLog(text);
  const rows = log ? reconcileLog(log, inputs, view) : [];
  return (
    <div class="srv-log-panel">
      <div class="calc-field srv-log">
        <label for={`${id}-log`}>{t.logLabel}</label>
        <textarea
          id={`${id}-log`}
          rows={6}
          maxLength={MAX_LOG_CHARS}
          spellcheck={false}
          value={text}
          onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
        />
        {log && log.found === 0 && (
          <p class="calc-field-error" id={`${id}-log-message`}>
            {t.logEmpty}
          </p>
        )}
      </div>
      {rows.length > 0 && (
        <table class="srv-log-table" id={`${id}-log-table`}>
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
                  <td data-cell="diff">{`${r.difference >= 0 ? '+' : ''}${f.n(r.difference * 100, 2)}%`}</td>
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
