import { useEffect, useMemo, useState } from 'preact/hooks';
import { signal, computed, effect, useSignal } from '@preact/signals';
import { cleanTokenText, tokenStats, MAX_TOKEN_TEXT } from '~/lib/text/token-pieces';
import { VOCABULARY_NAMES, VOCABULARY_MODELS } from '~/lib/text/bpe-vocabularies';
import { isOpenVocabulary, OPEN_VOCABULARIES, OPEN_VOCABULARY_NAMES } from '~/lib/text/open-vocabulary-list';
import { embeddingParams } from '~/lib/model/embedding';
import { formatNumber } from '~/lib/format/format-number';
import { formatBytes } from '~/lib/format/format-bytes';
import { useLinkedSignal } from '~/components/calculators/shared/use-linked-state';
import type { Lang } from '~/components/calculators/shared/locale';
import { NumberField } from '~/components/calculators/shared/fields/NumberField';
import { UrlNotices } from '~/components/calculators/shared/UrlNotices';
import { CopyLinkButton } from '~/components/calculators/shared/CopyLinkButton';
import { FormulaView } from '~/components/calculators/shared/FormulaView';
import { withBase } from '~/base-path';
import { compressText, cutText, decompressText, joinFragment, splitFragment } from '~/components/calculators/shared/compressed-text';
import { URL_WRITE_DELAY_MS } from '~/components/calculators/shared/url-sync';
import type { TokenStrings } from './strings/en';
import { LINK_TEXT_LIMIT, plainInLink, schema, TEXT_FRAGMENT_KEY, URL_PREFIX, type PlaygroundDefaults, type TokenVocabulary, type VocabChoice } from './state';
import { bytesPerToken, kvCacheLink, problemMessage, shownVocabularies } from './view';
import { createEncoderClient, type EncoderClient } from './encoder-client';
import type { EncodeResult } from './encode-job';

type VocabularyName = TokenVocabulary;
const modelsOf = (name: TokenVocabulary) => (isOpenVocabulary(name) ? OPEN_VOCABULARIES[name].models : VOCABULARY_MODELS[name]);
/** One vocabulary's encoding of the text: loading, or the newest result. */
interface Output {
  status: 'loading' | 'ready' | 'error';
  result?: EncodeResult;
}
/** Without a Worker, texts longer than this (UTF-16 units) are encoded after a pause in typing, so no keystroke waits. */
const ENCODE_AT_ONCE = 1000;
const ENCODE_DELAY_MS = 250;

export interface TokenPlaygroundProps {
  /** Element id of the calculator's section (the wrapper's); copied links point at its section heading (see SECTION). */
  id: string;
  lang: Lang;
  t: TokenStrings;
  defaults: PlaygroundDefaults;
  /** From renderSlottedFormula, slots V, d, P. */
  formulaHtml: string;
}

/**
 * Copied links point at the section heading that holds the playground: `#playground` on the calculator page, the
 * section above it on a topic page (the sync falls back when the id is not on the page).
 */
const SECTION = 'playground';

/** The compressed text for the fragment, or undefined when the text needs none (the default, or short enough for the query). */
async function fragmentValue(text: string, defaultText: string): Promise<string | undefined> {
  if (text === defaultText || plainInLink(text)) return undefined;
  return compressText(cutText(text, LINK_TEXT_LIMIT));
}

