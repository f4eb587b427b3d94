/**
 * A regression prediction with its error bar split by source (DESIGN.md section 2):
 * sigmaStat vanishes with infinite training data, sigmaSyst vanishes for noise-free labels, and
 * sigmaTot = sqrt(sigmaStat^2 + sigmaSyst^2). All arrays have one entry per event.
 */
export interface RegressionPrediction {
  kind: 'regression';
  mean: Float32Array;
  sigmaStat: Float32Array;
  sigmaSyst: Float32Array;
  sigmaTot: Float32Array;
  /**
   * Coherent function draws [R][N]: replica r uses one weight draw for every event, so histograms
   * and per-event weights filled replica by replica get error bars.
   */
  replicas?: Float32Array[];
  /** Non-Gaussian predictive distribution as a per-event Gaussian mixture (K components). */
  mixture?: { weights: Float32Array[]; means: Float32Array[]; sigmas: Float32Array[] };
  /**
   * Multi-target regression (T >= 2 targets, a diagonal Gaussian per target): every target's columns
   * in the data's target order. The top-level columns are those of `targets[0]`.
   */
  targets?: TargetPrediction[];
}

/** One target of a multi-target regression: the columns of a `RegressionPrediction` for it, and its name. */
export interface TargetPrediction {
  name: string;
  mean: Float32Array;
  sigmaStat: Float32Array;
  sigmaSyst: Float32Array;
  sigmaTot: Float32Array;
  replicas?: Float32Array[];
}

/** A binary classification prediction: P(label = 1), its sigma over the posterior, replicas [R][N]. */
export interface ClassificationPrediction {
  kind: 'classification';
  prob: Float32Array;
  sigmaProb: Float32Array;
  replicas?: Float32Array[];
}

/**
 * A K-class prediction (K >= 3; two classes use `ClassificationPrediction`): per class k the
 * probability P(label = k) averaged over the posterior, its sigma over the posterior, and coherent
 * replicas [R][K][N] (replica r is one weight draw or member on every event and every class).
 * Labels are the integers 0..K-1; `classes` names them (`prob_<name>` columns), default "0".."K-1".
 */
export interface MulticlassPrediction {
  kind: 'multiclass';
  /** [K][N]: per event the probabilities sum to 1. */
  probs: Float32Array[];
  /** [K][N]: the posterior spread of each class probability (0 for a single network). */
  sigmaProbs: Float32Array[];
  /** Class names in label order (length K). */
  classes: string[];
  replicas?: Float32Array[][];
}

export type Prediction = RegressionPrediction | ClassificationPrediction | MulticlassPrediction;

/** What a prediction is: its `kind` (also the task of the metrics that read it). */
export type PredictionKind = Prediction['kind'];

/** The default class names of a K-class prediction: "0", ..., "K-1". */
export function defaultClassNames(k: number): string[] {
  return Array.from({ length: k }, (_, i) => String(i));
}

/** Build a regression prediction, deriving sigmaTot = sqrt(stat^2 + syst^2). */
export function regressionPrediction(
  mean: Float32Array,
  sigmaStat: Float32Array,
  sigmaSyst: Float32Array,
  extra: Pick<RegressionPrediction, 'replicas' | 'mixture'> = {},
): RegressionPrediction {
  const sigmaTot = new Float32Array(mean.length);
  for (let i = 0; i < mean.length; i++) sigmaTot[i] = Math.hypot(sigmaStat[i], sigmaSyst[i]);
  return { kind: 'regression', mean, sigmaStat, sigmaSyst, sigmaTot, ...extra };
}

/** One target's prediction, deriving sigmaTot = sqrt(stat^2 + syst^2). */
export function targetPrediction(name: string, mean: Float32Array, sigmaStat: Float32Array, sigmaSyst: Float32Array, replicas?: Float32Array[]): TargetPrediction {
  const { sigmaTot } = regressionPrediction(mean, sigmaStat, sigmaSyst);
  return { name, mean, sigmaStat, sigmaSyst, sigmaTot, ...(replicas ? { replicas } : {}) };
}

/**
 * A regression prediction of one or more targets: with one, the plain prediction; with several, the
 * first target's columns at the top level and every target in `targets`.
 */
