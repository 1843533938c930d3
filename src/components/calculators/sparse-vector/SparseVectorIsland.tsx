import { useEffect, useMemo, useState } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { loadCorpus, type Corpus, type CorpusIndexData } from '~/lib/sparse/corpus-index';
import { useLinkedSignal } from '~/components/calculators/shared/use-linked-state';
import { CopyLinkButton } from '~/components/calculators/shared/CopyLinkButton';
import { UrlNotices } from '~/components/calculators/shared/UrlNotices';
import type { Lang } from '~/components/calculators/shared/locale';
import type { SparseStrings } from './strings/en';
import { URL_PREFIX, URL_TEXT_MAX, TABS, defaultState, schema, type SvState } from './state';
import { VectorTab } from './VectorTab';
import type { CorpusStatus, TextTab as TextTabComponent } from './TextTab';
import type { FormulaName } from './formulas';

export interface SparseVectorProps {
  /** Element id of the calculator's section: the fragment of copied links. */
  id: string;
  lang: Lang;
  t: SparseStrings;
  formulas: Record<FormulaName, string>;
  /** URL of this language's corpus index (a static JSON built by `src/pages/sparse-index/[lang].json.ts`). */
  indexUrl: string;
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

/** The encoder itself; pages get it through the per-language entries (`SparseVector.en.tsx`, `.zh.tsx`). */
export function SparseVectorIsland({ id, lang, t, formulas, indexUrl }: SparseVectorProps) {
  const defaults = useMemo(() => defaultState(lang), [lang]);
  // Texts too long for a link stay on the page but are left out of the URL.
  const linkState = (s: SvState): SvState => ({
    ...s,
    v: s.v.length > URL_TEXT_MAX ? defaults.v : s.v,
    q: s.q.length > URL_TEXT_MAX ? defaults.q : s.q,
    q2: s.q2.length > URL_TEXT_MAX ? defaults.q2 : s.q2,
  });
  const { state, notices, root, linkTo } = useLinkedSignal(schema, defaults, URL_PREFIX, { toLink: linkState });
  const corpus = useSignal<CorpusStatus>({ status: 'idle' });

  const set = (patch: Partial<SvState>) => {
    state.value = { ...state.value, ...patch };
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
              <VectorTab lang={lang} t={t} state={state} set={set} formulas={formulas} />
            ) : TextTab ? (
              <TextTab lang={lang} t={t} state={state} set={set} corpus={corpus} formulas={formulas} />
            ) : (
              <p role="status">{corpus.value.status === 'failed' ? t.loadFailed : t.loading}</p>
            ))}
        </div>
      ))}
      <CopyLinkButton lang={lang} link={() => linkTo(id)} />
    </div>
  );
}
