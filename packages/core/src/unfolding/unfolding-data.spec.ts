import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ColumnSelection, DataFormat, ReadOptions } from '../data/data-format.js';
import { Dataset } from '../data/dataset.js';
import type { ToyGenerator } from '../data/toy.js';
import { HepuqError } from '../errors/hepuq-error.js';
import { Rng } from '../random/rng.js';
import { Registries } from '../registry/registries.js';
import { loadUnfoldingProblem, ObservedSource, SimulationSource, UnfoldingData } from './unfolding-data.js';

// Core cannot depend on @hepuq/datasets or @hepuq/io (they depend on core), so the toys and the file
// format here are fakes that keep their contracts: a toy with the unfolding layout of the datasets
// package (features gen_x, reco_x; extras pass_gen, pass_reco, w), and a CSV reader that, like every
// @hepuq/io reader, names the file and column of a missing column.

const FakeToyOptions = z
  .object({
    sample: z.enum(['sim', 'nature']).default('sim'),
    /** Events from this index on fail pass_reco (lost by the detector). */
    lostFrom: z.number().int().nonnegative().optional(),
    /** pass_gen of every event (0 makes every event a fake). */
    passGen: z.number().default(1),
    /** Index of an event whose reco_x is NaN. */
    nanAt: z.number().int().optional(),
  })
  .strict();

/** gen_x ~ N(mu, 1), reco_x = gen_x + N(0, 0.5); extras pass_gen, pass_reco and a weight column `w`. */
const fakeUnfoldToy: ToyGenerator<typeof FakeToyOptions> = {
  key: 'fake-unfold',
  task: 'generation',
  description: 'unfolding layout for core specs',
  options: FakeToyOptions,
  generate(n, o, rng) {
    const mu = o.sample === 'sim' ? 0 : 0.2;
    const gen = rng.normalArray(n, mu, 1);
    const reco = Float32Array.from(gen, (g) => g + 0.5 * rng.normal());
    if (o.nanAt !== undefined) reco[o.nanAt] = Number.NaN;
    const passReco = Float32Array.from({ length: n }, (_, i) => (o.lostFrom !== undefined && i >= o.lostFrom ? 0 : 1));
    const w = Float32Array.from({ length: n }, (_, i) => 1 + (i % 3));
    return new Dataset({ features: { gen_x: gen, reco_x: reco }, extras: { pass_gen: new Float32Array(n).fill(o.passGen), pass_reco: passReco, w }, source: 'toy:fake-unfold' });
  },
};

/** Minimal CSV reader (header row, numbers only; NaN passes through so core's own checks see it). */
function fakeCsv(calls: { path: string; selection: ColumnSelection; options?: ReadOptions }[]): DataFormat {
  return {
    key: 'csv',
    extensions: ['.csv'],
    description: 'fake CSV for core specs',
    async read(path, selection, options) {
      calls.push({ path, selection, options });
      const [header, ...lines] = (await readFile(path, 'utf8')).trim().split('\n');
      const names = header.split(',');
      const rows = lines.map((l) => l.split(',').map(Number));
      const column = (name: string): Float32Array => {
        const j = names.indexOf(name);
        if (j < 0) throw new HepuqError('MissingColumn', `${path}: column "${name}" not found; the file has ${names.join(', ')}`);
        return Float32Array.from(rows, (r) => r[j]);
      };
      return new Dataset({ features: Object.fromEntries(selection.features.map((f) => [f, column(f)])), weights: selection.weight ? column(selection.weight) : undefined, source: path });
    },
  };
}

let dir: string;
let calls: { path: string; selection: ColumnSelection; options?: ReadOptions }[];
let registries: Registries;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hepuq-core-unfolding-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function freshRegistries(): Registries {
  calls = [];
  registries = new Registries();
  registries.toys.add('fake-unfold', fakeUnfoldToy);
  registries.formats.add('csv', fakeCsv(calls));
  return registries;
}

