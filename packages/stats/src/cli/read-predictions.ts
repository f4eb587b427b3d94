import {
  HepuqError, resolveDataSource,
  type ClassificationPrediction, type DataFormat, type MetricInput, type MulticlassPrediction, type PredictionKind, type Registries, type RegressionPrediction,
} from '@hepuq/core';

/** Column options of `hepuq metrics` (undefined: use the default names). */
export interface PredictionColumns {
  /** Default: from the columns (`prob_<class>` columns: multiclass; `prob`: classification; else regression). */
  kind?: PredictionKind;
  mean?: string;
  sigma?: string;
  truth?: string;
  /** One target of a multi-target file: `mean_<target>`, `sigma_tot_<target>`, ... and the truth column `<target>`. */
  target?: string;
  weight?: string;
  prob?: string;
  label?: string;
  /** Feature columns for pull over phase space. */
  features?: string[];
  format?: string;
}

function pick(available: string[] | undefined, explicit: string | undefined, defaults: string[]): string | undefined {
  if (explicit) return explicit;
  if (!available) return defaults[0];
  return defaults.find((d) => available.includes(d));
}

function need(path: string, role: string, name: string | undefined, flag: string, tried: string[]): string {
  if (!name) {
    throw new HepuqError('MissingColumn', `${path}: no ${role} column (looked for ${tried.map((t) => `"${t}"`).join(', ')})`, {
      hint: `Name the column with ${flag} <column> (for one target of a multi-target predictions file: --target <name>).`,
    });
  }
  return name;
}

/** The class names of `prob_<class>` columns, in column order (predictions.csv of a K-class classifier). */
function multiclassNames(available: string[] | undefined): string[] {
  return (available ?? []).filter((c) => c.startsWith(PROB_PREFIX) && c.length > PROB_PREFIX.length).map((c) => c.slice(PROB_PREFIX.length));
}

const PROB_PREFIX = 'prob_';

function guessKind(cols: PredictionColumns, available: string[] | undefined): PredictionKind {
  if (cols.kind) return cols.kind;
  if (cols.mean || cols.sigma) return 'regression';
  if (!cols.prob && multiclassNames(available).length >= 2 && !available?.includes('prob') && !available?.includes('mean')) return 'multiclass';
  if (cols.prob || cols.label) return 'classification';
  return available?.includes('prob') && !available.includes('mean') ? 'classification' : 'regression';
}

/**
 * Read predictions, truth and weights from a file into a MetricInput, with default column names. The
 * file is `path` or `path:item` (an HDF5 dataset, a ROOT tree); its format comes from `cols.format`
 * or the extension (core's `resolveDataSource`). A K-class predictions file has `prob_<class>`
 * columns (and optionally `sigma_prob_<class>`, `replica_<r>_prob_<class>`) and a label column.
 * @example const { input, kind } = await readPredictions(app.registries, 'preds.h5:/preds', {})
 */
export async function readPredictions(registries: Pick<Registries, 'formats'>, source: string, cols: PredictionColumns): Promise<{ input: MetricInput; kind: PredictionKind }> {
  const { format, path, item } = resolveDataSource(registries, source, cols.format);
  const options = { item };
  const available = format.columns ? await format.columns(path, options) : undefined;
  const kind = guessKind(cols, available);
  const weight = cols.weight ?? (available?.includes('weight') ? 'weight' : undefined);
  const features = cols.features ?? [];
  if (kind === 'multiclass') return { kind, input: await readMulticlass(format, source, path, options, available, cols, weight) };
  if (kind === 'classification') {
    const prob = need(source, 'probability', pick(available, cols.prob, ['prob']), '--prob', ['prob']);
    const label = need(source, 'label', pick(available, cols.label, ['label', 'y']), '--label', ['label', 'y']);
    const ds = await format.read(path, { features: [...new Set([prob, label, ...features])], weight }, options);
    const prediction: ClassificationPrediction = { kind: 'classification', prob: ds.features[prob], sigmaProb: new Float32Array(ds.n) };
    return { kind, input: { prediction, truth: ds.features[label], weights: weight ? ds.weights : undefined, features: pickFeatures(ds.features, features) } };
  }
  // one target of a multi-target file: every column name gains `_<target>`, the truth column is the target
  const t = cols.target === undefined ? '' : `_${cols.target}`;
  const tried = (names: string[]) => names.map((c) => `${c}${t}`);
  const mean = need(source, 'mean', pick(available, cols.mean, tried(['mean', 'mu'])), '--mean', tried(['mean', 'mu']));
  const sigma = need(source, 'sigma', pick(available, cols.sigma, tried(['sigma_tot', 'sigma'])), '--sigma', tried(['sigma_tot', 'sigma']));
  const truthNames = cols.target === undefined ? ['truth', 'y'] : [cols.target];
  const truth = need(source, 'truth', pick(available, cols.truth, truthNames), '--truth', truthNames);
  const extra = (available ?? []).filter((c) => c.endsWith(t) && /^(sigma_stat|sigma_syst|replica_\d+|mixture_(weight|mean|sigma)_\d+)$/.test(c.slice(0, c.length - t.length)));
  const ds = await format.read(path, { features: [...new Set([mean, sigma, truth, ...extra, ...features])], weight }, options);
  const f = ds.features;
  const index = (c: string, prefix: string) => Number(c.slice(prefix.length, c.length - t.length));
  const numbered = (prefix: string) => extra.filter((c) => c.startsWith(prefix)).sort((a, b) => index(a, prefix) - index(b, prefix));
  const replicas = numbered('replica_').map((c) => f[c]);
  const { sigmaStat, sigmaSyst } = splitSigma(f[sigma], f[`sigma_stat${t}`], f[`sigma_syst${t}`], replicas);
  const prediction: RegressionPrediction = { kind: 'regression', mean: f[mean], sigmaTot: f[sigma], sigmaStat, sigmaSyst };
  if (replicas.length >= 2) prediction.replicas = replicas;
  const mixW = numbered('mixture_weight_');
  if (mixW.length > 0) {
    const ks = mixW.map((c) => index(c, 'mixture_weight_'));
    const col = (name: string) => need(source, name, f[name] ? name : undefined, '(a mixture column)', [name]);
    prediction.mixture = {
      weights: ks.map((k) => f[col(`mixture_weight_${k}${t}`)]),
      means: ks.map((k) => f[col(`mixture_mean_${k}${t}`)]),
      sigmas: ks.map((k) => f[col(`mixture_sigma_${k}${t}`)]),
    };
  }
  return { kind, input: { prediction, truth: f[truth], weights: weight ? ds.weights : undefined, features: pickFeatures(f, features) } };
}

