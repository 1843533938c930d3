import { useRef, useState } from 'preact/hooks';
import { describeRow, ROW_KEYS, type GridProps } from './view';

/** The mask as an HTML table (short sequences): one tab stop, arrow keys between rows, the focused row in words. */
export function MaskTable({ mask, kind, split, tokens, label, t, loss, highlight, id }: GridProps) {
  const [focusedRow, setFocused] = useState<number | null>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const n = mask.length;
  // A row focused before the sequence got shorter no longer exists.
  const focused = focusedRow !== null && focusedRow < n ? focusedRow : null;
  const describe = (q: number) => describeRow(mask, kind, split ?? 0, tokens, q, t);
  // One tab stop for the whole grid; arrow keys move between rows (roving tabindex).
  const tabRow = focused ?? 0;
  const onKeyDown = (e: KeyboardEvent) => {
    const move = ROW_KEYS[e.key];
    if (!move || focused === null) return;
    e.preventDefault();
    body.current?.querySelectorAll<HTMLTableRowElement>('tr[data-q]')[move(focused, n)]?.focus();
  };
  const splitClass = (i: number) => (split !== null && split > 0 && i === split ? ' mask-split' : '');
  return (
    <div class="mask-grid">
      <table class="mask-table" aria-describedby={`${id}-row ${id}-keys`}>
        <caption>{t.gridCaption(label)}</caption>
        <thead>
          <tr>
            <td />
            {tokens.map((tok, k) => (
              <th scope="col" key={k} class={`${focused !== null && mask.allowed[focused * n + k] ? 'mask-seen' : ''}${splitClass(k)}`}>
                <span class="mask-token">{tok}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={body} onKeyDown={onKeyDown}>
          {tokens.map((tok, q) => {
            const inStep = highlight && q >= highlight[0] && q <= highlight[1];
            return (
              <tr
                key={q}
                data-q={q}
                tabIndex={q === tabRow ? 0 : -1}
                class={`${focused === q ? 'mask-row-focused' : ''}${inStep ? ' mask-row-step' : ''}${split !== null && split > 0 && q === split ? ' mask-split-row' : ''}`}
                aria-label={describe(q)}
                onFocus={() => setFocused(q)}
                onMouseEnter={() => setFocused(q)}
              >
                <th scope="row">
                  <span class="mask-token">{tok}</span>
                </th>
                {tokens.map((_, k) => (
                  <td key={k} class={`${mask.allowed[q * n + k] ? 'mask-on' : 'mask-off'}${splitClass(k)}`}>
                    {mask.allowed[q * n + k] ? '●' : ''}
                  </td>
                ))}
              </tr>
            );
          })}
          {loss && (
            <tr class="mask-loss">
              <th scope="row">{t.lossRow}</th>
              {tokens.map((_, k) => (
                <td key={k}>{loss[k] ? '✓' : ''}</td>
              ))}
            </tr>
          )}
        </tbody>
      </table>
      <p id={`${id}-keys`} class="calc-field-hint">
        {t.gridKeys}
      </p>
      <output id={`${id}-row`} class="mask-row-text" aria-live="polite">
        {focused !== null ? describe(focused) : ''}
      </output>
    </div>
  );
}