export function multiTargetPrediction(targets: readonly TargetPrediction[]): RegressionPrediction {
  const [first] = targets;
  const { mean, sigmaStat, sigmaSyst, sigmaTot, replicas } = first;
  const p: RegressionPrediction = { kind: 'regression', mean, sigmaStat, sigmaSyst, sigmaTot, ...(replicas ? { replicas } : {}) };
  if (targets.length > 1) p.targets = [...targets];
  return p;
}

/**
 * Every target of a regression prediction: its `targets`, or the prediction itself as one target
 * called `name` (the data's target name).
 */
export function predictionTargets(p: RegressionPrediction, name: string): TargetPrediction[] {
  if (p.targets) return p.targets;
  const { mean, sigmaStat, sigmaSyst, sigmaTot, replicas } = p;
  return [{ name, mean, sigmaStat, sigmaSyst, sigmaTot, ...(replicas ? { replicas } : {}) }];
}

/** One target as a single-target regression prediction (what the regression metrics read). */
export function targetAsPrediction(t: TargetPrediction): RegressionPrediction {
  return multiTargetPrediction([t]);
}

/**
 * Every per-event column of a prediction with a name (`mean`, `probs[1]`, `replicas[0]`,
 * `replicas[0][2]`, `mixture.means[1]`, ...), e.g. to check lengths and finiteness in one loop.
 */
export function predictionArrays(p: Prediction): [string, Float32Array][] {
  const list = (name: string, cols: readonly Float32Array[]) => cols.map((c, i): [string, Float32Array] => [`${name}[${i}]`, c]);
  if (p.kind === 'regression') {
    const m = p.mixture;
    return [
      ['mean', p.mean], ['sigmaStat', p.sigmaStat], ['sigmaSyst', p.sigmaSyst], ['sigmaTot', p.sigmaTot],
      ...list('replicas', p.replicas ?? []),
      ...(m ? [...list('mixture.weights', m.weights), ...list('mixture.means', m.means), ...list('mixture.sigmas', m.sigmas)] : []),
      ...(p.targets ?? []).flatMap((t): [string, Float32Array][] => [
        [`targets.${t.name}.mean`, t.mean], [`targets.${t.name}.sigmaStat`, t.sigmaStat], [`targets.${t.name}.sigmaSyst`, t.sigmaSyst],
        [`targets.${t.name}.sigmaTot`, t.sigmaTot], ...list(`targets.${t.name}.replicas`, t.replicas ?? []),
      ]),
    ];
  }
  if (p.kind === 'classification') return [['prob', p.prob], ['sigmaProb', p.sigmaProb], ...list('replicas', p.replicas ?? [])];
  return [...list('probs', p.probs), ...list('sigmaProbs', p.sigmaProbs), ...(p.replicas ?? []).flatMap((r, i) => list(`replicas[${i}]`, r))];
}

/** The prediction with `f` applied to every per-event column (replicas and mixture components included). */
export function mapPrediction<P extends Prediction>(p: P, f: (col: Float32Array) => Float32Array): P {
  const map = (cols: readonly Float32Array[]) => cols.map(f);
  if (p.kind === 'regression') {
    const out: RegressionPrediction = { kind: 'regression', mean: f(p.mean), sigmaStat: f(p.sigmaStat), sigmaSyst: f(p.sigmaSyst), sigmaTot: f(p.sigmaTot) };
    if (p.replicas) out.replicas = map(p.replicas);
    if (p.mixture) out.mixture = { weights: map(p.mixture.weights), means: map(p.mixture.means), sigmas: map(p.mixture.sigmas) };
    if (p.targets) {
      out.targets = p.targets.map((t) => ({
        name: t.name, mean: f(t.mean), sigmaStat: f(t.sigmaStat), sigmaSyst: f(t.sigmaSyst), sigmaTot: f(t.sigmaTot), ...(t.replicas ? { replicas: map(t.replicas) } : {}),
      }));
    }
    return out as P;
  }
  if (p.kind === 'classification') {
    const out: ClassificationPrediction = { kind: 'classification', prob: f(p.prob), sigmaProb: f(p.sigmaProb) };
    if (p.replicas) out.replicas = map(p.replicas);
    return out as P;
  }
  const out: MulticlassPrediction = { kind: 'multiclass', probs: map(p.probs), sigmaProbs: map(p.sigmaProbs), classes: [...p.classes] };
  if (p.replicas) out.replicas = p.replicas.map(map);
  return out as P;
}
