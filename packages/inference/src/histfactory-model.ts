import { HepuqError } from '@hepuq/core';
import { HistosysInterpolator, type HistosysCode } from './histosys-interpolation.js';
import { buildParameterSets, type ParameterSet } from './model-parameters.js';
import { NormsysInterpolator, type NormsysCode } from './normsys-interpolation.js';
import { logGamma, xlogy } from './special-functions.js';
import type { WorkspaceSpec } from './workspace.schema.js';

/** Options of `HistFactoryModel.fromWorkspace`. */
export interface ModelOptions {
  /** Measurement to use (default: the first). */
  measurement?: string;
  /** normsys interpolation (default `code4`, as pyhf >= 0.6 and ROOT). */
  normsys?: NormsysCode;
  /** histosys interpolation (default `code4p`, as pyhf >= 0.6). */
  histosys?: HistosysCode;
}

interface ScalarModifier { par: number; normsys: NormsysInterpolator | null }
interface SampleBlock {
  channel: string;
  sample: string;
  offset: number;
  nominal: Float64Array;
  scalars: ScalarModifier[];
  /** Per-bin multiplicative parameters (shapesys, staterror, shapefactor): parameter index per bin, -1 for none. */
  perBin: Int32Array[];
  additive: { par: number; interp: HistosysInterpolator }[];
}

// constraint kinds per parameter (0 means unconstrained)
const NORMAL = 1;
const POISSON = 2;

/** The objective of a fit: NLL = -log L(pars | data) and its analytic gradient. */
export interface Objective {
  value(pars: Float64Array): number;
  /** Writes dNLL/dpars into `grad` and returns the NLL. */
  gradient(pars: Float64Array, grad: Float64Array): number;
}

/**
 * A HistFactory binned likelihood compiled from a pyhf workspace:
 *   L = prod_b Pois(n_b | nu_b(theta)) * prod_j c_j(a_j | theta_j),
 * nu_b = sum_s (nom_sb + sum_h delta_h(alpha_h)_b) * prod_k f_k(theta) (Cranmer et al.,
 * CERN-OPEN-2012-016). Data vectors follow pyhf: main bins of the channels in name order, then
 * the auxiliary data in parameter order.
 * @example
 * const model = HistFactoryModel.fromWorkspace(parseWorkspace(json));
 * const data = model.observedData(ws);
 */
export class HistFactoryModel {
  readonly channels: { name: string; offset: number; nbins: number }[];
  readonly parameterSets: ParameterSet[];
  /** One label per flat parameter: `mu`, `gamma[0]`, ... */
  readonly labels: string[];
  readonly nPars: number;
  readonly nMain: number;
  readonly nAux: number;
  readonly poiName: string;
  readonly poiIndex: number;
  readonly init: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly fixed: Uint8Array;
  private readonly blocks: SampleBlock[];
  private readonly conKind: Uint8Array;
  private readonly conScale: Float64Array;
  private readonly auxIndex: Int32Array;
  private readonly auxTemplate: Float64Array;