/** Write a CSV file from columns; returns its path. */
async function csv(name: string, columns: Record<string, number[]>): Promise<string> {
  const names = Object.keys(columns);
  const n = columns[names[0]].length;
  const lines = [names.join(','), ...Array.from({ length: n }, (_, i) => names.map((c) => columns[c][i]).join(','))];
  const path = join(dir, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

const SIM_FILE = { gen_x: [1, 2, 3, 4], reco_x: [1.1, 2.2, 2.9, 4.4], w: [1, 1, 2, 2], pg: [1, 1, 1, 0], pr: [1, 0, 1, 1] };
const DATA_FILE = { reco_x: [0.5, 1.5, 2.5], gen_x: [0.4, 1.6, 2.4], pr: [1, 1, 0] };

async function caught(p: Promise<unknown>): Promise<HepuqError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HepuqError) return e;
    throw e;
  }
  throw new Error('expected a HepuqError');
}

/** A parsed `data:` block (defaults filled in, as the run config hands it over). */
const config = (value: unknown): UnfoldingData => UnfoldingData.parse(value);

describe('loadUnfoldingProblem from files', () => {
  it('reads gen, reco, weight and mask columns of sim and data through the formats registry', async () => {
    const r = freshRegistries();
    const simPath = await csv('sim.csv', SIM_FILE);
    const dataPath = await csv('data.csv', DATA_FILE);
    const problem = await loadUnfoldingProblem(r, config({
      sim: { path: simPath, gen: ['gen_x'], reco: ['reco_x'], weight: 'w', pass_gen: 'pg', pass_reco: 'pr', options: { delimiter: ',' } },
      data: { path: dataPath, reco: ['reco_x'], pass_reco: 'pr' },
    }), new Rng(1));
    const { sim, data } = problem;
    expect(sim.n).toBe(4);
    expect(sim.source).toBe(simPath);
    expect(sim.genNames).toEqual(['gen_x']);
    expect(Array.from(sim.gen.gen_x)).toEqual(SIM_FILE.gen_x);
    expect(Array.from(sim.reco.reco_x)).toEqual(Array.from(Float32Array.from(SIM_FILE.reco_x)));
    expect(Array.from(sim.weights)).toEqual(SIM_FILE.w);
    expect(Array.from(sim.passGen)).toEqual(SIM_FILE.pg);
    expect(Array.from(sim.passReco)).toEqual(SIM_FILE.pr);
    expect(data.n).toBe(3);
    expect(Array.from(data.passReco)).toEqual(DATA_FILE.pr);
    // no weight column: unit weights
    expect(Array.from(data.weights)).toEqual([1, 1, 1]);
    expect(data.truth).toBeUndefined();
    // each file read once, for exactly the columns it needs, with the sample's options
    expect(calls.map((c) => c.selection)).toEqual([{ features: ['gen_x', 'reco_x', 'pg', 'pr'], weight: 'w' }, { features: ['reco_x', 'pr'], weight: undefined }]);
    expect(calls[0].options).toEqual({ item: undefined, options: { delimiter: ',' } });
  });

  it('carries the data truth columns and their pass_gen; without pass_gen every truth event passes', async () => {
    const r = freshRegistries();
    const simPath = await csv('sim-truth.csv', SIM_FILE);
    const dataPath = await csv('data-truth.csv', { ...DATA_FILE, pg: [1, 0, 1] });
    const sim = { path: simPath, gen: ['gen_x'], reco: ['reco_x'] };
    const withMask = await loadUnfoldingProblem(r, config({ sim, data: { path: dataPath, reco: ['reco_x'], truth: ['gen_x'], pass_gen: 'pg' } }), new Rng(1));
    expect(Array.from(withMask.data.truth!.gen.gen_x)).toEqual(Array.from(Float32Array.from(DATA_FILE.gen_x)));
    expect(Array.from(withMask.data.truth!.passGen)).toEqual([1, 0, 1]);
    const noMask = await loadUnfoldingProblem(r, config({ sim, data: { path: dataPath, reco: ['reco_x'], truth: ['gen_x'] } }), new Rng(1));
    expect(Array.from(noMask.data.truth!.passGen)).toEqual([1, 1, 1]);
    // absent masks: every simulated event passes too
    expect(Array.from(noMask.sim.passGen)).toEqual([1, 1, 1, 1]);
  });

  it('takes the format by key for another extension, and UnsupportedFormat for an unknown one', async () => {
    const r = freshRegistries();
    const simPath = await csv('sim.txt', SIM_FILE);
    const dataPath = await csv('data.csv', DATA_FILE);
    const data = { path: dataPath, reco: ['reco_x'] };
    const problem = await loadUnfoldingProblem(r, config({ sim: { path: simPath, format: 'csv', gen: ['gen_x'], reco: ['reco_x'] }, data }), new Rng(1));
    expect(problem.sim.n).toBe(4);
    const e = await caught(loadUnfoldingProblem(r, config({ sim: { path: simPath, gen: ['gen_x'], reco: ['reco_x'] }, data }), new Rng(1)));
    expect(e.code).toBe('UnsupportedFormat');
    expect(e.message).toContain(simPath);
  });

  it('MissingColumn naming the reco column and the data file that lacks it', async () => {
    const r = freshRegistries();
    const simPath = await csv('sim.csv', SIM_FILE);
    const dataPath = await csv('data-no-reco.csv', { gen_x: [1, 2], pr: [1, 1] });
    const e = await caught(loadUnfoldingProblem(r, config({ sim: { path: simPath, gen: ['gen_x'], reco: ['reco_x'] }, data: { path: dataPath, reco: ['reco_x'] } }), new Rng(1)));
    expect(e.code).toBe('MissingColumn');
    expect(e.message).toContain('"reco_x"');
    expect(e.message).toContain(dataPath);
  });

  it('InvalidArgument naming the mask column, the 1-based row and the file for a mask value 0.5', async () => {
    const r = freshRegistries();
    const simPath = await csv('sim-half.csv', { ...SIM_FILE, pr: [1, 1, 0.5, 1] });
    const dataPath = await csv('data.csv', DATA_FILE);
    const e = await caught(loadUnfoldingProblem(r, config({ sim: { path: simPath, gen: ['gen_x'], reco: ['reco_x'], pass_reco: 'pr' }, data: { path: dataPath, reco: ['reco_x'] } }), new Rng(1)));
    expect(e.code).toBe('InvalidArgument');
    expect(e.message).toContain('"pr"');
    expect(e.message).toContain('row 3');
    expect(e.message).toContain('0.5');
    expect(e.message).toContain(simPath);
  });

  it('EmptyDataset naming pass_reco and the data file when the mask removes every measured event', async () => {
    const r = freshRegistries();
    const simPath = await csv('sim.csv', SIM_FILE);
    const dataPath = await csv('data-lost.csv', { ...DATA_FILE, pr: [0, 0, 0] });
    const e = await caught(loadUnfoldingProblem(r, config({ sim: { path: simPath, gen: ['gen_x'], reco: ['reco_x'] }, data: { path: dataPath, reco: ['reco_x'], pass_reco: 'pr' } }), new Rng(1)));
    expect(e.code).toBe('EmptyDataset');
    expect(e.message).toContain('pass_reco');
    expect(e.message).toContain(dataPath);
  });

  it('NonFiniteValue naming the column, row and file of a NaN the reader let through', async () => {
    const r = freshRegistries();
    const simPath = await csv('sim-nan.csv', { ...SIM_FILE, reco_x: [1, 2, Number.NaN, 4] });
    const dataPath = await csv('data.csv', DATA_FILE);
    const e = await caught(loadUnfoldingProblem(r, config({ sim: { path: simPath, gen: ['gen_x'], reco: ['reco_x'] }, data: { path: dataPath, reco: ['reco_x'] } }), new Rng(1)));
    expect(e.code).toBe('NonFiniteValue');
    expect(e.message).toContain('"reco_x" row 3');
    expect(e.message).toContain(simPath);
  });

  it("MissingColumn when the data's reco columns are not the simulation's", async () => {
    const r = freshRegistries();
    const simPath = await csv('sim.csv', SIM_FILE);
    const dataPath = await csv('data-other.csv', { reco_y: [1, 2], reco_x: [1, 2] });
    const e = await caught(loadUnfoldingProblem(r, config({ sim: { path: simPath, gen: ['gen_x'], reco: ['reco_x'] }, data: { path: dataPath, reco: ['reco_y'] } }), new Rng(1)));
    expect(e.code).toBe('MissingColumn');
    expect(e.message).toContain('"reco_x"');
    expect(e.message).toContain(dataPath);
  });
});

