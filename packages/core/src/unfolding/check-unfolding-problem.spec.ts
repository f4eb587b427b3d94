import { describe, expect, it } from 'vitest';
import type { HepuqError } from '../errors/hepuq-error.js';
import { checkUnfoldingProblem } from './check-unfolding-problem.js';
import type { ObservedSample, SimulationSample, UnfoldingProblem } from './unfolding-problem.js';

const f32 = (...v: number[]): Float32Array => Float32Array.from(v);
const mask = (...v: number[]): Uint8Array => Uint8Array.from(v);

/** Four simulated events (one fake, one lost) and three measured events, every column consistent. */
function problem(sim: Partial<SimulationSample> = {}, data: Partial<ObservedSample> = {}): UnfoldingProblem {
  return {
    sim: {
      n: 4, source: 'sim.h5', genNames: ['gen_x'], gen: { gen_x: f32(1, 2, 3, 4) }, recoNames: ['reco_x', 'reco_y'], reco: { reco_x: f32(1, 2, 3, 4), reco_y: f32(0, 0, 0, 0) },
      weights: f32(1, 1, 1, 1), passGen: mask(1, 1, 1, 0), passReco: mask(1, 0, 1, 1), ...sim,
    },
    data: { n: 3, source: 'data.h5', recoNames: ['reco_y', 'reco_x'], reco: { reco_x: f32(1, 2, 3), reco_y: f32(5, 6, 7) }, weights: f32(1, 2, 3), passReco: mask(1, 1, 1), ...data },
  };
}

function thrown(p: UnfoldingProblem): HepuqError {
  try {
    checkUnfoldingProblem(p);
  } catch (e) {
    return e as HepuqError;
  }
  throw new Error('expected checkUnfoldingProblem to throw');
}

describe('checkUnfoldingProblem', () => {
  it('accepts a consistent problem (reco columns in any order, masks that leave events)', () => {
    expect(() => checkUnfoldingProblem(problem())).not.toThrow();
  });

  it('ShapeMismatch naming the sample, the column and both lengths', () => {
    const gen = thrown(problem({ gen: { gen_x: f32(1, 2, 3) } }));
    expect(gen.code).toBe('ShapeMismatch');
    expect(gen.message).toBe('sim.h5: column "gen_x" has 3 rows, the sample 4');
    expect(thrown(problem({ passReco: mask(1, 1) })).message).toBe('sim.h5: column "pass_reco" has 2 rows, the sample 4');
    expect(thrown(problem({}, { weights: f32(1, 1, 1, 1) })).message).toBe('data.h5: column "weights" has 4 rows, the sample 3');
    expect(thrown(problem({}, { reco: { reco_x: f32(1, 2, 3), reco_y: f32(5) } })).message).toContain('"reco_y" has 1 rows');
  });

  it('MissingColumn for a listed column the sample does not hold', () => {
    const e = thrown(problem({ genNames: ['gen_x', 'gen_y'] }));
    expect(e.code).toBe('MissingColumn');
    expect(e.message).toBe('sim.h5 has no column "gen_y"');
  });

  it("checks the data's truth: its columns named like the simulation's gen columns, as long as the data, finite", () => {
    const truth = (gen: Record<string, Float32Array>, passGen = mask(1, 1, 1)) => problem({}, { truth: { gen, passGen } });
    expect(() => checkUnfoldingProblem(truth({ gen_x: f32(1, 2, 3) }))).not.toThrow();
    expect(thrown(truth({ gen_y: f32(1, 2, 3) }))).toMatchObject({ code: 'MissingColumn', message: expect.stringContaining('gen_y') });
    expect(thrown(truth({ constructor: f32(1, 2, 3) }))).toMatchObject({ code: 'MissingColumn' });
    expect(thrown(truth({ gen_x: f32(1, 2) }))).toMatchObject({ code: 'ShapeMismatch' });
    expect(thrown(truth({ gen_x: f32(1, NaN, 3) }))).toMatchObject({ code: 'NonFiniteValue' });
    expect(thrown(truth({ gen_x: f32(1, 2, 3) }, mask(1, 1)))).toMatchObject({ code: 'ShapeMismatch', message: expect.stringContaining('pass_gen') });
  });

  it('checks a reco column only where the event passes reco and a gen column only where it passes gen (NaN elsewhere is fine)', () => {
    // sim: passGen (1, 1, 1, 0), passReco (1, 0, 1, 1)
    expect(() => checkUnfoldingProblem(problem({ gen: { gen_x: f32(1, 2, 3, NaN) }, reco: { reco_x: f32(1, NaN, 3, 4), reco_y: f32(0, 0, 0, 0) } }))).not.toThrow();
    expect(thrown(problem({ gen: { gen_x: f32(NaN, 2, 3, 4) } }))).toMatchObject({ code: 'NonFiniteValue', message: expect.stringContaining('gen_x') });
  });

  it('EmptyDataset when the selected events carry no positive total weight', () => {
    expect(thrown(problem({}, { weights: f32(1, -1, 0) }))).toMatchObject({ code: 'EmptyDataset', message: expect.stringContaining('total weight 0') });
  });

  it('NonFiniteValue naming the sample, column and 1-based row', () => {
    const nan = thrown(problem({ reco: { reco_x: f32(1, 2, Number.NaN, 4), reco_y: f32(0, 0, 0, 0) } }));
    expect(nan.code).toBe('NonFiniteValue');
    expect(nan.message).toBe('sim.h5: column "reco_x" row 3 is NaN');
    const inf = thrown(problem({}, { weights: f32(1, Infinity, 1) }));
    expect(inf.code).toBe('NonFiniteValue');
    expect(inf.message).toBe('data.h5: column "weights" row 2 is Infinity');
  });

  it("MissingColumn when the data lacks one of the simulation's reco columns, or has one more", () => {
    const missing = thrown(problem({}, { recoNames: ['reco_x', 'reco_z'], reco: { reco_x: f32(1, 2, 3), reco_z: f32(1, 2, 3) } }));
    expect(missing.code).toBe('MissingColumn');
    expect(missing.message).toContain('data.h5 has no reco column "reco_y"');
    const extra = thrown(problem({}, { recoNames: ['reco_x', 'reco_y', 'reco_z'], reco: { reco_x: f32(1, 2, 3), reco_y: f32(1, 2, 3), reco_z: f32(1, 2, 3) } }));
    expect(extra.code).toBe('MissingColumn');
    expect(extra.message).toContain('sim.h5 has no reco column "reco_z"');
  });

  it('EmptyDataset naming the mask and the sample when nothing is left to unfold', () => {
    const cases: [UnfoldingProblem, string][] = [
      [problem({ passReco: mask(0, 0, 0, 0) }), 'sim.h5: pass_reco removes every simulated event'],
      [problem({ passGen: mask(0, 0, 0, 0) }), 'sim.h5: pass_gen removes every simulated event'],
      [problem({ passGen: mask(1, 1, 0, 0), passReco: mask(0, 0, 1, 1) }), 'sim.h5: no simulated event passes both pass_gen and pass_reco'],
      [problem({}, { passReco: mask(0, 0, 0) }), 'data.h5: pass_reco removes every measured event'],
    ];
    for (const [p, message] of cases) {
      const e = thrown(p);
      expect(e.code).toBe('EmptyDataset');
      expect(e.message).toContain(message);
      expect(e.hint).toContain('pass_gen / pass_reco');
    }
  });
});