  private constructor(ws: WorkspaceSpec, options: ModelOptions) {
    const meas = options.measurement === undefined ? ws.measurements[0] : ws.measurements.find((m) => m.name === options.measurement);
    if (!meas) {
      throw new HepuqError('InvalidArgument', `measurement "${options.measurement}" not found; the workspace has ${ws.measurements.map((m) => `"${m.name}"`).join(', ')}`);
    }
    this.parameterSets = buildParameterSets(ws, meas.config.parameters);
    this.nPars = this.parameterSets.reduce((n, s) => n + s.size, 0);
    this.labels = this.parameterSets.flatMap((s) => (s.size === 1 && !['shapesys', 'staterror', 'shapefactor'].includes(s.type) ? [s.name] : s.inits.map((_, i) => `${s.name}[${i}]`)));
    this.poiName = meas.config.poi;
    const poiSet = this.parameterSets.find((s) => s.name === this.poiName)!;
    this.poiIndex = poiSet.offset;
    this.init = new Float64Array(this.nPars);
    this.lower = new Float64Array(this.nPars);
    this.upper = new Float64Array(this.nPars);
    this.fixed = new Uint8Array(this.nPars);
    this.conKind = new Uint8Array(this.nPars);
    this.conScale = new Float64Array(this.nPars);
    this.auxIndex = new Int32Array(this.nPars).fill(-1);
    const aux: number[] = [];
    for (const set of this.parameterSets) {
      for (let i = 0; i < set.size; i++) {
        const p = set.offset + i;
        this.init[p] = set.inits[i];
        [this.lower[p], this.upper[p]] = set.bounds[i];
        this.fixed[p] = set.fixed[i] ? 1 : 0;
        if (set.constraint === 'none') continue;
        this.conKind[p] = set.constraint === 'normal' ? NORMAL : POISSON;
        this.conScale[p] = set.constraint === 'normal' ? set.sigmas[i] : set.factors[i];
        this.auxIndex[p] = aux.length;
        aux.push(set.auxdata[i]);
      }
    }
    this.nAux = aux.length;
    this.auxTemplate = Float64Array.from(aux);
    const offsetOf = new Map(this.parameterSets.map((s) => [s.name, s.offset]));
    const sorted = [...ws.channels].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let offset = 0;
    this.channels = [];
    this.blocks = [];
    for (const channel of sorted) {
      const nbins = channel.samples[0].data.length;
      this.channels.push({ name: channel.name, offset, nbins });
      for (const sample of channel.samples) {
        const block: SampleBlock = { channel: channel.name, sample: sample.name, offset, nominal: Float64Array.from(sample.data), scalars: [], perBin: [], additive: [] };
        for (const mod of sample.modifiers) {
          const par = offsetOf.get(mod.name)!;
          if (mod.type === 'normfactor' || mod.type === 'lumi') block.scalars.push({ par, normsys: null });
          else if (mod.type === 'normsys') block.scalars.push({ par, normsys: new NormsysInterpolator(mod.data.lo, mod.data.hi, options.normsys ?? 'code4') });
          else if (mod.type === 'histosys') block.additive.push({ par, interp: new HistosysInterpolator(mod.data.lo_data, sample.data, mod.data.hi_data, options.histosys ?? 'code4p') });
          else block.perBin.push(Int32Array.from({ length: nbins }, (_, b) => par + b));
        }
        this.blocks.push(block);
      }
      offset += nbins;
    }
    this.nMain = offset;
  }

  /** Compile a validated workspace (see `parseWorkspace`). */
  static fromWorkspace(ws: WorkspaceSpec, options: ModelOptions = {}): HistFactoryModel {
    return new HistFactoryModel(ws, options);
  }

  /** Index of a parameter label (`mu`, `gamma[1]`); throws InvalidArgument naming the known labels. */
  parameterIndex(label: string): number {
    const i = this.labels.indexOf(label);
    if (i < 0) throw new HepuqError('InvalidArgument', `unknown parameter "${label}"; the model has ${this.labels.join(', ')}`);
    return i;
  }

  /** The workspace's auxiliary data (nominal auxiliary measurements), in parameter order. */
  auxData(): Float64Array {
    return this.auxTemplate.slice();
  }

  /** Observed data of a workspace: main bins of every channel (channels in name order) then auxdata. */
  observedData(ws: WorkspaceSpec): Float64Array {
    const out = new Float64Array(this.nMain + this.nAux);
    for (const ch of this.channels) out.set(ws.observations.find((o) => o.name === ch.name)!.data, ch.offset);
    out.set(this.auxTemplate, this.nMain);
    return out;
  }

  /** Expected main-bin yields nu_b(pars). */
  expectedMain(pars: ArrayLike<number>, out = new Float64Array(this.nMain)): Float64Array {
    out.fill(0);
    for (const blk of this.blocks) {
      let m = 1;
      for (const s of blk.scalars) m *= s.normsys ? s.normsys.factor(pars[s.par]) : pars[s.par];
      for (let b = 0; b < blk.nominal.length; b++) {
        let base = blk.nominal[b];
        for (const h of blk.additive) base += h.interp.delta(pars[h.par], b);
        let prod = m;
        for (const idx of blk.perBin) prod *= pars[idx[b]];
        out[blk.offset + b] += base * prod;
      }
    }
    return out;
  }

  /** Expected data (main yields, then expected auxiliary data: theta for normal, theta * tau for Poisson constraints). */
  expectedData(pars: ArrayLike<number>): Float64Array {
    const out = new Float64Array(this.nMain + this.nAux);
    this.expectedMain(pars, out.subarray(0, this.nMain));
    for (let p = 0; p < this.nPars; p++) {
      const k = this.auxIndex[p];
      if (k >= 0) out[this.nMain + k] = this.conKind[p] === POISSON ? pars[p] * this.conScale[p] : pars[p];
    }
    return out;
  }

  /** log L(pars | data), including every normalisation constant (so -2 log L matches pyhf's twice_nll). */
  logpdf(pars: ArrayLike<number>, data: ArrayLike<number>): number {
    return -this.objective(data).value(Float64Array.from(pars));
  }

