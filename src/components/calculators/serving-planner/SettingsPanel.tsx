import { NumberField } from '~/components/calculators/shared/fields/NumberField';
import { SelectField } from '~/components/calculators/shared/fields/SelectField';
import { Checkbox } from '~/components/calculators/shared/fields/Checkbox';
import type { Formatter, Lang } from '~/components/calculators/shared/locale';
import { PROFILE_SAMPLERS } from '~/lib/memory/serving-defaults';
import { LINK_CHOICES, type ServingSchema, type ServingState } from './state';
import { panelStrings } from './strings/panels';

type SettingKey = 'mnbt' | 'actgb' | 'ctxgb' | 'ncclgb' | 'cggb' | 'beff' | 'ceff' | 'lov' | 'pfx' | 'spk' | 'spa' | 'spc' | 'price';

interface Props {
  id: string;
  lang: Lang;
  f: Formatter;
  state: ServingState;
  schema: ServingSchema;
  set: <K extends keyof ServingState>(key: K, value: ServingState[K]) => void;
  /** vLLM's default batched tokens for the GPU in use, and the activation estimate, for the hints. */
  defaultBatchedTokens: number;
  activationEstimate: number;
}

/**
 * The planner's two closed panels: the reserve of vLLM's startup profile and the speed assumptions. Secondary (most
 * readers keep the defaults), so their code and strings load after start-up; edits made before then are carried over.
 */
export function SettingsPanel({ id, lang, f, state: s, schema, set, defaultBatchedTokens, activationEstimate }: Props) {
  const t = panelStrings(lang).settings;
  const num = (key: SettingKey, label: string, hint?: string) => (
    <NumberField id={`${id}-${key}`} label={label} value={s[key]} rule={schema[key]} lang={lang} onValue={(v) => set(key, v)} hint={hint} />
  );
  return (
    <>
      <details class="srv-reserve" id={`${id}-reserve`}>
        <summary>{t.reserveTitle}</summary>
        <div class="calc-inputs">
          {num('mnbt', t.mnbt, t.mnbtHint(f.n(defaultBatchedTokens)))}
          <SelectField
            id={`${id}-sampler`}
            label={t.sampler}
            value={s.sampler}
            values={PROFILE_SAMPLERS}
            names={t.samplers}
            onChange={(v) => set('sampler', v)}
          />
          {num('actgb', t.actgb, t.actgbHint(f.bytes(activationEstimate)))}
          {num('ctxgb', t.ctxgb, t.ctxgbHint)}
          {num('ncclgb', t.ncclgb, t.ncclgbHint)}
          <Checkbox id={`${id}-graphs`} label={t.graphs} checked={s.graphs} onChange={(v) => set('graphs', v)} />
          {num('cggb', t.cggb)}
        </div>
      </details>
      <details class="srv-reserve" id={`${id}-speed-settings`}>
        <summary>{t.speedTitle}</summary>
        <div class="calc-inputs">
          {num('beff', t.beff, t.effHint)}
          {num('ceff', t.ceff)}
          {num('lov', t.lov, t.lovHint)}
          <SelectField id={`${id}-link`} label={t.link} value={s.link} values={LINK_CHOICES} names={t.links} onChange={(v) => set('link', v)} />
          {num('pfx', t.pfx, t.pfxHint)}
          {num('spk', t.spk, t.spHint)}
          {s.spk > 0 && num('spa', t.spa)}
          {s.spk > 0 && num('spc', t.spc)}
          {num('price', t.price)}
        </div>
      </details>
    </>
  );
}
