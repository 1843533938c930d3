import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { signal, computed } from '@preact/signals';
import { cleanTokenText, tokenPieces, tokenStats, type BpeEncoder } from '~/lib/text/token-pieces';
import { loadVocabulary, VOCABULARY_NAMES, VOCABULARY_MODELS, type VocabularyName } from '~/lib/text/bpe-vocabularies';
import { embeddingParams } from '~/lib/model/embedding';
import { formatNumber } from '~/lib/format/format-number';
import { formatBytes } from '~/lib/format/format-bytes';
import { createUrlSync } from '~/components/calculators/shared/url-sync';
import { replayEarlyInput } from '~/components/calculators/shared/early-input';
import { NumberField } from '~/components/calculators/shared/fields/NumberField';
import { UrlNotices } from '~/components/calculators/shared/UrlNotices';
import { CopyLinkButton } from '~/components/calculators/shared/CopyLinkButton';
import { FormulaView } from '~/components/calculators/shared/FormulaView';
import { strings } from './strings';
import type { PlaygroundDefaults, ShownPiece } from './state';

type VocabChoice = 'all' | VocabularyName;

const schema = {
  text: { kind: 'text', maxLength: 2000 },
  vocab: { kind: 'enum', values: ['all', ...VOCABULARY_NAMES] },
  d: { kind: 'number', min: 1, max: 65_536, integer: true },
} as const;

/** Tokens drawn at most per vocabulary; the counts always cover the whole text. */
const MAX_DRAWN_TOKENS = 2000;

interface Props {
  lang: 'zh-CN' | 'en';
  defaults: PlaygroundDefaults;
  /** From renderSlottedFormula, slots V, d, P. */
  formulaHtml: string;
  /** Section id the copy-link button points at. */
  anchor: string;
}

const hexBytes = (bytes: ArrayLike<number>) =>
  Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');

function toShown(encoder: BpeEncoder, text: string): { pieces: ShownPiece[]; count: number } {
  const pieces = tokenPieces(encoder, text);
  return {
    count: pieces.length,
    pieces: pieces.slice(0, MAX_DRAWN_TOKENS).map((p) => ({ id: p.id, display: p.display, whole: p.whole, bytes: hexBytes(p.bytes) })),
  };
}

