import { z } from 'zod';
import type { Dataset } from '../data/dataset.js';
import { dataRow } from '../data/data-row.js';
import { HepuqError } from '../errors/hepuq-error.js';
import { resolveDataSource } from '../format/format-lookup.js';
import { parseOrThrow } from '../plugin/parse-or-throw.js';
import type { Rng } from '../random/rng.js';
import type { Registries } from '../registry/registries.js';
import { checkUnfoldingProblem } from './check-unfolding-problem.js';
import type { ObservedSample, SimulationSample, UnfoldingProblem } from './unfolding-problem.js';

const Options = z.record(z.string(), z.unknown()).default({});
const Columns = z.array(z.string().min(1)).min(1);
const Origin = { path: z.string().optional(), format: z.string().optional(), toy: z.string().optional(), n: z.number().int().positive().optional(), options: Options };
const oneOrigin = (s: { path?: string; toy?: string; n?: number; format?: string }) => (s.path === undefined) !== (s.toy === undefined) && (s.toy === undefined || s.n !== undefined) && (s.format === undefined || s.path !== undefined);
const originMessage = { message: 'give either `path` (a file, optionally with `format`) or `toy` with `n`' };

/**
 * The simulation of an unfolding run: a file (`path`, `format`) or a toy (`toy`, `n`), its particle-level
 * columns `gen`, detector-level columns `reco`, and optional `weight`, `pass_gen`, `pass_reco` columns
 * (0/1; absent: every event passes).
 */
export const SimulationSource = z
  .object({ ...Origin, gen: Columns, reco: Columns, weight: z.string().optional(), pass_gen: z.string().optional(), pass_reco: z.string().optional() })
  .strict()
  .refine(oneOrigin, originMessage);
export type SimulationSource = z.infer<typeof SimulationSource>;

/**
 * The measured data of an unfolding run: `reco` columns named like the simulation's, optional
 * `weight` and `pass_reco`, and for closure tests `truth` (the particle-level columns of the same
 * events, named like the simulation's `gen`) with their `pass_gen`.
 */
export const ObservedSource = z
  .object({ ...Origin, reco: Columns, weight: z.string().optional(), pass_reco: z.string().optional(), truth: Columns.optional(), pass_gen: z.string().optional() })
  .strict()
  .refine(oneOrigin, originMessage)
  .refine((s) => !s.pass_gen || s.truth, { message: '`pass_gen` belongs to the `truth` columns: list them too' });
export type ObservedSource = z.infer<typeof ObservedSource>;

/** `data:` of an unfolding run: `{ sim, data }`. */
export const UnfoldingData = z.object({ sim: SimulationSource, data: ObservedSource }).strict();
export type UnfoldingData = z.infer<typeof UnfoldingData>;

type Origin = Pick<SimulationSource, 'path' | 'format' | 'toy' | 'n' | 'options'>;

/**
 * Load and check an unfolding problem: each sample from its file (through the formats registry) or
 * toy (from the toys registry, columns looked up among its features and extras), the masks as 0/1,
 * then `checkUnfoldingProblem` (lengths, finite values, masks that leave events).
 * @example const problem = await loadUnfoldingProblem(app.registries, config.data, app.rng.fork('data'))
 */
export async function loadUnfoldingProblem(registries: Pick<Registries, 'toys' | 'formats'>, data: z.input<typeof UnfoldingData>, rng: Rng): Promise<UnfoldingProblem> {
  const { sim: s, data: d } = parseOrThrow(UnfoldingData, data, { code: 'InvalidConfig', where: 'unfolding data', path: 'data' });
  const simColumns = await readColumns(registries, s, [...s.gen, ...s.reco, ...optional(s.pass_gen, s.pass_reco)], s.weight, rng.fork('sim'));
  const dataColumns = await readColumns(registries, d, [...d.reco, ...(d.truth ?? []), ...optional(d.pass_reco, d.pass_gen)], d.weight, rng.fork('data'));
  const sim: SimulationSample = {
    n: simColumns.n, source: simColumns.source, weights: simColumns.weights,
    genNames: s.gen, gen: pick(simColumns, s.gen), recoNames: s.reco, reco: pick(simColumns, s.reco),
    passGen: mask(simColumns, s.pass_gen), passReco: mask(simColumns, s.pass_reco),
  };
  const observed: ObservedSample = {
    n: dataColumns.n, source: dataColumns.source, weights: dataColumns.weights,
    recoNames: d.reco, reco: pick(dataColumns, d.reco), passReco: mask(dataColumns, d.pass_reco),
    truth: d.truth ? { gen: pick(dataColumns, d.truth), passGen: mask(dataColumns, d.pass_gen) } : undefined,
  };
  const problem = { sim, data: observed };
  checkUnfoldingProblem(problem);
  return problem;
}

interface Columns {
  n: number;
  source: string;
  weights: Float32Array;
  columns: Record<string, Float32Array>;
}

async function readColumns(registries: Pick<Registries, 'toys' | 'formats'>, origin: Origin, names: string[], weight: string | undefined, rng: Rng): Promise<Columns> {
  const unique = [...new Set(names)];
  if (origin.toy !== undefined) {
    const toy = registries.toys.get(origin.toy);
    const ds = toy.generate(origin.n!, parseOrThrow(toy.options, origin.options, { code: 'InvalidConfig', where: `toy "${origin.toy}"`, path: 'options' }), rng);
    const column = (name: string) => {
      const col = [ds.features, ds.extras, ds.nuisances].find((cols) => Object.hasOwn(cols, name))?.[name];
      if (!col) throw new HepuqError('MissingColumn', `toy "${origin.toy}" has no column "${name}" (it has ${available(ds).join(', ')})`);
      return col;
    };
    return { n: ds.n, source: ds.source, weights: weight ? column(weight) : ds.weights, columns: Object.fromEntries(unique.map((c) => [c, column(c)])) };
  }
  const { format, path, item } = resolveDataSource(registries, origin.path!, origin.format);
  const ds = await format.read(path, { features: unique, weight }, { item, options: origin.options });
  return { n: ds.n, source: ds.source, weights: ds.weights, columns: { ...ds.features } };
}

function available(ds: Dataset): string[] {
  return [...ds.featureNames, ...Object.keys(ds.extras), ...Object.keys(ds.nuisances)];
}

function optional(...names: (string | undefined)[]): string[] {
  return names.filter((n): n is string => n !== undefined);
}

function pick(c: Columns, names: readonly string[]): Record<string, Float32Array> {
  return Object.fromEntries(names.map((name) => [name, c.columns[name]]));
}

/** A 0/1 column as a mask (any non-zero value passes); absent: every event passes. */
function mask(c: Columns, name: string | undefined): Uint8Array {
  const out = new Uint8Array(c.n);
  if (!name) return out.fill(1);
  const col = c.columns[name];
  for (let i = 0; i < c.n; i++) {
    if (col[i] !== 0 && col[i] !== 1) {
      throw new HepuqError('InvalidArgument', `${c.source}: mask column "${name}" ${dataRow(i)} is ${col[i]}, not 0 or 1`, { hint: 'A pass_gen / pass_reco column holds 1 where the event passes the selection and 0 where it fails.' });
    }
    out[i] = col[i];
  }
  return out;
}
