import { HepuqError } from '../errors/hepuq-error.js';
import { Rng } from '../random/rng.js';
import { ParticleSet } from './particle-set.js';

/** One regression target: its column name and values. */
export interface TargetColumn {
  name: string;
  values: Float32Array;
}

/** Columnar event data. Every column has `n` entries; weights default to 1 and may be negative. */
export interface DatasetInit {
  /** Feature columns in model input order (may be empty when the data has a particle set, a label or a target). */
  features: Record<string, Float32Array>;
  /** Regression target (one; name in `targetName`). */
  target?: Float32Array;
  /**
   * Several regression targets, in order (multi-target regression); instead of `target`. The first
   * is also `target`/`targetName`.
   */
  targets?: readonly TargetColumn[];
  /** Classification label (0/1). */
  label?: Float32Array;
  /** Event weights (MC weights; may be negative). */
  weights?: Float32Array;
  /** Named nuisance-parameter columns (e.g. a systematic shift Z per event). */
  nuisances?: Record<string, Float32Array>;
  /** Any further columns carried along (truth information, e.g. `true_mean`, `true_sigma`). */
  extras?: Record<string, Float32Array>;
  /** Set-valued inputs by name (e.g. a jet's constituents): a padded [P x F] block with a mask per event. */
  sets?: Record<string, ParticleSet>;
  /** Units per column, for plots and reports. */
  units?: Record<string, string>;
  /** Where the data came from (file path or toy name), used in error messages. */
  source?: string;
  targetName?: string;
  labelName?: string;
}

/**
 * An immutable columnar dataset with event weights. Splits are deterministic from a seed.
 * @example const ds = new Dataset({ features: { x }, target: y }); const { train, test } = ds.split(7, 0.8);
 */
export class Dataset {
  readonly n: number;
  readonly featureNames: readonly string[];
  readonly features: Readonly<Record<string, Float32Array>>;
  /** The first regression target (`targets[0]`). */
  readonly target?: Float32Array;
  /** Every regression target in order (empty without one). */
  readonly targets: readonly TargetColumn[];
  readonly label?: Float32Array;
  readonly weights: Float32Array;
  readonly nuisances: Readonly<Record<string, Float32Array>>;
  readonly extras: Readonly<Record<string, Float32Array>>;
  readonly sets: Readonly<Record<string, ParticleSet>>;
  readonly units: Readonly<Record<string, string>>;
  readonly source: string;
  readonly targetName: string;
  readonly labelName: string;

  constructor(init: DatasetInit) {
    this.featureNames = Object.keys(init.features);
    this.source = init.source ?? 'dataset';
    const firstSet = Object.values(init.sets ?? {})[0];
    // a set-only dataset (jet constituents and a label) has no flat feature to take n from
    this.targets = datasetTargets(init, this.source);
    const n = this.featureNames.length > 0 ? init.features[this.featureNames[0]].length : (firstSet?.n ?? (init.label ?? this.targets[0]?.values)?.length);
    if (n === undefined) {
      throw new HepuqError('ShapeMismatch', `${this.source}: a dataset needs at least one feature column`);
    }
    this.n = n;
    this.features = init.features;
    this.target = this.targets[0]?.values;
    this.label = init.label;
    this.weights = init.weights ?? new Float32Array(this.n).fill(1);
    this.nuisances = init.nuisances ?? {};
    this.extras = init.extras ?? {};
    this.sets = init.sets ?? {};
    this.units = init.units ?? {};
    this.targetName = this.targets[0]?.name ?? init.targetName ?? 'y';
    this.labelName = init.labelName ?? 'label';
    for (const [name, col] of this.allColumns()) {
      if (col.length !== this.n) {
        throw new HepuqError('ShapeMismatch', `${this.source}: column "${name}" has ${col.length} rows, expected ${this.n}`);
      }
    }
    for (const [name, set] of Object.entries(this.sets)) {
      if (set.n !== this.n) throw new HepuqError('ShapeMismatch', `${this.source}: particle set "${name}" has ${set.n} events, expected ${this.n}`);
    }
  }

  /** Every column with its name (features, targets, label, weights, nuisances, extras). */
  *allColumns(): Generator<[string, Float32Array]> {
    for (const [k, v] of Object.entries(this.features)) yield [k, v];
    for (const t of this.targets) yield [t.name, t.values];
    if (this.label) yield [this.labelName, this.label];
    yield ['weight', this.weights];
    for (const [k, v] of Object.entries(this.nuisances)) yield [k, v];
    for (const [k, v] of Object.entries(this.extras)) yield [k, v];
  }

