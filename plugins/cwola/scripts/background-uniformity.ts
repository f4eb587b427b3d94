// Background-only hunts over independent seeds: are the local p-values uniform, at every selection?
// Each seed draws a new dijet toy without signal and hunts in one signal region (alternating between
// two, bins 8-9 and 10-11 of 14 log bins over 2-5 TeV) with nested 3-fold networks; the one-sided p0 of
// each efficiency is collected and tested against its null distribution (KS).
//   npx tsx --tsconfig tsconfig.spec.json plugins/cwola/scripts/background-uniformity.ts [seeds] [events] [fit]
import { Rng, selectBackend } from '@hepuq/core';
import { dijetToy } from '@hepuq/datasets';
import { fmt, ksOneSided, publish, runHunt, studyApp } from './study-app.js';

const [seeds, n, fit] = [Number(process.argv[2] ?? 100), Number(process.argv[3] ?? 60_000), (process.argv[4] ?? 'poisson') as 'poisson' | 'lsq'];
const EFFICIENCIES = [0.1, 0.01];
const CLASSIFIER = { use: 'mlp-classifier', options: { hidden: [16, 16], epochs: 20, batchSize: 128 } };
const WINDOWS: [number, number][] = [[8, 9], [10, 11]];
await selectBackend();
const app = await studyApp();
const p0: Record<string, number[]> = Object.fromEntries([1, ...EFFICIENCIES].map((e) => [String(e), []]));
const failed: string[] = [];
const t0 = performance.now();
try {
  for (let seed = 0; seed < seeds; seed++) {
    const data = dijetToy.generate(n, {}, new Rng(7000 + seed));
    const artifact = await runHunt(app, data, {
      bins: { n: 14, min: 2000, max: 5000, scale: 'log' }, signalRegions: { windows: [WINDOWS[seed % 2]], sideband: 2 }, folds: 3,
      classifier: CLASSIFIER, efficiencies: EFFICIENCIES, fit: { method: fit },
    }, seed);
    for (const row of artifact.hunt) {
      if (row.p0 === null) failed.push(`seed ${seed} efficiency ${row.efficiency}: ${row.error}`);
      else p0[String(row.efficiency)].push(row.p0);
    }
    if ((seed + 1) % 10 === 0) console.log(`seed ${seed + 1}/${seeds} after ${Math.round((performance.now() - t0) / 1000)} s`);
  }
  const rows = Object.entries(p0).map(([eff, values]) => {
    const { d, pValue } = ksOneSided(values);
    const deficits = values.filter((v) => v >= 0.5).length / values.length;
    const small = values.filter((v) => v < 0.05).length;
    return `| ${eff === '1' ? 'inclusive' : `${Number(eff) * 100}%`} | ${values.length} | ${fmt(deficits, 2)} ± ${fmt(Math.sqrt(0.25 / values.length), 2)} | ${small} (expected ${fmt(0.05 * values.length, 1)}) | ${fmt(d)} | ${fmt(pValue)} |`;
  });
  const table = [
    `${seeds} background-only dijet toys of ${n} events (seeds 7000–${7000 + seeds - 1}); one signal region per toy (bins ${WINDOWS.map((w) => w.join('–')).join(' and ')} of 14 log bins over 2–5 TeV, alternating; 2 sideband bins each side), nested 3-fold networks (2×16, 20 epochs), fit: ${fit === 'poisson' ? 'Poisson likelihood' : 'least squares σ = √(N+1)'}, dijet3. Uniform p₀ has half its mass at ½ (deficits) and the other half uniform on (0, ½); the KS p-value tests exactly that.${failed.length ? ` Failed fits: ${failed.length}.` : ''}`,
    '',
    '| selection | hunts | fraction p₀ = ½ | p₀ < 0.05 | KS D | KS p-value |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  console.log(table);
  const name = fit === 'poisson' ? 'uniformity' : 'uniformity-lsq';
  await publish(name, { seeds, n, fit, efficiencies: EFFICIENCIES, windows: WINDOWS, seconds: (performance.now() - t0) / 1000, p0, failed }, table, `npx tsx --tsconfig tsconfig.spec.json plugins/cwola/scripts/background-uniformity.ts ${seeds} ${n} ${fit}`);
} finally {
  app.dispose();
}