export default function TokenPlayground({ lang, defaults, formulaHtml, anchor }: Props) {
  const t = strings[lang];
  const state = useMemo(() => {
    const sync = createUrlSync(schema, { text: defaults.text, vocab: 'all', d: defaults.hiddenSize }, 'tok.');
    // Start from the server-rendered defaults: Preact's hydration does not correct the DOM, so the link's
    // state is applied after mount (below).
    const text = signal(defaults.text);
    const vocab = signal<VocabChoice>('all');
    const d = signal(defaults.hiddenSize);
    const notices = signal<typeof sync.initial.notices>([]);
    const encoders = signal<Partial<Record<VocabularyName, BpeEncoder | 'loading' | 'error'>>>({});
    const cleaned = computed(() => cleanTokenText(text.value));
    const shownVocabs = computed<VocabularyName[]>(() => (vocab.value === 'all' ? [...VOCABULARY_NAMES] : [vocab.value as VocabularyName]));
    const results = computed(() =>
      shownVocabs.value.map((name) => {
        const encoder = encoders.value[name];
        if (encoder && typeof encoder === 'object') return { name, status: 'ready' as const, vocabularySize: encoder.vocabularySize, ...toShown(encoder, cleaned.value.text) };
        const prebuilt = defaults.results[name];
        if (cleaned.value.text === defaults.text) return { name, status: 'prebuilt' as const, ...prebuilt };
        return { name, status: encoder === 'error' ? ('error' as const) : ('loading' as const), vocabularySize: prebuilt.vocabularySize, pieces: [], count: 0 };
      }),
    );
    return { sync, text, vocab, d, notices, encoders, cleaned, shownVocabs, results };
  }, []);
  const { sync, text, vocab, d, notices, encoders, cleaned, results } = state;
  const [selected, setSelected] = useState<Record<string, number>>({});
  const root = useRef<HTMLDivElement>(null);

  function ensureLoaded(names: VocabularyName[]) {
    for (const name of names) {
      if (encoders.value[name] && encoders.value[name] !== 'error') continue;
      encoders.value = { ...encoders.value, [name]: 'loading' };
      loadVocabulary(name).then(
        (encoder) => (encoders.value = { ...encoders.value, [name]: encoder }),
        () => (encoders.value = { ...encoders.value, [name]: 'error' }),
      );
    }
  }
  const loadShown = () => ensureLoaded(state.shownVocabs.value);

  useEffect(() => {
    const { state: linked, notices: ignored } = sync.initial;
    text.value = linked.text;
    vocab.value = linked.vocab as VocabChoice;
    d.value = linked.d;
    notices.value = ignored;
    // A link with its own text needs the vocabularies at once; otherwise wait for the reader.
    if (cleaned.value.text !== defaults.text) loadShown();
    replayEarlyInput(root.current);
  }, []);
  useEffect(() => sync.write({ text: text.value, vocab: vocab.value, d: d.value }), [text.value, vocab.value, d.value]);

  const embeddingVocab = vocab.value === 'all' ? 'r50k_base' : vocab.value;
  const embeddingResult = results.value.find((r) => r.name === embeddingVocab) ?? results.value[0]!;
  const V = embeddingResult.vocabularySize;
  const params = embeddingParams(V, d.value);
  const selectedIndex = Math.min(selected[embeddingResult.name] ?? 0, Math.max(0, embeddingResult.pieces.length - 1));
  const selectedId = embeddingResult.pieces[selectedIndex]?.id ?? 0;
  const num = (value: number, digits = 0) => formatNumber(value, { lang, digits });
  const problems = cleaned.value.problems;

  return (
    <div class="tok" ref={root}>
      <UrlNotices notices={notices.value} lang={lang} />
      <div class="calc-inputs tok-inputs">
        <div class="calc-field tok-text">
          <label for="tok-text">{t.textLabel}</label>
          <textarea
            id="tok-text"
            rows={3}
            value={text.value}
            onFocus={loadShown}
            onInput={(e) => {
              loadShown();
              text.value = (e.currentTarget as HTMLTextAreaElement).value;
            }}
            aria-describedby={problems.length ? 'tok-text-message' : undefined}
          />
          {problems.length > 0 && (
            <p id="tok-text-message" class="calc-field-warning">
              {problems.map((p) => (p === 'too-long' ? t.tooLong(20_000) : p === 'control-characters' ? t.controls : t.surrogates)).join(' ')}
            </p>
          )}
        </div>
        <div class="calc-field">
          <label for="tok-vocab">{t.vocabLabel}</label>
          <select
            id="tok-vocab"
            value={vocab.value}
            onChange={(e) => {
              vocab.value = (e.currentTarget as HTMLSelectElement).value as VocabChoice;
              loadShown();
            }}
          >
            <option value="all">{t.allVocabs}</option>
            {VOCABULARY_NAMES.map((name) => (
              <option value={name} key={name}>
                {name} ({VOCABULARY_MODELS[name]})
              </option>
            ))}
          </select>
        </div>
      </div>

      <div class="tok-results calc-results">
        {results.value.map((r) => {
          const stats = tokenStats(cleaned.value.text, r.count);
          const index = Math.min(selected[r.name] ?? 0, Math.max(0, r.pieces.length - 1));
          const current = r.pieces[index];
          const move = (to: number) => setSelected({ ...selected, [r.name]: Math.max(0, Math.min(r.pieces.length - 1, to)) });
          return (
            <section class="tok-vocab" key={r.name} aria-labelledby={`tok-h-${r.name}`} data-vocab={r.name}>
              <h3 id={`tok-h-${r.name}`}>
                {r.name} <span class="tok-models">{VOCABULARY_MODELS[r.name]}</span>
              </h3>
              <dl class="tok-stats">
                <div>
                  <dt>{t.tokens}</dt>
                  <dd>
                    <output data-stat="tokens">{r.status === 'loading' || r.status === 'error' ? '…' : num(stats.tokens)}</output>
                  </dd>
                </div>
                <div>
                  <dt>{t.characters}</dt>
                  <dd>{num(stats.characters)}</dd>
                </div>
                <div>
                  <dt>{t.bytes}</dt>
                  <dd>{num(stats.utf8Bytes)}</dd>
                </div>
                <div>
                  <dt>{t.perToken}</dt>
                  <dd>
                    <output data-stat="chars-per-token">{r.status === 'loading' || r.status === 'error' ? '…' : num(stats.charactersPerToken, 2)}</output>
                  </dd>
                </div>
              </dl>
              {r.status === 'loading' && <p role="status">{t.loading(r.name)}</p>}
              {r.status === 'error' && <p role="alert">{t.loadFailed(r.name)}</p>}
              {r.status === 'prebuilt' && <p class="calc-field-hint">{t.serverNote}</p>}
              {r.pieces.length > 0 && (
                <>
                  <div
                    class="tok-tokens"
                    tabIndex={0}
                    role="group"
                    aria-label={t.tokenListLabel(r.name)}
                    onKeyDown={(e) => {
                      if (e.key === 'ArrowRight' || e.key === 'ArrowDown') move(index + 1);
                      else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') move(index - 1);
                      else if (e.key === 'Home') move(0);
                      else if (e.key === 'End') move(r.pieces.length - 1);
                      else return;
                      e.preventDefault();
                    }}
                  >
                    {r.pieces.map((p, i) => (
                      <span
                        key={i}
                        class={`tok-piece tok-c${i % 5}${p.whole ? '' : ' tok-partial'}${i === index ? ' tok-selected' : ''}`}
                        title={`id ${p.id}`}
                        data-id={p.id}
                        onMouseEnter={() => move(i)}
                      >
                        {p.display}
                      </span>
                    ))}
                  </div>
                  {current && (
                    <output class="tok-current" aria-live="polite">
                      {t.selected(index, current.display, current.id, current.bytes)}
                    </output>
                  )}
                  {r.pieces.some((p) => !p.whole) && <p class="calc-field-hint">{t.splitNote}</p>}
                </>
              )}
            </section>
          );
        })}
      </div>

      <section class="tok-embedding" aria-labelledby="tok-embedding-h">
        <h3 id="tok-embedding-h">{t.embeddingHeading}</h3>
        <NumberField id="tok-d" label={t.hiddenLabel} value={d.value} rule={schema.d} lang={lang} onValue={(v) => (d.value = v)} />
        <p>{t.embeddingText(selectedId, embeddingResult.name)}</p>
        <FormulaView
          html={formulaHtml}
          values={{ V: num(V), d: num(d.value), P: num(params) }}
          spoken={`V × d = ${num(V)} × ${num(d.value)} = ${num(params)}`}
        />
        <p>
          {t.paramsLabel}: <output data-stat="embedding-params">{num(params)}</output> · {t.bf16}:{' '}
          <output>{formatBytes(params * 2, 'binary', lang)}</output>
        </p>
      </section>
      <CopyLinkButton lang={lang} link={() => sync.linkTo({ text: text.value, vocab: vocab.value, d: d.value }, anchor)} />
    </div>
  );
}
