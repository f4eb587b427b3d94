import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { HistFactoryModel } from './histfactory-model.js';
import { hypotest } from './hypotest.js';
import { parseWorkspace } from './parse-workspace.js';

interface Expected { workspace: string; mu: number; test_stat: 'q' | 'q0'; rel_tol: number; cls_obs: number; cls_exp: number[] }
interface Reference { workspace: string; obs: number; exp: number[] }

const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
const expected = read<Expected[]>('expected.json');
const reference = read<Reference[]>('scipy-reference.json');
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

function run(e: Expected): number[] {
  const ws = parseWorkspace(read(e.workspace), e.workspace);
  // the corpus was made with HistFactory interpolation code 1 for normsys and 0 for histosys
  const model = HistFactoryModel.fromWorkspace(ws, { normsys: 'code1', histosys: 'code0' });
  const r = hypotest(model, model.observedData(ws), e.mu, { testStat: e.test_stat });
  return e.test_stat === 'q0' ? [r.p0Obs!, ...r.p0Exp!] : [r.clsObs, ...r.clsExp];
}

describe('HistFactory validation corpus (pyhf tests/test_validation.py)', () => {
  for (const e of expected) {
    it(`${e.workspace}: ${e.test_stat} at mu = ${e.mu}`, () => {
      const got = run(e);
      // 1) An independent numpy/scipy HistFactory (tools/bench/peers/inference_scipy.py, SLSQP at
      //    ftol 1e-14) agrees to < 7e-7 relative on every entry, down to CLs ~ 1e-9.
      const ref = reference.find((r) => r.workspace === e.workspace)!;
      [ref.obs, ...ref.exp].forEach((v, i) => expect(rel(got[i], v)).toBeLessThan(2e-6));
      // 2) pyhf's stored values come from SLSQP at pyhf's default ftol (1e-6): two pyhf releases
      //    differ by up to 1.2e-4 on these entries and pyhf notes mac/linux differences, so the
      //    stored numbers carry ~1e-4 optimiser noise in the tails; we allow max(rel_tol, 5e-4).
      const tol = Math.max(e.rel_tol, 5e-4);
      [e.cls_obs, ...e.cls_exp].forEach((v, i) => expect(rel(got[i], v)).toBeLessThan(tol));
      // the observed values, away from the far tails, meet the corpus tolerance within 5e-5
      expect(rel(got[0], e.cls_obs)).toBeLessThan(Math.max(e.rel_tol, 5e-5));
    });
  }
});
