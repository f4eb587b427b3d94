// Particle-set networks on the `jets` toy (difficulty 1: two-prong QCD jets share the top mass window):
//  1. a PFN on the constituents against an MLP on the same jets' high-level features (mass, pT,
//     multiplicity, width), AUC with Poisson-bootstrap errors on one independent test set;
//  2. the Bayesian PFN (bnn-classifier, network pfn): mean sigma_prob in bins of the predicted
//     probability mu (the mu–sigma relation) at two training sizes (it should shrink with more data).
//   npx tsx --tsconfig tsconfig.spec.json plugins/bnn/scripts/jets-study.ts [train events] [test events]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createHepuq, EventBus, Rng, selectBackend, writeFileAtomic, type Dataset, type FittedModel, type HepuqApp } from '@hepuq/core';
import { datasets, jetsToy } from '@hepuq/datasets';
import { nnPlugin } from '@hepuq/nn';
import { aucFromRanked, poissonBootstrapStd, rankEvents } from '@hepuq/stats';
import { bnn } from '@hepuq/plugin-bnn';
import { replaceBlocks } from '../../../scripts/generated-blocks.js';

const [nTrain, nTest] = [Number(process.argv[2] ?? 20_000), Number(process.argv[3] ?? 20_000)];
const TOY = { difficulty: 1, size: 40 };
const COMMAND = 'npx tsx --tsconfig tsconfig.spec.json plugins/bnn/scripts/jets-study.ts';
const PAGE = fileURLToPath(new URL('../../../docs/networks.md', import.meta.url));
const RESULTS = fileURLToPath(new URL('../results/jets-pfn.json', import.meta.url));
const TRAIN = { epochs: 30, batchSize: 256, lr: 1e-3 };
const PHI = [64, 64, 64];
/** The Bayesian PFN is smaller (~2k weights against ~17k): its fit draws a function per event and step, and takes longer. */
const BAYES = { phi: [16, 16, 16], hidden: [32, 32] };
const MU_BINS = 10;

const fmt = (v: number, digits = 3) => v.toFixed(digits);

function auc(prob: Float32Array, test: Dataset): { value: number; error: number } {
  const ranked = rankEvents(prob, test.label!, test.weights);
  return { value: aucFromRanked(ranked), error: poissonBootstrapStd(test.n, 200, new Rng(7), (k) => aucFromRanked(ranked, k)) };
}

async function fit(app: HepuqApp, method: string, train: Dataset, options: Record<string, unknown>, seed: number): Promise<{ model: FittedModel; seconds: number }> {
  const m = app.registries.methods.get(method);
  const t0 = performance.now();
  const model = await m.fit(train, m.options.parse(options), { rng: new Rng(seed), events: new EventBus(), networks: app.registries.networks });
  return { model, seconds: (performance.now() - t0) / 1000 };
}

async function probs(model: FittedModel, test: Dataset): Promise<{ prob: Float32Array; sigma: Float32Array }> {
  const p = await model.predict(test);
  if (p.kind !== 'classification') throw new Error('expected a classification');
  return { prob: p.prob, sigma: p.sigmaProb };
}

/** Mean sigma_prob, mean mu(1 - mu) and count per bin of mu. */
function muSigma(prob: Float32Array, sigma: Float32Array): { lo: number; n: number; sigma: number; ratio: number }[] {
  return Array.from({ length: MU_BINS }, (_, b) => {
    const lo = b / MU_BINS;
    let n = 0;
    let s = 0;
    let r = 0;
    prob.forEach((p, i) => {
      if (Math.min(MU_BINS - 1, Math.floor(p * MU_BINS)) !== b) return;
      n++;
      s += sigma[i];
      r += sigma[i] / Math.max(1e-6, p * (1 - p));
    });
    return { lo, n, sigma: n ? s / n : Number.NaN, ratio: n ? r / n : Number.NaN };
  });
}