/**
 * sigmaStat / sigmaSyst from their columns where present; otherwise sigmaStat = replica spread (R >= 2)
 * or 0, and sigmaSyst = sqrt(max(sigmaTot^2 - sigmaStat^2, 0)) (DESIGN.md section 2).
 */
function splitSigma(tot: Float32Array, stat: Float32Array | undefined, syst: Float32Array | undefined, replicas: Float32Array[]) {
  const sigmaStat = stat ?? replicaStd(tot.length, replicas);
  const sigmaSyst = syst ?? Float32Array.from(tot, (t, i) => Math.sqrt(Math.max(t * t - sigmaStat[i] * sigmaStat[i], 0)));
  return { sigmaStat, sigmaSyst };
}

function pickFeatures(all: Readonly<Record<string, Float32Array>>, names: string[]): Record<string, Float32Array> | undefined {
  return names.length > 0 ? Object.fromEntries(names.map((n) => [n, all[n]])) : undefined;
}

/**
 * A K-class predictions file: `prob_<class>` (K >= 2, in column order), `sigma_prob_<class>` where every
 * class has one (else the replica spread, else 0), replicas `replica_<r>_prob_<class>`, the label column.
 */
async function readMulticlass(
  format: DataFormat, source: string, path: string, options: { item?: string }, available: string[] | undefined,
  cols: PredictionColumns, weight: string | undefined,
): Promise<MetricInput> {
  const classes = multiclassNames(available);
  if (classes.length < 2) {
    throw new HepuqError('MissingColumn', `${source}: a multiclass predictions file needs "${PROB_PREFIX}<class>" columns for at least 2 classes, found ${classes.length}`, {
      hint: available ? `Columns: ${available.join(', ')}.` : 'The data format cannot list the columns of this file; use a format that can (e.g. .csv).',
    });
  }
  const features = cols.features ?? [];
  const label = need(source, 'label', pick(available, cols.label, ['label', 'y']), '--label', ['label', 'y']);
  const has = (c: string) => available!.includes(c);
  const sigmaCols = classes.map((c) => `sigma_prob_${c}`);
  const withSigma = sigmaCols.every(has);
  const replicaIds = [...new Set(available!.flatMap((c) => /^replica_(\d+)_prob_/.exec(c)?.[1] ?? []))].sort((a, b) => Number(a) - Number(b));
  const replicaCols = replicaIds.map((r) => classes.map((c) => need(source, `replica ${r}`, has(`replica_${r}_prob_${c}`) ? `replica_${r}_prob_${c}` : undefined, '(a replica column per class)', [`replica_${r}_prob_${c}`])));
  const probCols = classes.map((c) => `${PROB_PREFIX}${c}`);
  const read = [...probCols, ...(withSigma ? sigmaCols : []), ...replicaCols.flat(), label, ...features];
  const ds = await format.read(path, { features: [...new Set(read)], weight }, options);
  const f = ds.features;
  const probs = probCols.map((c) => f[c]);
  const replicas = replicaCols.map((r) => r.map((c) => f[c]));
  const sigmaProbs = withSigma ? sigmaCols.map((c) => f[c]) : probs.map((p, k) => replicaStd(p.length, replicas.map((r) => r[k])));
  const prediction: MulticlassPrediction = { kind: 'multiclass', probs, sigmaProbs, classes };
  if (replicas.length >= 2) prediction.replicas = replicas;
  return { prediction, truth: f[label], weights: weight ? ds.weights : undefined, features: pickFeatures(f, features) };
}

/** Per-event sample std over replicas (0 with fewer than 2). */
function replicaStd(n: number, replicas: Float32Array[]): Float32Array {
  const r = replicas.length;
  if (r < 2) return new Float32Array(n);
  return Float32Array.from({ length: n }, (_, i) => {
    let m = 0;
    for (const rep of replicas) m += rep[i];
    m /= r;
    let v = 0;
    for (const rep of replicas) v += (rep[i] - m) ** 2;
    return Math.sqrt(v / (r - 1));
  });
}
