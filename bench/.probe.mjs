import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
await build({ stdin: { contents: `export * from './src/lib/training/parallel/index.ts'; export { parseHfConfig } from './src/lib/model/hf-config.ts'; export { gpuById } from './src/lib/memory/gpu-data.ts';`, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, format: 'esm', platform: 'node', outfile: '/tmp/trn2/p.mjs', logLevel: 'error' });
const m = await import(pathToFileURL('/tmp/trn2/p.mjs').href + '?' + Date.now());
const fx = JSON.parse(readFileSync('tests/fixtures/training-runs/runs.json', 'utf8'));
const llama = m.parseHfConfig(fx.models['llama-3.1-405b'].config);
console.log('h100 mem', m.gpuById('h100-80gb').memoryBytes);
for (const run of fx.runs) {
  const spec = run.model === 'llama-3.1-405b' ? llama : run.model === 'deepseek-v3' ? m.parseHfConfig(JSON.parse(readFileSync(fx.models[run.model].configFile,'utf8'))) : m.parseHfConfig(fx.models[run.model].config);
  const p = m.trainingPlan(spec, { gpu: fx.gpus[run.gpu] ?? run.gpu, ...run.options, ...(JSON.parse(process.env.OVR ?? '{}')[run.id] ?? {}) });
  const g = (x) => (x / 2 ** 30).toFixed(1);
  console.log(run.id, 'fits', p.fits, 'tot', g(p.perGpu.total), 'w', g(p.perGpu.weights), 'g', g(p.perGpu.gradients), 'o', g(p.perGpu.optimizer), 'a', g(p.perGpu.activations), 'mfu', p.mfu.toFixed(3), 'hfu312', (p.hfu*312).toFixed(0), run.reported.tokens ? 'gpuh ' + (p.gpuHours(run.reported.tokens)/1e6).toFixed(3) + 'M vs ' + run.reported.gpuHours/1e6 : '');
}
