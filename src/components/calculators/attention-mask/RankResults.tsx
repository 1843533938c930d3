import { useMemo } from 'preact/hooks';
import { attentionRank } from '~/lib/masks/mask-rank';
import type { MaskKind } from '~/lib/masks/attention-mask';
import { formatNumber } from '~/lib/format/format-number';
import type { Lang } from '~/components/calculators/shared/locale';
import { RANK_KINDS, type ViewKind } from './state';
import type { MaskStrings } from './strings/en';
import { SingularValuePlot } from './SingularValuePlot';

export interface RankResultsProps {
  lang: Lang;
  t: MaskStrings;
  kinds: Record<'a' | 'b', ViewKind>;
  /** Sequence length n, head dimension d, temperature τ and seed of the random Q and K. */
  n: number;
  headDim: number;
  scale: number;
  seed: number;
  prefixLength: number;
  /** Keys a sliding window sees (W, or W+1 under that convention). */
  window: number;
}

/**
 * The rank experiment's results: singular values of both masks' attention matrices and their ranks. A secondary
 * panel (loaded after start-up through Deferred), because the SVD is code only the rank panel runs.
 */
export function RankResults({ lang, t, kinds, n, headDim, scale, seed, prefixLength, window }: RankResultsProps) {
  const num = (v: number, digits = 0) => formatNumber(v, { lang, digits });
  const rank = useMemo(() => {
    const run = (kind: ViewKind) =>
      attentionRank({
        mask: {
          // The link schema of the rank panel admits only RANK_KINDS; anything else is drawn as causal.
          kind: RANK_KINDS.includes(kind as MaskKind) ? (kind as MaskKind) : 'causal',
          length: n,
          prefixLength: Math.min(prefixLength, n),
          window,
        },
        headDim,
        scale,
        seed,
      });
    return { a: run(kinds.a), b: run(kinds.b) };
  }, [kinds.a, kinds.b, n, headDim, scale, seed, prefixLength, window]);
  return (
    <>
      <SingularValuePlot
        label={t.plotLabel}
        series={[
          { name: 'a', values: rank.a.singularValues, cls: 'mask-line-a' },
          { name: 'b', values: rank.b.singularValues, cls: 'mask-line-b' },
        ]}
      />
      <table class="mask-rank-table">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{t.numericalRank}</th>
            <th scope="col">{t.effectiveRank}</th>
          </tr>
        </thead>
        <tbody>
          {(['a', 'b'] as const).map((key) => (
            <tr key={key}>
              <th scope="row">
                <span class={`mask-key mask-key-${key}`} aria-hidden="true" /> {t.kinds[kinds[key]]}
              </th>
              <td>
                <output data-stat={`rank-${key}`}>{num(rank[key].numericalRank)}</output> / {num(n)}
              </td>
              <td>
                <output data-stat={`erank-${key}`}>{num(rank[key].effectiveRank, 2)}</output>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
