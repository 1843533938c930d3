import { useMemo, useRef } from 'preact/hooks';
import type { Signal } from '@preact/signals';
import { MAX_TEXT_CHARS, TextTooLongError } from '~/lib/text/tokenize';
import { formatSparse } from '~/lib/sparse/sparse-vector';
import { javaDoubleToString } from '~/lib/sparse/java-double';
import type { Corpus } from '~/lib/sparse/corpus-index';
import { FormulaView } from '~/components/calculators/shared/FormulaView';
import { NumberField } from '~/components/calculators/shared/fields/NumberField';
import type { Lang } from '~/components/calculators/shared/locale';
import type { SparseStrings } from './strings/en';
import { INDEXINGS, LIMITS, MODELS, URL_TEXT_MAX, type SvState } from './state';
import { compareWeights, encodeText, needsCorpus, type EncodeOptions, type Encoded } from './view';
import { fmt } from './format';

export type CorpusStatus = { status: 'idle' | 'loading' | 'failed' } | { status: 'ready'; corpus: Corpus };

interface Props {
  lang: Lang;
  t: SparseStrings;
  state: Signal<SvState>;
  set: (patch: Partial<SvState>) => void;
  corpus: Signal<CorpusStatus>;
  formulas: { bow: string; tfidf: string; bm25: string; cosine: string };
}

type Attempt = { ok: true; encoded: Encoded } | { ok: false; message: string };

function attempt(text: string, corpus: Corpus | null, options: EncodeOptions, t: SparseStrings): Attempt {
  if (text.trim() === '') return { ok: false, message: t.emptyText };
  try {
    return { ok: true, encoded: encodeText(text, corpus, options) };
  } catch (error) {
    if (error instanceof TextTooLongError) return { ok: false, message: t.tooLong(error.length, MAX_TEXT_CHARS) };
    return { ok: false, message: String(error) };
  }
}

/** Spark's text form, with a long vector shortened for display (the full form would be thousands of entries). */
const MAX_SHOWN_ENTRIES = 200;

