/** The planner's lists as the `.astro` wrapper builds them, from the same files (site models and GPUs, the runs fixture). */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gpuFromFile, type GpuFile } from '~/lib/hardware/gpus';
import { computeTraining } from '~/components/calculators/training-planner/compute';
import { runGpus, runModels, trainingPresets } from '~/components/calculators/training-planner/presets';
import { inputsOf, type TrainingState } from '~/components/calculators/training-planner/state';
import { FORMULA_NAMES, type FormulaName } from '~/components/calculators/training-planner/formulas';
import type { TrainingGpu, TrainingModel } from '~/components/calculators/training-planner/view';
import { modelPresets } from '../../helpers/presets';

const gpuDir = join(process.cwd(), 'src/content/gpus');
export const gpus: TrainingGpu[] = [
  ...readdirSync(gpuDir)
    .map((f) => {
      const id = f.replace(/\.json$/, '');
      const g = gpuFromFile(id, JSON.parse(readFileSync(join(gpuDir, f), 'utf8')) as GpuFile);
      return (
        g && {
          id,
          name: g.name,
          memoryBytes: g.memoryBytes,
          bandwidthBytesPerSecond: g.bandwidthBytesPerSecond,
          flopsPerSecond: g.flopsPerSecond,
          interconnectBytesPerSecond: g.interconnectBytesPerSecond,
          linkTier: g.linkTier,
        }
      );
    })
    .filter((g): g is NonNullable<typeof g> => g !== null),
  ...runGpus(),
];
export const models: TrainingModel[] = [...modelPresets().map(({ id, name, configUrl, spec }) => ({ id, name, spec, source: configUrl })), ...runModels()];
export const presets = trainingPresets();
export const presetState = (id: string): TrainingState => presets.find((p) => p.id === id)!.state;
export const formulas = Object.fromEntries(FORMULA_NAMES.map((k) => [k, ''])) as Record<FormulaName, string>;

/** Props of the island starting from preset `id`, with the server's first frame. */
export function islandProps(id = 'llama-3.1-70b') {
  const defaults = presetState(id);
  const first = computeTraining(inputsOf(defaults, models, gpus));
  if (!first.ok) throw new Error(`preset ${id} must compute: ${first.error.detail}`);
  return { id: 'trn', models, gpus, presets, defaults, formulas, initial: first.value };
}
