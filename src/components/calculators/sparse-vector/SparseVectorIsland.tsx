import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { loadCorpus, type Corpus, type CorpusIndexData } from '~/lib/sparse/corpus-index';
import { createUrlSync } from '~/components/calculators/shared/url-sync';
import { replayEarlyInput } from '~/components/calculators/shared/early-input';
import { CopyLinkButton } from '~/components/calculators/shared/CopyLinkButton';
import { UrlNotices } from '~/components/calculators/shared/UrlNotices';
import { strings, type Lang } from './strings';
import { URL_PREFIX, URL_TEXT_MAX, TABS, defaultState, schema, type SvState } from './state';
import { VectorTab } from './VectorTab';
import type { CorpusStatus, TextTab as TextTabComponent } from './TextTab';
import type { FormulaName } from './formulas';

interface Props {
  lang: Lang;
  formulas: Record<FormulaName, string>;
  /** URL of this language's corpus index (a static JSON built by `src/pages/sparse-index/[lang].json.ts`). */
  indexUrl: string;
  /** id of the calculator's section, the fragment of copied links. */
  anchor: string;
}

/** One fetch per page, shared if the encoder appears twice. */
const corpusCache = new Map<string, Promise<Corpus>>();

function fetchCorpus(url: string): Promise<Corpus> {
  let pending = corpusCache.get(url);
  if (!pending) {
    pending = fetch(url)
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json() as Promise<CorpusIndexData>;
      })
      .then(loadCorpus);
    pending.catch(() => corpusCache.delete(url));
    corpusCache.set(url, pending);
  }
  return pending;
}

export default function SparseVectorIsland({ lang, formulas, indexUrl, anchor }: Props) {
  const t = strings[lang];
  const defaults = useMemo(() => defaultState(lang), [lang]);
  const sync = useMemo(() => createUrlSync(schema, defaults, URL_PREFIX), [defaults]);
  // Hydrate with the defaults the server rendered, then apply the link's state: Preact does not patch
  // attributes (hidden, checked) while hydrating, so starting from the URL state would leave stale markup.
  const state = useSignal<SvState>(defaults);
  const notices = useSignal<typeof sync.initial.notices>([]);
  const corpus = useSignal<CorpusStatus>({ status: 'idle' });
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    state.value = sync.initial.state;
    notices.value = sync.initial.notices;
    replayEarlyInput(root.current);
  }, []);

  // Texts too long for a link stay on the page but are left out of the URL.
  const linkState = (s: SvState): SvState => ({
    ...s,
    v: s.v.length > URL_TEXT_MAX ? defaults.v : s.v,
    q: s.q.length > URL_TEXT_MAX ? defaults.q : s.q,
    q2: s.q2.length > URL_TEXT_MAX ? defaults.q2 : s.q2,
  });
  const set = (patch: Partial<SvState>) => {
    state.value = { ...state.value, ...patch };
    sync.write(linkState(state.value));
  };

  // The text tab's code (tokenizer, weights, ranking) and the corpus index are fetched only once that tab is
  // in use, which keeps the page's up-front JavaScript small.
  const tab = state.value.tab;
  const [TextTab, setTextTab] = useState<typeof TextTabComponent | null>(null);
  useEffect(() => {
    if (tab !== 'text' || corpus.value.status !== 'idle') return;
    import('./TextTab').then(
      (module) => setTextTab(() => module.TextTab),
      () => (corpus.value = { status: 'failed' }),
    );
    corpus.value = { status: 'loading' };
    fetchCorpus(indexUrl).then(
      (loaded) => (corpus.value = { status: 'ready', corpus: loaded }),
      () => (corpus.value = { status: 'failed' }),
    );
  }, [tab]);

  function onTabKey(event: KeyboardEvent) {
    const i = TABS.indexOf(tab as (typeof TABS)[number]);
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (i + 1) % TABS.length;
    else if (event.key === 'ArrowLeft') next = (i - 1 + TABS.length) % TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = TABS.length - 1;
    if (next === null) return;
    event.preventDefault();
    set({ tab: TABS[next]! });
    (document.getElementById(`sv-tab-${TABS[next]}`) as HTMLElement | null)?.focus();
  }

  return (
    <div class="sv" ref={root}>
      <UrlNotices notices={notices.value} lang={lang} />
      <div role="tablist" aria-label={t.tabList} class="sv-tabs" onKeyDown={onTabKey}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`sv-tab-${name}`}
            aria-selected={tab === name ? 'true' : 'false'}
            aria-controls={`sv-panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => set({ tab: name })}
          >
            {t.tabs[name]}
          </button>
        ))}
      </div>
      {TABS.map((name) => (
        // Both panels exist so each tab's aria-controls points at an element; only the active one has content.
        <div key={name} role="tabpanel" id={`sv-panel-${name}`} aria-labelledby={`sv-tab-${name}`} class="sv-panel" hidden={tab !== name}>
          {tab === name &&
            (name === 'vector' ? (
              <VectorTab lang={lang} state={state} set={set} formulas={formulas} />
            ) : TextTab ? (
              <TextTab lang={lang} state={state} set={set} corpus={corpus} formulas={formulas} />
            ) : (
              <p role="status">{corpus.value.status === 'failed' ? t.loadFailed : t.loading}</p>
            ))}
        </div>
      ))}
      <CopyLinkButton lang={lang} link={() => sync.linkTo(linkState(state.value), anchor)} />
    </div>
  );
}
