import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  assertFiniteColumn, dataRow, HepuqError, regressionPrediction, writeDirAtomic,
  type Dataset, type Events, type FittedModel, type ModelDiagnostics, type PredictOptions, type Prediction, type RegressionPrediction,
} from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { gridPoints } from '../inversion/grid.js';
import { invertAt, responseCurve, type ResponseCurve } from '../inversion/response-curve.js';
import { gridData, type ResponseLayout } from '../method/response-data.js';
import { NUMERICAL_INVERSION, type NumericalInversionOptions } from '../method/numerical-inversion.options.js';
import { responsePoints } from '../response/response-statistic.js';

/** The sub-directory of a saved model that holds the inner regression (the learned response). */
export const RESPONSE_DIR = 'response';
/**
 * The file beside it naming the method, its options, the column roles and the grid's range: `model.json`,
 * as every saved model names its method, so `hepuq predict` finds it.
 */
export const INVERSION_SPEC_FILE = 'model.json';

/** Events per inner prediction when every event has its own grid (events x grid points rows). */
const EVENTS_PER_CHUNK = 512;

/** What `model.json` of a saved numerical inversion holds. */
export interface NumericalInversionSpec {
  method: typeof NUMERICAL_INVERSION;
  options: NumericalInversionOptions;
  layout: ResponseLayout;
  /** The y range of the grid. */
  range: [number, number];
}

/** Per predicted dataset: events beyond the response's range, events whose response was repaired, and replica curves (all, repaired). */
interface InversionCounts {
  n: number;
  outside: number;
  repaired: number;
  replicaCurves: number;
  repairedReplicas: number;
}

/**
 * A numerically inverted response: the inner regression's learned x(y, z), evaluated on a y grid,
 * checked to rise, and inverted at each event's measured x (one grid for all events without further
 * features, one per event at its z otherwise). Saved as `model.json` and the inner
 * model's own directory `response/`, written atomically together.
 */
export class NumericalInversionModel implements FittedModel {
  readonly method = NUMERICAL_INVERSION;
  readonly task = 'regression' as const;
  private shared?: ResponseCurve;
  private readonly counts = new WeakMap<Dataset, InversionCounts>();

  constructor(readonly inner: FittedModel, readonly spec: NumericalInversionSpec, private readonly events?: Events) {}

  private get statistic(): string {
    return `the learned ${this.spec.options.response} response ${this.spec.layout.measured}(${this.spec.layout.yName})`;
  }

  private warn(message: string): void {
    this.events?.emit('log:warn', { message: `${NUMERICAL_INVERSION}: ${message}` }, PLUGIN_NAME);
  }

  /** The curves of the rows `grid` (G points each) of `count` consecutive grids, from one inner prediction. */
  private async curves(
    grid: Dataset, ys: Float64Array, count: number, what: (k: number) => string, onRepair: (message: string) => void, options?: PredictOptions,
  ): Promise<ResponseCurve[]> {
    const p = (await this.inner.predict(grid, options)) as RegressionPrediction;
    if (p.kind !== 'regression' || p.targets) throw new HepuqError('InternalError', `${NUMERICAL_INVERSION}: the inner method did not predict one regression target`, { plugin: PLUGIN_NAME });
    const g = ys.length;
    const o = this.spec.options;
    const all = responsePoints(p, Float64Array.from({ length: g * count }, (_, i) => ys[i % g]), o.response, o.target);
    return Array.from({ length: count }, (_, k) => {
      const slice = (a: Float64Array) => a.subarray(k * g, (k + 1) * g);
      const points = { x: slice(all.x), stat: slice(all.stat), syst: slice(all.syst), ...(all.replicas ? { replicas: all.replicas.map(slice) } : {}) };
      return responseCurve(ys, points, { what: what(k), strict: o.strict, outside: o.outside, warn: onRepair });
    });
  }

  /**
   * The one curve of a response without further features (computed once; a non-rising one fails here,
   * at fit). With replicas, the curve of that prediction's draws (not kept).
   */
  async sharedCurve(options?: PredictOptions): Promise<ResponseCurve> {
    const withReplicas = (options?.replicas ?? 0) > 0;
    if (this.shared && !withReplicas) return this.shared;
    const ys = gridPoints(this.spec.range, this.spec.options.grid.points, this.spec.layout.inputScale);
    const [curve] = await this.curves(gridData(this.spec.layout, ys), ys, 1, () => this.statistic, (m) => this.warn(m), options);
    if (!withReplicas) this.shared = curve;
    return curve;
  }