  /** NLL and gradient closures for one data vector, with its constant terms precomputed. */
  objective(data: ArrayLike<number>): Objective {
    if (data.length !== this.nMain + this.nAux) {
      throw new HepuqError('ShapeMismatch', `data has ${data.length} entries but the model expects ${this.nMain} main bins + ${this.nAux} auxiliary = ${this.nMain + this.nAux}`);
    }
    const n = Float64Array.from(data);
    let constant = 0;
    for (let b = 0; b < this.nMain; b++) constant += logGamma(n[b] + 1);
    for (let p = 0; p < this.nPars; p++) {
      const k = this.auxIndex[p];
      if (k < 0) continue;
      const a = n[this.nMain + k];
      constant += this.conKind[p] === NORMAL ? Math.log(this.conScale[p]) + 0.5 * Math.log(2 * Math.PI) : logGamma(a + 1);
    }
    const nu = new Float64Array(this.nMain);
    const w = new Float64Array(this.nMain);
    const value = (pars: Float64Array): number => {
      this.expectedMain(pars, nu);
      let nll = constant;
      for (let b = 0; b < this.nMain; b++) nll += nu[b] - xlogy(n[b], nu[b]);
      return nll + this.constraintTerm(pars, n, null);
    };
    const gradient = (pars: Float64Array, grad: Float64Array): number => {
      this.expectedMain(pars, nu);
      let nll = constant;
      for (let b = 0; b < this.nMain; b++) {
        nll += nu[b] - xlogy(n[b], nu[b]);
        w[b] = n[b] === 0 ? 1 : 1 - n[b] / nu[b];
      }
      grad.fill(0);
      this.mainGradient(pars, w, grad);
      return nll + this.constraintTerm(pars, n, grad);
    };
    return { value, gradient };
  }

  /** Constraint part of the NLL (without constants): normal (a - theta)^2 / 2 sigma^2, Poisson theta tau - a log(theta tau). */
  private constraintTerm(pars: Float64Array, data: Float64Array, grad: Float64Array | null): number {
    let sum = 0;
    for (let p = 0; p < this.nPars; p++) {
      const k = this.auxIndex[p];
      if (k < 0) continue;
      const a = data[this.nMain + k];
      const c = this.conScale[p];
      if (this.conKind[p] === NORMAL) {
        const z = (a - pars[p]) / c;
        sum += 0.5 * z * z;
        if (grad) grad[p] += (pars[p] - a) / (c * c);
      } else {
        const lam = pars[p] * c;
        sum += lam - xlogy(a, lam);
        if (grad) grad[p] += a === 0 ? c : c - a / pars[p];
      }
    }
    return sum;
  }

  /** d/dtheta of sum_b (nu_b - n_b log nu_b) = sum_b w_b dnu_b/dtheta, with w_b = 1 - n_b / nu_b. */
  private mainGradient(pars: Float64Array, w: Float64Array, grad: Float64Array): void {
    for (const blk of this.blocks) {
      const k = blk.scalars.length;
      const f = new Float64Array(k);
      let m = 1;
      for (let i = 0; i < k; i++) {
        const s = blk.scalars[i];
        f[i] = s.normsys ? s.normsys.factor(pars[s.par]) : pars[s.par];
        m *= f[i];
      }
      let sumWBaseProd = 0;
      for (let b = 0; b < blk.nominal.length; b++) {
        const wb = w[blk.offset + b];
        let base = blk.nominal[b];
        for (const h of blk.additive) base += h.interp.delta(pars[h.par], b);
        let prod = 1;
        for (const idx of blk.perBin) prod *= pars[idx[b]];
        sumWBaseProd += wb * base * prod;
        for (const h of blk.additive) grad[h.par] += wb * m * prod * h.interp.slope(pars[h.par], b);
        for (let j = 0; j < blk.perBin.length; j++) {
          let others = 1;
          for (let i = 0; i < blk.perBin.length; i++) if (i !== j) others *= pars[blk.perBin[i][b]];
          grad[blk.perBin[j][b]] += wb * base * m * others;
        }
      }
      for (let i = 0; i < k; i++) {
        const s = blk.scalars[i];
        let others = 1;
        for (let j = 0; j < k; j++) if (j !== i) others *= f[j];
        grad[s.par] += (s.normsys ? s.normsys.slope(pars[s.par]) : 1) * others * sumWBaseProd;
      }
    }
  }
}
