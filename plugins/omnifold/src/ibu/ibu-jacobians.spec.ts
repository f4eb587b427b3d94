import { describe, expect, it } from 'vitest';
import { bayesStep } from './bayes-step.js';
import { dataCovariance, responseCovariance } from './ibu-covariance.js';
import type { IbuProblemInput } from './ibu-problem.js';
import { iterationTerms, propagateDataJacobian, propagateResponseJacobian, responseJacobianOf, type IterationTerms, type StatPropagation } from './ibu-jacobians.js';
import { iterativeUnfold } from './iterative-unfold.js';
import { resolveIbuProblem } from './resolve-ibu-problem.js';

// Non-square (2 effects x 3 causes) with efficiencies equal to the column sums, as the derivation
// assumes (d eps_lam / d P_k,lam = 1); 4 fixed iterations (ts_stopping 0 is never passed).
const base: IbuProblemInput = {
  data: [100, 150],
  data_err: [10, 12.2],
  response: [[0.3, 0.1, 0.5], [0.1, 0.5, 0.2]],
  response_err: [[0.01, 0.01, 0.01], [0.01, 0.01, 0.01]],
  efficiencies: [0.4, 0.6, 0.7],
  efficiencies_err: [0.01, 0.01, 0.01],
  prior: [0.5, 0.3, 0.2],
  ts_stopping: 0,
  max_iter: 4,
};
const unfolded = (p: IbuProblemInput) => iterativeUnfold(p).unfolded;

/** Central difference of the final unfolded distribution. */
function centralDifference(perturb: (p: IbuProblemInput, h: number) => IbuProblemInput, h: number): number[] {
  const up = unfolded(perturb(base, h));
  const down = unfolded(perturb(base, -h));
  return up.map((u, i) => (u - down[i]) / (2 * h));
}

const oneHot = (n: number, k: number) => Array.from({ length: n }, (_, i) => (i === k ? 1 : 0));

// Central differences with h = 1e-3 (data ~100) and 1e-6 (P ~0.3): truncation ~h^2 f''' and rounding
// ~1e-16/h stay below 1e-8 relative here; 1e-6 is a wide margin.
const FD_TOLERANCE = 1e-6;

describe('uncertainty propagation against finite differences', () => {
  for (const k of [0, 1]) {
    it(`adye: |dphi/dn_${k}| equals the finite difference (stat_err with data_err = unit vector)`, () => {
      const fd = centralDifference((p, h) => ({ ...p, data: p.data.map((n, i) => (i === k ? n + h : n)) }), 1e-3);
      const stat = iterativeUnfold({ ...base, data_err: oneHot(2, k) }, { statPropagation: 'adye' }).stat_err;
      fd.forEach((d, mu) => expect(Math.abs(stat[mu] - Math.abs(d)) / Math.abs(d), `cause ${mu}`).toBeLessThan(FD_TOLERANCE));
    });
  }

  it('pyunfold (the default) does not: its data term departs from the derivative after iteration 1', () => {
    const fd = centralDifference((p, h) => ({ ...p, data: p.data.map((n, i) => (i === 0 ? n + h : n)) }), 1e-3);
    const stat = iterativeUnfold({ ...base, data_err: oneHot(2, 0) }).stat_err;
    expect(Math.max(...fd.map((d, mu) => Math.abs(stat[mu] - Math.abs(d)) / Math.abs(d)))).toBeGreaterThan(0.01);
    const first = (mode: StatPropagation) => iterativeUnfold({ ...base, max_iter: 1 }, { statPropagation: mode }).stat_err;
    expect(first('pyunfold')).toEqual(first('adye'));
  });

  for (const [k, lam] of [[0, 0], [1, 2], [0, 1]]) {
    it(`|dphi/dP_${k},${lam}| equals the finite difference (sys_err, cov_type poisson, one response_err entry)`, () => {
      const fd = centralDifference((p, h) => ({
        ...p,
        response: p.response.map((row, i) => row.map((v, j) => (i === k && j === lam ? v + h : v))),
        efficiencies: p.efficiencies.map((e, j) => (j === lam ? e + h : e)),
      }), 1e-6);
      const err = base.response.map((row, i) => row.map((_, j) => (i === k && j === lam ? 1 : 0)));
      const sys = iterativeUnfold({ ...base, cov_type: 'poisson', response_err: err }).sys_err;
      fd.forEach((d, mu) => expect(Math.abs(sys[mu] - Math.abs(d)) / Math.abs(d), `cause ${mu}`).toBeLessThan(FD_TOLERANCE));
    });
  }
});

describe('covariance matrices', () => {
  const p = resolveIbuProblem({ ...base, efficiencies_err: [0.02, 0.05, 0.01] });
  const { nEffects: nE, nCauses: nC } = p;
  let dn: Float64Array | undefined;
  let dp: Float64Array | undefined;
  const history: IterationTerms[] = [];
  let phi: Float64Array = Float64Array.from(p.prior, (q) => 250 * q);
  for (let it = 0; it < 3; it++) {
    const step = bayesStep(p, phi);
    const terms = iterationTerms(p, step, phi, it === 0);
    dn = propagateDataJacobian(p, step, terms, dn, 'pyunfold');
    dp = propagateResponseJacobian(terms, dp, nE, nC);
    history.push(terms);
    phi = step.unfolded;
  }
  const J = { dn: dn!, dp: dp! };

  it('d phi/d P accumulated backwards over the iterations equals the forward recursion', () => {
    const backward = responseJacobianOf(history, nE, nC);
    J.dp.forEach((v, i) => expect(Math.abs(backward[i] - v)).toBeLessThan(1e-13 * Math.max(1, Math.abs(v))));
  });

  it('multinomial: equals (dphi/dP) Cov(P, P\') (dphi/dP)^T built densely, entry by entry', () => {
    const nInv = p.efficiencies.map((e, lam) => (p.efficienciesErr[lam] / e) ** 2);
    const P = (k: number, lam: number) => p.response[k * nC + lam];
    const cov = (a: number, b: number) => {
      const [k, lam, k2, lam2] = [Math.floor(a / nC), a % nC, Math.floor(b / nC), b % nC];
      return lam !== lam2 ? 0 : nInv[lam] * ((k === k2 ? P(k, lam) : 0) - P(k, lam) * P(k2, lam));
    };
    const full = responseCovariance(J, p);
    const diag = responseCovariance(J, p, true);
    const X = nE * nC;
    for (let mu = 0; mu < nC; mu++) {
      for (let nu = 0; nu < nC; nu++) {
        let dense = 0;
        for (let a = 0; a < X; a++) for (let b = 0; b < X; b++) dense += J.dp[mu * X + a] * cov(a, b) * J.dp[nu * X + b];
        expect(Math.abs(full[mu * nC + nu] - dense)).toBeLessThan(1e-12 * Math.max(1, Math.abs(dense)));
      }
      expect(diag[mu]).toBeCloseTo(full[mu * nC + mu], 12);
    }
  });

  it('data covariance is symmetric with the variances on its diagonal', () => {
    const full = dataCovariance(J, p.dataErr, nE, nC);
    const diag = dataCovariance(J, p.dataErr, nE, nC, true);
    for (let mu = 0; mu < nC; mu++) {
      expect(full[mu * nC + mu]).toBe(diag[mu]);
      for (let nu = 0; nu < nC; nu++) expect(full[mu * nC + nu]).toBe(full[nu * nC + mu]);
    }
  });
});