  async predict(data: Dataset, options?: PredictOptions): Promise<Prediction> {
    const { layout } = this.spec;
    for (const name of [layout.measured, ...layout.extra]) {
      if (!data.features[name]) {
        throw new HepuqError('MissingColumn', `${data.source}: ${NUMERICAL_INVERSION} needs the feature "${name}" it was trained with`, {
          hint: `The model calibrates ${layout.measured}${layout.extra.length ? ` at fixed ${layout.extra.join(', ')}` : ''}: give the same feature columns.`, plugin: PLUGIN_NAME,
        });
      }
      assertFiniteColumn(data.features[name], name, data.source);
    }
    const x = data.features[layout.measured];
    const out = { y: new Float32Array(data.n), stat: new Float32Array(data.n), syst: new Float32Array(data.n) };
    let replicas: Float32Array[] | undefined;
    const counts: InversionCounts = { n: data.n, outside: 0, repaired: 0, replicaCurves: 0, repairedReplicas: 0 };
    const put = (i: number, curve: ResponseCurve) => {
      const v = invertAt(curve, x[i]);
      [out.y[i], out.stat[i], out.syst[i]] = [v.y, v.stat, v.syst];
      if (v.outside) counts.outside++;
      if (curve.repaired) counts.repaired++;
      if (!curve.replicas) return;
      replicas ??= curve.replicas.map(() => new Float32Array(data.n));
      curve.replicas.forEach((inverse, r) => (replicas![r][i] = inverse.at(x[i]).y));
    };
    const tally = (curve: ResponseCurve) => {
      counts.replicaCurves += curve.replicas?.length ?? 0;
      counts.repairedReplicas += curve.repairedReplicas;
    };
    if (layout.extra.length === 0) {
      const curve = await this.sharedCurve(options);
      tally(curve);
      for (let i = 0; i < data.n; i++) put(i, curve);
    } else {
      await this.perEvent(data, (i, curve) => {
        tally(curve);
        put(i, curve);
      }, options);
    }
    this.counts.set(data, counts);
    return regressionPrediction(out.y, out.stat, out.syst, replicas ? { replicas } : {});
  }

  /** Invert every event on its own grid at its further features z, `EVENTS_PER_CHUNK` events per inner prediction. */
  private async perEvent(data: Dataset, put: (i: number, curve: ResponseCurve) => void, options?: PredictOptions): Promise<void> {
    const { layout } = this.spec;
    const ys = gridPoints(this.spec.range, this.spec.options.grid.points, layout.inputScale);
    const g = ys.length;
    let first: string | undefined;
    let repaired = 0;
    const onRepair = (message: string) => {
      first ??= message;
      repaired++;
    };
    for (let start = 0; start < data.n; start += EVENTS_PER_CHUNK) {
      const count = Math.min(EVENTS_PER_CHUNK, data.n - start);
      const z = Object.fromEntries(layout.extra.map((name) => [name, Float32Array.from({ length: count * g }, (_, r) => data.features[name][start + Math.floor(r / g)])]));
      const rowY = Float64Array.from({ length: count * g }, (_, r) => ys[r % g]);
      const at = (k: number) => layout.extra.map((name) => `${name} = ${Number(data.features[name][start + k].toPrecision(4))}`).join(', ');
      const curves = await this.curves(gridData(layout, rowY, z), ys, count, (k) => `${this.statistic} at ${at(k)} (${dataRow(start + k)} of ${data.source})`, onRepair, options);
      curves.forEach((curve, k) => put(start + k, curve));
    }
    // one warning per prediction, not one per event
    if (first) this.warn(`${first}; the same for ${repaired} of ${data.n} events`);
  }

  /**
   * The fraction of events beyond the response's range (extrapolated or clamped), with `strict: false`
   * of events on a repaired response, and with replicas of replica curves that did not rise (binomial errors).
   */
  diagnostics(test: Dataset): ModelDiagnostics {
    const c = this.counts.get(test);
    if (!c || c.n === 0) return {};
    const fraction = (k: number, n: number) => ({ value: k / n, error: Math.sqrt(Math.max(k, 1) * (1 - k / n)) / n });
    return {
      inversion_outside: fraction(c.outside, c.n),
      ...(this.spec.options.strict ? {} : { inversion_repaired: fraction(c.repaired, c.n) }),
      ...(c.replicaCurves > 0 ? { inversion_replicas_repaired: fraction(c.repairedReplicas, c.replicaCurves) } : {}),
    };
  }

  async save(dir: string): Promise<void> {
    await writeDirAtomic(dir, async (tmp) => {
      await this.inner.save(join(tmp, RESPONSE_DIR));
      await writeFile(join(tmp, INVERSION_SPEC_FILE), JSON.stringify(this.spec, null, 2));
    }, { kind: 'model' });
  }

  dispose(): void {
    this.inner.dispose();
  }
}

/** Read `model.json` of a saved numerical inversion (the options are parsed again by the caller). */
export async function readInversionSpec(dir: string): Promise<NumericalInversionSpec> {
  let spec: NumericalInversionSpec;
  try {
    spec = JSON.parse(await readFile(join(dir, INVERSION_SPEC_FILE), 'utf8')) as NumericalInversionSpec;
  } catch (e) {
    throw new HepuqError('ModelLoadFailed', `cannot read a ${NUMERICAL_INVERSION} model from ${dir}: ${(e as Error).message}`, { cause: e, plugin: PLUGIN_NAME });
  }
  if (spec?.method !== NUMERICAL_INVERSION) throw new HepuqError('ModelLoadFailed', `${dir} holds a "${String(spec?.method)}" model, not "${NUMERICAL_INVERSION}"`, { plugin: PLUGIN_NAME });
  const okRange = Array.isArray(spec.range) && spec.range.length === 2 && spec.range.every(Number.isFinite) && spec.range[0] < spec.range[1];
  const okLayout = typeof spec.layout?.measured === 'string' && Array.isArray(spec.layout.extra) && typeof spec.layout.yName === 'string';
  if (!okRange || !okLayout) throw new HepuqError('ModelLoadFailed', `${dir}/${INVERSION_SPEC_FILE}: its ${okRange ? 'layout' : 'range'} is missing or malformed`, { plugin: PLUGIN_NAME });
  return spec;
}