export function TextTab({ lang, t, state, set, corpus, formulas }: Props) {
  const s = state.value;
  const ready = corpus.value.status === 'ready' ? corpus.value.corpus : null;
  const options: EncodeOptions = {
    model: s.m as EncodeOptions['model'],
    indexing: s.ix as EncodeOptions['indexing'],
    numFeatures: s.nf,
    removeStopWords: s.sw,
    bm25: { k1: s.k1, b: s.b, idf: 'lucene' },
  };
  const canRun = ready !== null || !needsCorpus(options);
  // Inputs come from two signals (state, corpus); recompute when any of them changes.
  const deps = [ready, s.m, s.ix, s.nf, s.sw, s.k1, s.b, lang];
  const first = { value: useMemo(() => attempt(s.q, ready, options, t), [s.q, ...deps]) };
  const second = { value: useMemo(() => (s.q2.trim() === '' ? null : attempt(s.q2, ready, options, t)), [s.q2, ...deps]) };
  const lastGood = useRef<Encoded | null>(null);
  if (first.value.ok && canRun) lastGood.current = first.value.encoded;
  const encoded = canRun ? lastGood.current : null;
  const error = first.value.ok ? null : first.value.message;
  const compare = encoded && second.value?.ok ? compareWeights(encoded.weights, second.value.encoded.weights) : null;
  const top = encoded?.rows.find((r) => r.index !== undefined) ?? encoded?.rows[0];

  const shownVector = encoded
    ? {
        ...encoded.vector,
        indices: encoded.vector.indices.slice(0, MAX_SHOWN_ENTRIES),
        values: encoded.vector.values.slice(0, MAX_SHOWN_ENTRIES),
      }
    : null;

  return (
    <div>
      {(['q', 'q2'] as const).map((key) => {
        const id = `sv-${key}`;
        const message = key === 'q' ? error : second.value && !second.value.ok ? second.value.message : null;
        return (
          <div class="calc-field sv-wide" key={key} data-invalid={message ? 'true' : undefined}>
            <label for={id}>{key === 'q' ? t.textLabel : t.text2Label}</label>
            <textarea
              id={id}
              rows={2}
              value={s[key]}
              aria-invalid={message ? 'true' : 'false'}
              aria-describedby={`${id}-message`}
              onInput={(e) => set({ [key]: (e.currentTarget as HTMLTextAreaElement).value })}
            />
            <p id={`${id}-message`} class={message ? 'calc-field-error' : 'calc-field-hint'}>
              {message ? `${message} ${key === 'q' ? t.keepLast : ''}` : key === 'q' ? t.textHint(MAX_TEXT_CHARS) : ''}
              {s[key].length > URL_TEXT_MAX && ` ${t.tooLongForLink}`}
            </p>
          </div>
        );
      })}
      <div class="calc-inputs">
        <fieldset class="calc-field">
          <legend>{t.model}</legend>
          {MODELS.map((m) => (
            <label key={m} class="sv-choice">
              <input type="radio" name="sv-model" value={m} checked={s.m === m} onChange={() => set({ m })} /> {t.models[m]}
            </label>
          ))}
        </fieldset>
        <fieldset class="calc-field">
          <legend>{t.indexing}</legend>
          {INDEXINGS.map((ix) => (
            <label key={ix} class="sv-choice">
              <input type="radio" name="sv-indexing" value={ix} checked={s.ix === ix} onChange={() => set({ ix })} /> {t.indexings[ix]}
            </label>
          ))}
          <label class="sv-choice">
            <input type="checkbox" checked={s.sw} onChange={(e) => set({ sw: (e.currentTarget as HTMLInputElement).checked })} /> {t.stopWords}
          </label>
        </fieldset>
        {s.ix === 'hash' && <NumberField id="sv-nf" label={t.numFeatures} value={s.nf} rule={LIMITS.nf} lang={lang} onValue={(nf) => set({ nf })} />}
        {s.m === 'bm25' && (
          <>
            <NumberField
              id="sv-k1"
              label={t.k1}
              value={s.k1}
              rule={LIMITS.k1}
              lang={lang}
              onValue={(k1) => set({ k1 })}
              slider={{ min: 0, max: 3, step: 0.1 }}
            />
            <NumberField id="sv-b" label={t.b} value={s.b} rule={LIMITS.b} lang={lang} onValue={(b) => set({ b })} slider={{ min: 0, max: 1, step: 0.05 }} />
          </>
        )}
      </div>
      <div class="calc-results" aria-live="polite" aria-busy={corpus.value.status === 'loading' ? 'true' : 'false'}>
        {corpus.value.status === 'loading' && <p role="status">{t.loading}</p>}
        {corpus.value.status === 'failed' && <p class="calc-field-error">{t.loadFailed}</p>}
        {!canRun && corpus.value.status !== 'loading' && <p>{t.needsIndex}</p>}
        {ready && <p class="calc-field-hint">{t.corpusInfo(ready.sections.length, ready.terms.length)}</p>}
        {encoded && (
          <>
            <h3>{t.tokens}</h3>
            {encoded.tokens.length === 0 ? (
              <p>{t.noTokens}</p>
            ) : (
              <p class="sv-tokens" data-value="tokens">
                {encoded.tokens.slice(0, 500).map((token, i) => (
                  <span key={i} class="sv-token">
                    {token}
                  </span>
                ))}
              </p>
            )}
            <h3>{t.termTable}</h3>
            <div class="sv-scroll">
              <table class="sv-table" data-value="terms">
                <thead>
                  <tr>
                    <th scope="col">{t.term}</th>
                    <th scope="col">{t.count}</th>
                    <th scope="col">{t.index}</th>
                    <th scope="col">{t.df}</th>
                    <th scope="col">{t.weight}</th>
                  </tr>
                </thead>
                <tbody>
                  {encoded.rows.slice(0, 200).map((row) => (
                    <tr key={row.term}>
                      <td>{row.term}</td>
                      <td>{row.tf}</td>
                      <td>{row.index === undefined ? <em>{t.notInVocab}</em> : row.index}</td>
                      <td>{ready ? row.df : '—'}</td>
                      <td>{fmt(row.weight, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h3>{t.sparkForm}</h3>
            <p>
              <output class="sv-code" data-value="spark-form">
                {shownVector && formatSparse(shownVector).replace(/\]\)$/, encoded.vector.indices.length > MAX_SHOWN_ENTRIES ? ',…])' : '])')}
              </output>
            </p>
            {encoded.collisions > 0 && <p class="calc-field-warning">{t.collisions(encoded.collisions)}</p>}
            {top && (
              <WeightFormula
                lang={lang}
                t={t}
                formulas={formulas}
                options={options}
                corpus={ready}
                term={top.term}
                tf={top.tf}
                df={top.df}
                weight={top.weight}
                length={encoded.length}
              />
            )}
            {ready && (
              <>
                <h3 id="sv-matches-heading">{t.matches}</h3>
                <p class="calc-field-hint">{t.matchesCaption(ready.sections.length, t.models[options.model])}</p>
                {encoded.matches.length === 0 ? (
                  <p>{t.noMatches}</p>
                ) : (
                  <ol class="sv-matches" aria-labelledby="sv-matches-heading" data-value="matches">
                    {encoded.matches.map((match) => (
                      <li key={match.url}>
                        <a href={match.url}>{match.page === match.title ? match.title : `${match.page} › ${match.title}`}</a>{' '}
                        <span class="sv-score">
                          {t.score} {fmt(match.score, lang)} · {match.terms.slice(0, 8).join(' ')}
                        </span>
                      </li>
                    ))}
                  </ol>
                )}
              </>
            )}
            {compare && (
              <>
                <h3>{t.compare}</h3>
                <p data-value="cosine">
                  {t.cosine}: <output>{fmt(compare.cosine, lang)}</output> · {t.shared}: {compare.shared.length ? compare.shared.join('、') : t.none}
                </p>
                <div class="sv-formula" tabIndex={0}>
                  <FormulaView
                    html={formulas.cosine}
                    values={{ dot: fmt(compare.dot, lang), nu: fmt(compare.normA, lang), nv: fmt(compare.normB, lang), cos: fmt(compare.cosine, lang) }}
                    spoken={`${t.cosine} ${fmt(compare.cosine, lang)}`}
                  />
                </div>
              </>
            )}
          </>
        )}
      </div>
    </div>
  );
}

function WeightFormula(props: {
  lang: Lang;
  t: SparseStrings;
  formulas: Props['formulas'];
  options: EncodeOptions;
  corpus: Corpus | null;
  term: string;
  tf: number;
  df: number;
  weight: number;
  length: number;
}) {
  const { lang, t, formulas, options, corpus, term, tf, df, weight, length } = props;
  const n = corpus?.sections.length ?? 0;
  const values: Record<string, string> = {
    term,
    tf: String(tf),
    N: String(n),
    df: String(df),
    w: fmt(weight, lang, 6),
    k1: String(options.bm25.k1),
    b: String(options.bm25.b),
    dl: String(length),
    avgdl: fmt(corpus?.avgLength ?? 0, lang, 4),
  };
  const model = corpus ? options.model : 'bow';
  const spoken = model === 'bm25' ? t.spokenBm25 : model === 'tfidf' ? t.spokenTfidf : t.spokenBow;
  return (
    <div class="sv-formula" tabIndex={0}>
      <FormulaView html={formulas[model]} values={values} spoken={`${term}: ${spoken} = ${javaDoubleToString(weight)}`} />
    </div>
  );
}