describe('loadUnfoldingProblem from toys', () => {
  const sim = { toy: 'fake-unfold', n: 200, gen: ['gen_x'], reco: ['reco_x'], pass_gen: 'pass_gen', pass_reco: 'pass_reco' };
  const nature = { toy: 'fake-unfold', n: 100, options: { sample: 'nature' }, reco: ['reco_x'], pass_reco: 'pass_reco', truth: ['gen_x'], pass_gen: 'pass_gen' };

  it('generates each sample from its own stream of the seed, the truth carried with the data', async () => {
    const r = freshRegistries();
    const problem = await loadUnfoldingProblem(r, config({ sim: { ...sim, weight: 'w' }, data: nature }), new Rng(5));
    const expectSim = fakeUnfoldToy.generate(200, FakeToyOptions.parse({}), new Rng(5).fork('sim'));
    const expectData = fakeUnfoldToy.generate(100, FakeToyOptions.parse({ sample: 'nature' }), new Rng(5).fork('data'));
    expect(problem.sim.source).toBe('toy:fake-unfold');
    expect(problem.sim.gen.gen_x).toEqual(expectSim.features.gen_x);
    expect(problem.sim.reco.reco_x).toEqual(expectSim.features.reco_x);
    // the weight column comes from the toy's extras
    expect(problem.sim.weights).toEqual(expectSim.extras.w);
    expect(problem.data.reco.reco_x).toEqual(expectData.features.reco_x);
    expect(problem.data.truth!.gen.gen_x).toEqual(expectData.features.gen_x);
    expect(problem.data.weights).toEqual(expectData.weights);
    // reproducible from the seed
    const again = await loadUnfoldingProblem(r, config({ sim: { ...sim, weight: 'w' }, data: nature }), new Rng(5));
    expect(again.data.reco.reco_x).toEqual(problem.data.reco.reco_x);
  });

  it('InvalidConfig naming the toy and the option for bad toy options, UnknownKey for an unknown toy', async () => {
    const r = freshRegistries();
    const e = await caught(loadUnfoldingProblem(r, config({ sim: { ...sim, options: { sample: 'mc' } }, data: nature }), new Rng(1)));
    expect(e.code).toBe('InvalidConfig');
    expect(e.message).toMatch(/^toy "fake-unfold": options\.sample: /);
    const unknown = await caught(loadUnfoldingProblem(r, config({ sim: { ...sim, toy: 'nope' }, data: nature }), new Rng(1)));
    expect(unknown.code).toBe('UnknownKey');
  });

  it('MissingColumn naming the column and listing what the toy has', async () => {
    const r = freshRegistries();
    const e = await caught(loadUnfoldingProblem(r, config({ sim: { ...sim, gen: ['gen_pt'] }, data: nature }), new Rng(1)));
    expect(e.code).toBe('MissingColumn');
    expect(e.message).toContain('"gen_pt"');
    expect(e.message).toContain('gen_x, reco_x, pass_gen, pass_reco, w');
  });

  it('EmptyDataset naming the mask that removes every event', async () => {
    const r = freshRegistries();
    const lost = await caught(loadUnfoldingProblem(r, config({ sim: { ...sim, options: { lostFrom: 0 } }, data: nature }), new Rng(1)));
    expect(lost.code).toBe('EmptyDataset');
    expect(lost.message).toContain('pass_reco removes every simulated event');
    const fakes = await caught(loadUnfoldingProblem(r, config({ sim: { ...sim, options: { passGen: 0 } }, data: nature }), new Rng(1)));
    expect(fakes.message).toContain('pass_gen removes every simulated event');
    const data = await caught(loadUnfoldingProblem(r, config({ sim, data: { ...nature, options: { sample: 'nature', lostFrom: 0 } } }), new Rng(1)));
    expect(data.message).toContain('pass_reco removes every measured event');
  });

  it('NonFiniteValue naming the column, row and toy for a NaN', async () => {
    const r = freshRegistries();
    const e = await caught(loadUnfoldingProblem(r, config({ sim, data: { ...nature, options: { sample: 'nature', nanAt: 9 } } }), new Rng(1)));
    expect(e.code).toBe('NonFiniteValue');
    expect(e.message).toBe('toy:fake-unfold: column "reco_x" row 10 is NaN');
  });

  it('InvalidArgument for a mask column that is not 0/1', async () => {
    const r = freshRegistries();
    // `w` holds 1, 2, 3: row 2 is the first value that is not 0 or 1
    const e = await caught(loadUnfoldingProblem(r, config({ sim: { ...sim, pass_reco: 'w' }, data: nature }), new Rng(1)));
    expect(e.code).toBe('InvalidArgument');
    expect(e.message).toContain('mask column "w" row 2 is 2');
  });
});

