import { SelectField } from '~/components/calculators/shared/fields/SelectField';
import { NumberField } from '~/components/calculators/shared/fields/NumberField';
import type { Formatter, Lang } from '~/components/calculators/shared/locale';
import type { KvStore, KvCacheProps } from './KvCacheIsland';
import type { KvReport } from './view';
import type { KvStrings } from './strings/en';

interface Props {
  id: string;
  t: KvStrings;
  lang: Lang;
  /** The island's state signals: the solver's fields write to them directly. */
  s: KvStore['s'];
  report: KvReport;
  f: Formatter;
  gpus: KvCacheProps['gpus'];
  seqText: string;
  batchText: string;
  maxContextText: string;
  maxBatchText: string;
}

/**
 * The reverse solver (GPU, count, utilization, block size → free memory, longest context, largest batch): a
 * secondary panel whose code loads after start-up; edits made in its server HTML before then are replayed.
 */
export function SolverPanel({ id, t, lang, s, report, f, gpus, seqText, batchText, maxContextText, maxBatchText }: Props) {
  return (
    <>
      <div class="calc-inputs">
        <SelectField
          id={`${id}-gpu`}
          label={t.gpu}
          value={s.gpu.value}
          values={gpus.map((g) => g.id)}
          names={Object.fromEntries(gpus.map((g) => [g.id, g.name]))}
          onChange={(v) => (s.gpu.value = v)}
        />
        <NumberField
          id={`${id}-ngpu`}
          label={t.gpuCount}
          value={s.ngpu.value}
          rule={{ min: 1, max: 1024, integer: true }}
          lang={lang}
          onValue={(v) => (s.ngpu.value = v)}
        />
        <NumberField
          id={`${id}-util`}
          label={t.utilization}
          value={s.util.value}
          rule={{ min: 0.05, max: 1 }}
          lang={lang}
          onValue={(v) => (s.util.value = v)}
          hint={t.utilizationHint}
        />
        <NumberField
          id={`${id}-block`}
          label={t.blockSize}
          value={s.block.value}
          rule={{ min: 1, max: 4096, integer: true }}
          lang={lang}
          onValue={(v) => (s.block.value = v)}
          hint={t.blockHint}
        />
      </div>
      <dl class="kv-results">
        <div>
          <dt>{t.free(report.gpu.name)}</dt>
          <dd>
            <output id={`${id}-free`} data-bytes={String(report.freeBytes)}>
              {f.bytes(report.freeBytes)}
            </output>
          </dd>
        </div>
        <div>
          <dt>{t.maxContext(batchText)}</dt>
          <dd>
            <output id={`${id}-max-context`}>{maxContextText}</output>
            {report.maxContext.kind !== 'none' && report.maxContext.exceedsTrainedWindow && report.maxContext.trainedWindow !== undefined && (
              <p class="calc-field-hint" id={`${id}-max-context-trained`}>
                {t.pastTrained(f.n(report.maxContext.trainedWindow))}
              </p>
            )}
          </dd>
        </div>
        <div>
          <dt>{t.maxBatch(seqText)}</dt>
          <dd>
            <output id={`${id}-max-batch`}>{maxBatchText}</output>
          </dd>
        </div>
      </dl>
    </>
  );
}