  get nFeatures(): number {
    return this.featureNames.length;
  }

  /** Features as one row-major [n, d] matrix (the layout tensors use). */
  featureMatrix(): Float32Array {
    const d = this.nFeatures;
    const out = new Float32Array(this.n * d);
    this.featureNames.forEach((name, j) => {
      const col = this.features[name];
      for (let i = 0; i < this.n; i++) out[i * d + j] = col[i];
    });
    return out;
  }

  /** Rows `indices`, in that order. */
  subset(indices: ArrayLike<number>): Dataset {
    const pick = (col: Float32Array): Float32Array => {
      const out = new Float32Array(indices.length);
      for (let i = 0; i < indices.length; i++) out[i] = col[indices[i]];
      return out;
    };
    const mapCols = (cols: Readonly<Record<string, Float32Array>>) =>
      Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, pick(v)]));
    return new Dataset({
      features: mapCols(this.features),
      targets: this.targets.map((t) => ({ name: t.name, values: pick(t.values) })),
      label: this.label && pick(this.label),
      weights: pick(this.weights),
      nuisances: mapCols(this.nuisances),
      extras: mapCols(this.extras),
      sets: Object.fromEntries(Object.entries(this.sets).map(([k, v]) => [k, v.subset(indices)])),
      units: this.units,
      source: this.source,
      targetName: this.targetName,
      labelName: this.labelName,
    });
  }

  /** Same rows with other weights (bootstrap replicas, reweighting). */
  withWeights(weights: Float32Array): Dataset {
    return new Dataset({ ...this.init(), weights });
  }

  /** Deterministic shuffled split: the first `fraction` of a seeded permutation is `train`. */
  split(seed: number, fraction: number): { train: Dataset; test: Dataset } {
    if (!(fraction > 0 && fraction < 1)) {
      throw new HepuqError('InvalidArgument', `split fraction must lie in (0, 1), got ${fraction}`);
    }
    const perm = new Rng(seed).permutation(this.n);
    const nTrain = Math.round(this.n * fraction);
    if (nTrain < 1 || nTrain >= this.n) {
      throw new HepuqError('EmptyDataset', `${this.source}: ${this.n} events cannot be split with fraction ${fraction}`);
    }
    return { train: this.subset(perm.subarray(0, nTrain)), test: this.subset(perm.subarray(nTrain)) };
  }

  /** Deterministic k folds: fold i is the test part, the rest the training part. */
  kFolds(seed: number, k: number): { train: Dataset; test: Dataset }[] {
    if (!Number.isInteger(k) || k < 2 || k > this.n) {
      throw new HepuqError('InvalidArgument', `k-fold needs 2 <= k <= n, got k=${k} for n=${this.n}`);
    }
    const perm = new Rng(seed).permutation(this.n);
    const folds: { train: Dataset; test: Dataset }[] = [];
    for (let f = 0; f < k; f++) {
      const lo = Math.floor((f * this.n) / k);
      const hi = Math.floor(((f + 1) * this.n) / k);
      const train = Int32Array.from([...perm.subarray(0, lo), ...perm.subarray(hi)]);
      folds.push({ train: this.subset(train), test: this.subset(perm.subarray(lo, hi)) });
    }
    return folds;
  }

  private init(): DatasetInit {
    return {
      features: this.features, targets: this.targets, label: this.label, weights: this.weights,
      nuisances: this.nuisances, extras: this.extras, sets: this.sets, units: this.units, source: this.source,
      targetName: this.targetName, labelName: this.labelName,
    };
  }
}

/** The targets of `init`: `targets`, or `target` named `targetName` (default `y`); names distinct. */
function datasetTargets(init: DatasetInit, source: string): readonly TargetColumn[] {
  const listed = init.targets?.length ? init.targets : undefined;
  if (listed && init.target) {
    throw new HepuqError('InvalidArgument', `${source}: give a dataset either \`target\` or \`targets\`, not both`);
  }
  const targets = Object.freeze([...(listed ?? (init.target ? [{ name: init.targetName ?? 'y', values: init.target }] : []))]);
  const names = targets.map((t) => t.name);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) throw new HepuqError('InvalidArgument', `${source}: target "${repeated}" is named twice`);
  return targets;
}
