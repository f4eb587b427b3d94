// CWoLa against full supervision at large sample size: the same classifier trained on two mixed samples
// (two-class-2d events, P(sample 1 | signal) = 0.75, P(sample 1 | background) = 0.25, so f1 = 0.75,
// f0 = 0.25) and on the true labels, compared on the true labels of an independent test set with the
// Bayes-optimal classifier (the toy's exact probability) beside them.
//   npx tsx --tsconfig tsconfig.spec.json plugins/cwola/scripts/supervised-comparison.ts [train events] [test events]
import { Dataset, EventBus, Rng, selectBackend } from '@hepuq/core';
import { twoClass2dToy } from '@hepuq/datasets';
import { CwolaOptions, weightedAuc } from '@hepuq/plugin-cwola';
import { fmt, publish, studyApp } from './study-app.js';

const [nTrain, nTest] = [Number(process.argv[2] ?? 200_000), Number(process.argv[3] ?? 100_000)];
const CLASSIFIER = { use: 'mlp-classifier', options: { hidden: [32, 32], epochs: 10, batchSize: 256 } };
const FPRS = [0.01, 0.1];

function mixed(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const data = twoClass2dToy.generate(n, {}, rng.fork('toy'));
  const sample = Float32Array.from(data.label!, (y) => (rng.uniform() < (y === 1 ? 0.75 : 0.25) ? 1 : 0));
  return new Dataset({ features: data.features, label: sample, labelName: 'sample', extras: { ...data.extras, is_signal: data.label! }, source: 'mixed two-class-2d' });
}

/** Signal efficiency at the score threshold passing `fpr` of the background, with its binomial error. */
function tprAt(score: Float32Array, truth: Float32Array, fpr: number): { value: number; error: number } {
  const bg = Float32Array.from(score.filter((_, i) => truth[i] === 0)).sort();
  const cut = bg[Math.floor((1 - fpr) * bg.length)];
  const sig = score.filter((_, i) => truth[i] === 1);
  const eff = sig.filter((s) => s > cut).length / sig.length;
  return { value: eff, error: Math.sqrt((eff * (1 - eff)) / sig.length) };
}

await selectBackend();
const app = await studyApp();
const t0 = performance.now();
try {
  const train = mixed(nTrain, 1);
  const test = mixed(nTest, 2);
  const ctx = (seed: number) => ({ rng: new Rng(seed), events: new EventBus(), methods: app.registries.methods });
  const cwolaModel = await app.registries.methods.get('cwola').fit(train, CwolaOptions.parse({ classifier: CLASSIFIER, truth: 'is_signal' }), ctx(3));
  const mlp = app.registries.methods.get('mlp-classifier');
  const supervisedModel = await mlp.fit(new Dataset({ features: train.features, label: train.extras.is_signal, source: 'supervised' }), mlp.options.parse(CLASSIFIER.options), ctx(3));
  const prob = async (m: typeof cwolaModel) => {
    const p = await m.predict(test);
    return p.kind === 'classification' ? p.prob : new Float32Array(test.n);
  };
  const truth = test.extras.is_signal;
  const scores: Record<string, Float32Array> = { 'CWoLa (mixed samples)': await prob(cwolaModel), 'supervised (true labels)': await prob(supervisedModel), 'Bayes optimal (exact probability)': test.extras.true_prob };
  const diagnostics = (await cwolaModel.diagnostics!(test, { kind: 'classification', prob: scores['CWoLa (mixed samples)'], sigmaProb: new Float32Array(test.n) })) as Record<string, { value: number; error: number }>;
  cwolaModel.dispose();
  supervisedModel.dispose();
  const results = Object.entries(scores).map(([name, s]) => ({ name, auc: weightedAuc(s, truth, test.weights), tpr: FPRS.map((f) => tprAt(s, truth, f)) }));
  const table = [
    `two-class-2d (separation 2, width 1), ${nTrain} training and ${nTest} test events; the CWoLa classifier sees only the mixed-sample label (f₁ = 0.75, f₀ = 0.25), the supervised one the true label; both 2×32 MLPs, 10 epochs, batch 256, same seed. Errors: bootstrap (AUC), binomial (signal efficiency).`,
    '',
    `| classifier | signal-vs-background AUC | ${FPRS.map((f) => `signal efficiency at ${f * 100}% background`).join(' | ')} |`,
    `|---|---|${FPRS.map(() => '---').join('|')}|`,
    ...results.map((r) => `| ${r.name} | ${fmt(r.auc.value, 4)} ± ${fmt(r.auc.error ?? Number.NaN, 4)} | ${r.tpr.map((t) => `${fmt(t.value)} ± ${fmt(t.error)}`).join(' | ')} |`),
    '',
    `Mixed-sample AUC of the CWoLa classifier: ${fmt(diagnostics.mixed_auc.value, 4)} ± ${fmt(diagnostics.mixed_auc.error, 4)}; predicted from its signal AUC and the measured fractions: ${fmt(diagnostics.predicted_mixed_auc.value, 4)} ± ${fmt(diagnostics.predicted_mixed_auc.error, 4)}.`,
    '',
  ].join('\n');
  console.log(table);
  await publish('supervised', { nTrain, nTest, seconds: (performance.now() - t0) / 1000, results, diagnostics }, table, `npx tsx --tsconfig tsconfig.spec.json plugins/cwola/scripts/supervised-comparison.ts ${nTrain} ${nTest}`);
} finally {
  app.dispose();
}