await selectBackend();
const app = await createHepuq({ plugins: [nnPlugin(), datasets(), bnn()] });
const t0 = performance.now();
try {
  const test = jetsToy.generate(nTest, TOY, new Rng(2));
  const train = jetsToy.generate(nTrain, TOY, new Rng(1));
  const pfnNet = { use: 'pfn', options: { phi: PHI } };
  const mlp = await fit(app, 'mlp-classifier', train, { ...TRAIN, hidden: [64, 64] }, 3);
  const pfn = await fit(app, 'mlp-classifier', train, { ...TRAIN, hidden: [64, 64], network: pfnNet }, 3);
  const rows = [
    { name: `MLP on the high-level features (${train.featureNames.join(', ')})`, ...mlp, auc: auc((await probs(mlp.model, test)).prob, test) },
    { name: `PFN on the constituents (Phi ${PHI.join('-')}, F 64-64)`, ...pfn, auc: auc((await probs(pfn.model, test)).prob, test) },
  ];
  mlp.model.dispose();
  pfn.model.dispose();
  const sizes = [Math.round(nTrain / 4), nTrain];
  const bayes = [];
  for (const n of sizes) {
    const sub = train.subset(Int32Array.from({ length: n }, (_, i) => i));
    const fitted = await fit(app, 'bnn-classifier', sub, { ...TRAIN, lr: 3e-3, hidden: BAYES.hidden, draws: 50, network: { use: 'pfn', options: { phi: BAYES.phi } } }, 3);
    const p = await probs(fitted.model, test);
    fitted.model.dispose();
    bayes.push({ n, seconds: fitted.seconds, auc: auc(p.prob, test), meanSigma: p.sigma.reduce((a, v) => a + v, 0) / test.n, bins: muSigma(p.prob, p.sigma) });
  }
  const diff = rows[1].auc.value - rows[0].auc.value;
  const diffErr = Math.hypot(rows[0].auc.error, rows[1].auc.error);
  const table = [
    `\`jets\` toy (${Object.entries(TOY).map(([k, v]) => `${k} ${v}`).join(', ')}), ${nTrain} training and ${nTest} independent test jets, half of them signal; both deterministic networks are \`mlp-classifier\` (ReLU, ${TRAIN.epochs} epochs, batch ${TRAIN.batchSize}, Adam lr ${TRAIN.lr}), same seed. AUC errors: Poisson bootstrap of the test set (200 replicas).`,
    '',
    '| network | test AUC |',
    '|---|---|',
    ...rows.map((r) => `| ${r.name} | ${fmt(r.auc.value, 4)} ± ${fmt(r.auc.error, 4)} |`),
    '',
    `PFN − MLP: ${fmt(diff, 4)} ± ${fmt(diffErr, 4)} (errors added in quadrature, which overstates the error of a difference on one test set).`,
    '',
    `Bayesian PFN (\`bnn-classifier\`, \`network: pfn\`, Phi ${BAYES.phi.join('-')}, F ${BAYES.hidden.join('-')}, lr 3e-3, 50 weight draws): test AUC ${bayes.map((b) => `${fmt(b.auc.value, 4)} ± ${fmt(b.auc.error, 4)} (${b.n} jets)`).join(', ')}; mean sigma_prob ${bayes.map((b) => `${fmt(b.meanSigma, 4)} (${b.n})`).join(', ')}.`,
    '',
    `| mu bin | ${bayes.map((b) => `jets (N=${b.n}) | mean sigma_prob | mean sigma / (mu(1−mu))`).join(' | ')} |`,
    `|---|${bayes.map(() => '---|---|---').join('|')}|`,
    ...Array.from({ length: MU_BINS }, (_, k) => `| ${fmt(k / MU_BINS, 1)}–${fmt((k + 1) / MU_BINS, 1)} | ${bayes.map((b) => `${b.bins[k].n} | ${fmt(b.bins[k].sigma, 4)} | ${fmt(b.bins[k].ratio, 3)}`).join(' | ')} |`),
    '',
  ].join('\n');
  // training times stay in the JSON: speed figures in docs come from the benchmarks only
  const json = { toy: TOY, nTrain, nTest, train: TRAIN, phi: PHI, bayesianNetwork: BAYES, deterministic: rows.map(({ name, auc: a, seconds }) => ({ name, auc: a, seconds })), difference: { value: diff, error: diffErr }, bayesian: bayes, seconds: (performance.now() - t0) / 1000 };
  await writeFileAtomic(RESULTS, `${JSON.stringify(json, null, 2)}\n`);
  const page = readFileSync(PAGE, 'utf8');
  writeFileSync(PAGE, replaceBlocks(page, 'networks-results', (id) => {
    if (id !== 'jets-pfn') throw new Error(`${PAGE}: unknown block networks-results:${id}`);
    return `<!-- generated by \`${COMMAND}\`: edit the script, not this table -->\n${table}`;
  }, PAGE));
  console.log(table);
} finally {
  app.dispose?.();
}