/** The playground itself; pages get it through the per-language entries (`TokenPlayground.en.tsx`, `.zh.tsx`). */
export function TokenPlayground({ lang, t, defaults, formulaHtml }: TokenPlaygroundProps) {
  const linkDefaults = { text: defaults.text, vocab: 'all', vs: 'none', chat: 'off', d: defaults.hiddenSize };
  // What became of the text a link carried in its fragment: cut at the limit, or unreadable.
  const linkText = useSignal<'cut' | 'damaged' | null>(null);
  // Vocabularies the reader has asked for (by typing, choosing or a link); only these are loaded and encoded.
  const active = useMemo(() => signal<ReadonlySet<VocabularyName>>(new Set()), []);
  const loadShown = () => {
    const missing = shownVocabs.value.filter((name) => !active.value.has(name) || outputs.value[name]?.status === 'error');
    if (missing.length) active.value = new Set([...active.value, ...missing]);
  };
  const linked = useLinkedSignal(schema, linkDefaults, URL_PREFIX, {
    // A link with its own text, or with a vocabulary that has no build-time result, needs the vocabularies at once;
    // otherwise wait for the reader.
    afterLink: async (link) => {
      // A long text travels compressed in the fragment (`#playground&tok.z=…`), beside the section to scroll to.
      const { anchor, value } = splitFragment(location.hash, TEXT_FRAGMENT_KEY);
      let text = link.text;
      if (value !== undefined) {
        const decoded = await decompressText(value, LINK_TEXT_LIMIT);
        if (decoded.ok) {
          text = decoded.text;
          state.value = { ...state.value, text };
          if (decoded.cut) linkText.value = 'cut';
        } else linkText.value = 'damaged';
        // The browser looked for an element named by the whole fragment and found none: scroll to the section.
        if (anchor) document.getElementById(anchor)?.scrollIntoView();
      }
      const needsEncoder = shownVocabularies(link.vocab as VocabChoice, link.vs as 'none' | TokenVocabulary).some(isOpenVocabulary);
      if (needsEncoder || cleanTokenText(text).text !== defaults.text) loadShown();
    },
    // Short text stays readable in the query; longer text goes compressed into the fragment instead.
    toLink: (values) => (plainInLink(values.text) ? values : { ...values, text: defaults.text }),
  });
  const { state, notices, root, linkTo, live } = linked;
  // The fragment follows the text once the link has been read, debounced like the query; a newer text wins a race.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let newest = 0;
    const stop = effect(() => {
      if (!live.value) return;
      const text = state.value.text;
      clearTimeout(timer);
      timer = setTimeout(() => {
        const mine = ++newest;
        void fragmentValue(text, defaults.text).then((value) => {
          if (mine !== newest) return;
          const fragment = joinFragment(splitFragment(location.hash, TEXT_FRAGMENT_KEY).anchor, TEXT_FRAGMENT_KEY, value);
          if (fragment !== location.hash) history.replaceState(history.state, '', `${location.pathname}${location.search}${fragment}`);
        });
      }, URL_WRITE_DELAY_MS);
    });
    return () => {
      stop();
      clearTimeout(timer);
      newest++;
    };
  }, []);
  const set = (patch: Partial<typeof state.value>) => (state.value = { ...state.value, ...patch });
  const derived = useMemo(() => {
    const outputs = signal<Partial<Record<VocabularyName, Output>>>({});
    let client: EncoderClient | undefined;
    const background = () => client?.background ?? typeof Worker !== 'undefined';
    const cleaned = computed(() => cleanTokenText(state.value.text));
    // The text sent for encoding: at once when a Worker encodes or the text is short; on the page, long text waits
    // for a pause in typing.
    const encodedText = signal(cleaned.peek().text);
    let timer: ReturnType<typeof setTimeout> | undefined;
    cleaned.subscribe(({ text }) => {
      clearTimeout(timer);
      if (background() || text.length <= ENCODE_AT_ONCE) encodedText.value = text;
      else timer = setTimeout(() => (encodedText.value = text), ENCODE_DELAY_MS);
    });
    // Narrow signals (strings and booleans compare by value), so a keystroke changes none of them.
    const vocabKey = computed(() => shownVocabularies(state.value.vocab as VocabChoice, state.value.vs as 'none' | TokenVocabulary).join(' '));
    const shownVocabs = computed(() => vocabKey.value.split(' ') as VocabularyName[]);
    const chatOn = computed(() => state.value.chat === 'on');
    // What was last sent per vocabulary, so an unchanged request is not sent again.
    const sent = new Map<VocabularyName, string>();
    effect(() => {
      const text = encodedText.value;
      const chat = chatOn.value;
      for (const name of shownVocabs.value) {
        if (!active.value.has(name)) continue;
        const template = chat ? defaults.templates[name] : undefined;
        const key = `${template ? 'chat' : 'text'}\u0000${text}`;
        if (sent.get(name) === key && outputs.peek()[name]?.status !== 'error') continue;
        sent.set(name, key);
        const before = outputs.peek()[name];
        if (!before?.result) outputs.value = { ...outputs.peek(), [name]: { status: 'loading' } };
        client ??= createEncoderClient();
        client.encode({ vocab: name, text, chat: template }).then(
          (result) => {
            if (result) outputs.value = { ...outputs.peek(), [name]: { status: 'ready', result } };
          },
          () => {
            sent.delete(name);
            outputs.value = { ...outputs.peek(), [name]: { status: 'error' } };
          },
        );
      }
    });
    const results = computed(() =>
      shownVocabs.value.map((name) => {
        const output = outputs.value[name];
        const prebuilt = isOpenVocabulary(name) ? undefined : defaults.results[name];
        const r = output?.result;
        if (r) {
          const chat = chatOn.value && r.chatTotal !== undefined ? { total: r.chatTotal, text: r.count } : undefined;
          return { name, status: 'ready' as const, vocabularySize: r.vocabularySize, text: r.text, chat, pieces: r.pieces, count: r.count };
        }
        const text = cleaned.value.text;
        if (prebuilt && text === defaults.text && output?.status !== 'error') return { name, status: 'prebuilt' as const, text, chat: undefined, ...prebuilt };
        return {
          name,
          status: output?.status === 'error' ? ('error' as const) : ('loading' as const),
          vocabularySize: prebuilt?.vocabularySize ?? 0,
          text,
          chat: undefined,
          pieces: [],
          count: 0,
        };
      }),
    );
    // Waiting for a pause in typing, or for the encoder to catch up with the text.
    const pending = computed(
      () =>
        encodedText.value !== cleaned.value.text ||
        shownVocabs.value.some((name) => {
          const r = outputs.value[name]?.result;
          return r !== undefined && r.text !== cleaned.value.text;
        }),
    );
    return { cleaned, shownVocabs, results, pending, outputs };
  }, []);
  const { cleaned, shownVocabs, results, pending, outputs } = derived;
  const [selected, setSelected] = useState<Record<string, number>>({});

  const embeddingVocab = state.value.vocab === 'all' ? 'r50k_base' : state.value.vocab;
  const size = (name: TokenVocabulary) => formatBytes(defaults.downloadBytes[name], 'decimal', lang);
  const vocabOptions = (
    <>
      <optgroup label={t.openaiGroup}>
        {VOCABULARY_NAMES.map((name) => (
          <option value={name} key={name}>
            {name} ({VOCABULARY_MODELS[name]}; {t.download(size(name))})
          </option>
        ))}
      </optgroup>
      <optgroup label={t.openGroup}>
        {OPEN_VOCABULARY_NAMES.map((name) => (
          <option value={name} key={name}>
            {name} ({OPEN_VOCABULARIES[name].models}; {t.download(size(name))})
          </option>
        ))}
      </optgroup>
    </>
  );
  const embeddingResult = results.value.find((r) => r.name === embeddingVocab) ?? results.value[0]!;
  // 0 while a vocabulary with no build-time result is loading: nothing to multiply yet.
  const V = embeddingResult.vocabularySize;
  const params = V > 0 ? embeddingParams(V, state.value.d) : undefined;
  const selectedIndex = Math.min(selected[embeddingResult.name] ?? 0, Math.max(0, embeddingResult.pieces.length - 1));
  const selectedId = embeddingResult.pieces[selectedIndex]?.id ?? 0;
  const num = (value: number, digits = 0) => formatNumber(value, { lang, digits });
  const problems = cleaned.value.problems;

  return (
    <div class="tok" ref={root}>
      <UrlNotices notices={notices.value} lang={lang} />
      {linkText.value && (
        <div class="calc-url-notices" role="status" data-link-text={linkText.value}>
          <p>{linkText.value === 'cut' ? t.linkWasCut(LINK_TEXT_LIMIT) : t.linkDamaged}</p>
        </div>
      )}
      <div class="calc-inputs tok-inputs">
        <div class="calc-field tok-text">
          <label for="tok-text">{t.textLabel}</label>
          <textarea
            id="tok-text"
            rows={3}
            value={state.value.text}
            onFocus={loadShown}
            onInput={(e) => {
              loadShown();
              set({ text: (e.currentTarget as HTMLTextAreaElement).value });
            }}
            aria-describedby={
              [problems.length ? 'tok-text-message' : '', state.value.text.length > LINK_TEXT_LIMIT ? 'tok-link-message' : ''].filter(Boolean).join(' ') ||
              undefined
            }
          />
          {problems.length > 0 && (
            <p id="tok-text-message" class="calc-field-warning">
              {problemMessage(problems, t, MAX_TOKEN_TEXT)}
            </p>
          )}
          {state.value.text.length > LINK_TEXT_LIMIT && (
            <p id="tok-link-message" class="calc-field-warning" role="status">
              {t.linkCut(LINK_TEXT_LIMIT)}
            </p>
          )}
        </div>
        <div class="calc-field">
          <label for="tok-vocab">{t.vocabLabel}</label>
          <select
            id="tok-vocab"
            value={state.value.vocab}
            onChange={(e) => {
              set({ vocab: (e.currentTarget as HTMLSelectElement).value as VocabChoice });
              loadShown();
            }}
          >
            <option value="all">{t.allVocabs}</option>
            {vocabOptions}
          </select>
        </div>
        <div class="calc-field">
          <label for="tok-vs">{t.compareLabel}</label>
          <select
            id="tok-vs"
            value={state.value.vs}
            disabled={state.value.vocab === 'all'}
            onChange={(e) => {
              set({ vs: (e.currentTarget as HTMLSelectElement).value as 'none' | TokenVocabulary });
              loadShown();
            }}
          >
            <option value="none">{t.compareNone}</option>
            {vocabOptions}
          </select>
        </div>
        <div class="calc-field tok-chat-toggle">
          <label>
            <input
              type="checkbox"
              id="tok-chat"
              checked={state.value.chat === 'on'}
              onChange={(e) => {
                set({ chat: (e.currentTarget as HTMLInputElement).checked ? 'on' : 'off' });
                loadShown();
              }}
            />{' '}
            {t.chatLabel}
          </label>
        </div>
      </div>
      {pending.value && (
        <p class="calc-field-hint" role="status">
          {t.waiting}
        </p>
      )}

      <div class={`tok-results calc-results${shownVocabs.value.length === 2 ? ' tok-side-by-side' : ''}`}>
        {results.value.map((r) => {
          const stats = tokenStats(r.text, r.count);
          const index = Math.min(selected[r.name] ?? 0, Math.max(0, r.pieces.length - 1));
          const current = r.pieces[index];
          const move = (to: number) => setSelected({ ...selected, [r.name]: Math.max(0, Math.min(r.pieces.length - 1, to)) });
          return (
            <section class="tok-vocab" key={r.name} aria-labelledby={`tok-h-${r.name}`} data-vocab={r.name}>
              <h3 id={`tok-h-${r.name}`}>
                {r.name} <span class="tok-models">{modelsOf(r.name)}</span>
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
                <div>
                  <dt>{t.perTokenBytes}</dt>
                  <dd>
                    <output data-stat="bytes-per-token">
                      {r.status === 'loading' || r.status === 'error' ? '…' : num(bytesPerToken(stats.utf8Bytes, stats.tokens), 2)}
                    </output>
                  </dd>
                </div>
              </dl>
              {r.status === 'loading' && (
                <p role="status" class="tok-loading">
                  <progress aria-hidden="true" /> {t.loadingSize(r.name, size(r.name))}
                </p>
              )}
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

      {state.value.chat === 'on' && (
        <section class="tok-chat" aria-labelledby="tok-chat-h">
          <h3 id="tok-chat-h">{t.chatHeading}</h3>
          <p>{t.chatIntro}</p>
          <ul>
            {results.value.map((r) =>
              r.chat ? (
                <li key={r.name} data-chat={r.name}>
                  <output data-stat="chat-tokens">{t.chatCount(r.name, num(r.chat.total), num(r.chat.total - r.chat.text), num(r.chat.text))}</output>{' '}
                  <a href={withBase(kvCacheLink(lang, r.chat.total))}>{t.kvLink(num(r.chat.total))}</a>
                </li>
              ) : defaults.templates[r.name] ? (
                <li key={r.name}>{t.loadingSize(r.name, size(r.name))}</li>
              ) : (
                <li key={r.name}>{t.chatNone(r.name)}</li>
              ),
            )}
          </ul>
        </section>
      )}

      <section class="tok-embedding" aria-labelledby="tok-embedding-h">
        <h3 id="tok-embedding-h">{t.embeddingHeading}</h3>
        <NumberField id="tok-d" label={t.hiddenLabel} value={state.value.d} rule={schema.d} lang={lang} onValue={(v) => set({ d: v })} />
        <p>{t.embeddingText(selectedId, embeddingResult.name)}</p>
        <FormulaView
          html={formulaHtml}
          values={{ V: params === undefined ? '…' : num(V), d: num(state.value.d), P: params === undefined ? '…' : num(params) }}
          spoken={params === undefined ? '' : `V × d = ${num(V)} × ${num(state.value.d)} = ${num(params)}`}
        />
        <p>
          {t.paramsLabel}: <output data-stat="embedding-params">{params === undefined ? '…' : num(params)}</output> · {t.bf16}:{' '}
          <output>{params === undefined ? '…' : formatBytes(params * 2, 'binary', lang)}</output>
        </p>
      </section>
      <CopyLinkButton
        lang={lang}
        link={async () => {
          const value = await fragmentValue(state.value.text, defaults.text);
          return value === undefined ? linkTo(SECTION) : `${linkTo(SECTION)}&${TEXT_FRAGMENT_KEY}=${value}`;
        }}
      />
    </div>
  );
}