describe('UnfoldingData schema', () => {
  const issues = (schema: z.ZodType, value: unknown): string[] => {
    const r = schema.safeParse(value);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  const columns = { gen: ['g'], reco: ['r'] };

  it('a sample comes from a path xor a toy; a toy needs n; format only with a path', () => {
    expect(issues(SimulationSource, { path: 'sim.csv', ...columns })).toEqual([]);
    expect(issues(SimulationSource, { path: 'sim.txt', format: 'csv', ...columns })).toEqual([]);
    expect(issues(SimulationSource, { toy: 't', n: 10, ...columns })).toEqual([]);
    const origin = [': give either `path` (a file, optionally with `format`) or `toy` with `n`'];
    expect(issues(SimulationSource, { path: 'sim.csv', toy: 't', n: 10, ...columns })).toEqual(origin);
    expect(issues(SimulationSource, columns)).toEqual(origin);
    expect(issues(SimulationSource, { toy: 't', ...columns })).toEqual(origin);
    expect(issues(SimulationSource, { toy: 't', n: 10, format: 'csv', ...columns })).toEqual(origin);
    expect(issues(ObservedSource, { path: 'd.csv', toy: 't', n: 5, reco: ['r'] })).toEqual(origin);
  });

  it('n is a positive integer; gen and reco list at least one non-empty name; unknown keys fail', () => {
    expect(issues(SimulationSource, { toy: 't', n: 0, ...columns })[0]).toMatch(/^n: /);
    expect(issues(SimulationSource, { toy: 't', n: 1.5, ...columns })[0]).toMatch(/^n: /);
    expect(issues(SimulationSource, { path: 'p.csv', gen: [], reco: ['r'] })[0]).toMatch(/^gen: /);
    expect(issues(SimulationSource, { path: 'p.csv', gen: [''], reco: ['r'] })[0]).toMatch(/^gen\.0: /);
    expect(issues(SimulationSource, { path: 'p.csv', ...columns, truth: ['g'] })[0]).toMatch(/truth/);
    expect(issues(UnfoldingData, { sim: { path: 'p.csv', ...columns }, data: { path: 'd.csv', reco: ['r'] }, extra: 1 })[0]).toMatch(/extra/);
  });

  it('pass_gen of the data belongs to its truth columns', () => {
    expect(issues(ObservedSource, { path: 'd.csv', reco: ['r'], pass_gen: 'pg' })).toEqual([': `pass_gen` belongs to the `truth` columns: list them too']);
    expect(issues(ObservedSource, { path: 'd.csv', reco: ['r'], truth: ['g'], pass_gen: 'pg' })).toEqual([]);
  });

  it('fills options with {} by default', () => {
    const parsed = UnfoldingData.parse({ sim: { toy: 't', n: 3, ...columns }, data: { path: 'd.csv', reco: ['r'] } });
    expect(parsed.sim.options).toEqual({});
    expect(parsed.data.options).toEqual({});
  });
});
