import { HepuqError, resolveDataSource, type Registries, type ClassificationPrediction, type RegressionPrediction, type MetricInput } from '@hepuq/core';

/** Column options of `hepuq metrics` (undefined: use the default names). */
export interface PredictionColumns {
  kind?: 'regression' | 'classification';
  mean?: string;
  sigma?: string;
  truth?: string;
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
      hint: `Name the column with ${flag} <column>.`,
    });
  }
  return name;
}

/**
 * Read predictions, truth and weights from a file into a MetricInput, with default column names. The
 * file is `path` or `path:item` (an HDF5 dataset, a ROOT tree); its format comes from `cols.format`
 * or the extension (core's `resolveDataSource`).
 * @example const { input, kind } = await readPredictions(app.registries, 'preds.h5:/preds', {})
 */
export async function readPredictions(registries: Pick<Registries, 'formats'>, source: string, cols: PredictionColumns): Promise<{ input: MetricInput; kind: 'regression' | 'classification' }> {
  const { format, path, item } = resolveDataSource(registries, source, cols.format);
  const options = { item };
  const available = format.columns ? await format.columns(path, options) : undefined;
  const kind = cols.kind
    ?? (cols.prob || cols.label ? 'classification'
      : cols.mean || cols.sigma ? 'regression'
        : available?.includes('prob') && !available.includes('mean') ? 'classification' : 'regression');
  const weight = cols.weight ?? (available?.includes('weight') ? 'weight' : undefined);
  const features = cols.features ?? [];
  if (kind === 'classification') {
    const prob = need(source, 'probability', pick(available, cols.prob, ['prob']), '--prob', ['prob']);
    const label = need(source, 'label', pick(available, cols.label, ['label', 'y']), '--label', ['label', 'y']);
    const ds = await format.read(path, { features: [...new Set([prob, label, ...features])], weight }, options);
    const prediction: ClassificationPrediction = { kind: 'classification', prob: ds.features[prob], sigmaProb: new Float32Array(ds.n) };
    return { kind, input: { prediction, truth: ds.features[label], weights: weight ? ds.weights : undefined, features: pickFeatures(ds.features, features) } };
  }
  const mean = need(source, 'mean', pick(available, cols.mean, ['mean', 'mu']), '--mean', ['mean', 'mu']);
  const sigma = need(source, 'sigma', pick(available, cols.sigma, ['sigma_tot', 'sigma']), '--sigma', ['sigma_tot', 'sigma']);
  const truth = need(source, 'truth', pick(available, cols.truth, ['truth', 'y']), '--truth', ['truth', 'y']);
  const extra = (available ?? []).filter((c) => /^(sigma_stat|sigma_syst|replica_\d+|mixture_(weight|mean|sigma)_\d+)$/.test(c));
  const ds = await format.read(path, { features: [...new Set([mean, sigma, truth, ...extra, ...features])], weight }, options);
  const f = ds.features;
  const numbered = (prefix: string) => extra.filter((c) => c.startsWith(prefix)).sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)));
  const replicas = numbered('replica_').map((c) => f[c]);
  const { sigmaStat, sigmaSyst } = splitSigma(f[sigma], f.sigma_stat, f.sigma_syst, replicas);
  const prediction: RegressionPrediction = { kind: 'regression', mean: f[mean], sigmaTot: f[sigma], sigmaStat, sigmaSyst };
  if (replicas.length >= 2) prediction.replicas = replicas;
  const mixW = numbered('mixture_weight_');
  if (mixW.length > 0) {
    const ks = mixW.map((c) => c.slice('mixture_weight_'.length));
    const col = (name: string) => need(source, name, f[name] ? name : undefined, '(a mixture column)', [name]);
    prediction.mixture = {
      weights: ks.map((k) => f[col(`mixture_weight_${k}`)]),
      means: ks.map((k) => f[col(`mixture_mean_${k}`)]),
      sigmas: ks.map((k) => f[col(`mixture_sigma_${k}`)]),
    };
  }
  return { kind, input: { prediction, truth: f[truth], weights: weight ? ds.weights : undefined, features: pickFeatures(f, features) } };
}

/**
 * sigmaStat / sigmaSyst from their columns where present; otherwise sigmaStat = replica spread (R >= 2)
 * or 0, and sigmaSyst = sqrt(max(sigmaTot^2 - sigmaStat^2, 0)) (DESIGN.md section 2).
 */
function splitSigma(tot: Float32Array, stat: Float32Array | undefined, syst: Float32Array | undefined, replicas: Float32Array[]) {
  let s = stat;
  if (!s && replicas.length >= 2) {
    const r = replicas.length;
    s = Float32Array.from(tot, (_, i) => {
      let m = 0;
      for (const rep of replicas) m += rep[i];
      m /= r;
      let v = 0;
      for (const rep of replicas) v += (rep[i] - m) ** 2;
      return Math.sqrt(v / (r - 1));
    });
  }
  const sigmaStat = s ?? new Float32Array(tot.length);
  const sigmaSyst = syst ?? Float32Array.from(tot, (t, i) => Math.sqrt(Math.max(t * t - sigmaStat[i] * sigmaStat[i], 0)));
  return { sigmaStat, sigmaSyst };
}

function pickFeatures(all: Readonly<Record<string, Float32Array>>, names: string[]): Record<string, Float32Array> | undefined {
  return names.length > 0 ? Object.fromEntries(names.map((n) => [n, all[n]])) : undefined;
}
