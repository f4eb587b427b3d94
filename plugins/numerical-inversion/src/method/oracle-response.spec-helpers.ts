// Test-only (excluded from the build): an inner "regression" that knows the response toy's detector
// exactly, so the inversion itself can be tested to numerical precision, and one with a dip.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createHepuq, EventBus, regressionPrediction, Rng, z, type Dataset, type FittedModel, type HepuqApp, type HepuqPlugin, type MethodContext, type PredictOptions, type UQMethod,
} from '@hepuq/core';
import { medianResponse, relativeResolution, type ResponseDetector } from '@hepuq/datasets';
import { numericalInversion } from '../numerical-inversion.plugin.js';

export const DETECTOR: ResponseDetector = { offset: 2, zDependence: 0.5, stochastic: 0.9, constant: 0.1, noise: 'gaussian' };

/** sigma_stat of the oracle's ratio, as a fraction of it. */
export const ORACLE_STAT = 0.01;

const OracleOptions = z.object({
  /** Depth of a dip of the ratio around y = 65 (0: the toy's exact response). */
  dip: z.number().min(0).default(0),
}).strict();

/** The ratio x/y the oracle predicts at (y, z). */
export function oracleRatio(y: number, zv: number, dip: number): number {
  return medianResponse(y, zv, DETECTOR) - dip * Math.exp(-0.5 * ((y - 65) / 3) ** 2);
}

class OracleModel implements FittedModel {
  readonly method = 'oracle-response';
  readonly task = 'regression' as const;
  constructor(private readonly dip: number) {}
  async predict(data: Dataset, options?: PredictOptions) {
    // the inner network sees log y (inputScale: log) and z
    const y = Float64Array.from(data.features.y, Math.exp);
    const zs = data.features.z ?? new Float32Array(data.n);
    const r = Float32Array.from(y, (v, i) => oracleRatio(v, zs[i], this.dip));
    // coherent replicas: one N(0, 1) draw per replica scales the whole response by 1 + ORACLE_STAT draw
    const rng = new Rng(options?.seed ?? 0);
    const replicas = Array.from({ length: options?.replicas ?? 0 }, () => {
      const draw = rng.normal();
      return Float32Array.from(r, (v) => v * (1 + ORACLE_STAT * draw));
    });
    const p = regressionPrediction(r, Float32Array.from(r, (v) => ORACLE_STAT * v), Float32Array.from(y, (v, i) => r[i] * relativeResolution(v, DETECTOR)));
    return replicas.length ? { ...p, replicas } : p;
  }
  async save(dir: string) {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'oracle.json'), JSON.stringify({ dip: this.dip }));
  }
  dispose() {}
}

export const oracleMethod: UQMethod<typeof OracleOptions> = {
  key: 'oracle-response', task: 'regression', description: 'test double: the response toy\'s exact ratio', options: OracleOptions,
  fit: async (_data, options) => new OracleModel(options.dip),
  load: async (dir) => new OracleModel((JSON.parse(await readFile(join(dir, 'oracle.json'), 'utf8')) as { dip: number }).dip),
};

const classifier: UQMethod = { ...oracleMethod, key: 'oracle-classifier', task: 'classification' } as UQMethod;

/** A plugin holding the oracle and a classifier double. */
export const oraclePlugin = (): HepuqPlugin => ({
  meta: { name: 'acme-oracle', version: '0.1.0', core: '^0.1.0' },
  register(ctx) {
    ctx.methods.add(oracleMethod.key, oracleMethod as never);
    ctx.methods.add(classifier.key, classifier);
  },
});

/** An app with numerical inversion and the oracle, a method context over its registries and the warnings it logs. */
export async function oracleApp(): Promise<{ app: HepuqApp; ctx: MethodContext; warnings: string[] }> {
  const app = await createHepuq({ seed: 1, plugins: [numericalInversion(), oraclePlugin()] });
  const warnings: string[] = [];
  app.events.events$.subscribe((e) => e.type === 'log:warn' && warnings.push(e.payload.message));
  return { app, ctx: { rng: new Rng(1), events: app.events ?? new EventBus(), methods: app.registries.methods, networks: app.registries.networks }, warnings };
}
