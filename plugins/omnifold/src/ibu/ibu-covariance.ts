import { safeInverse } from './bayes-step.js';
import type { CovType } from './ibu-problem.js';
import type { IbuJacobians } from './ibu-jacobians.js';

/** The pieces of a problem the response covariance needs (row-major effect x cause matrices). */
export interface ResponseCovarianceInputs {
  nEffects: number;
  nCauses: number;
  response: Float64Array;
  responseErr: Float64Array;
  efficiencies: Float64Array;
  efficienciesErr: Float64Array;
  covType: CovType;
}

/**
 * Data (statistical) covariance of the unfolded distribution, V_data = (dphi/dn) diag(data_err^2)
 * (dphi/dn)^T (D'Agostini NIM A362 (1995) 487 sec. 4, Adye 2011). Full nC x nC matrix, or its
 * diagonal only (the variances) with `diagonal`.
 * @example const v = dataCovariance(jac, dataErr, nEffects, nCauses)
 */
export function dataCovariance(jac: IbuJacobians, dataErr: Float64Array, nE: number, nC: number, diagonal = false): Float64Array {
  const w = Float64Array.from(dataErr, (e) => e * e);
  return weightedGram(jac.dn, w, nC, nE, diagonal);
}

/**
 * Response (systematic, limited simulation) covariance V_MC = (dphi/dP) Cov(P, P') (dphi/dP)^T.
 * `multinomial` (pyunfold's default): within each cause column lam the response is multinomial with
 * Cov(P_k,lam, P_k',lam) = (delta_kk' P_k,lam - P_k,lam P_k',lam) / N_lam, N_lam = (eps_lam / eps_err_lam)^2
 * the effective number of simulated events of the cause bin (0 for eps_err = 0: no uncertainty);
 * `poisson`: independent entries with variance response_err^2. Exploits the block structure:
 * V = sum_x dP_mu,x dP_nu,x w_x - sum_lam G_mu,lam G_nu,lam / N_lam, G_mu,lam = sum_k dP_mu,k,lam P_k,lam.
 * @example const v = responseCovariance(jac, problem)
 */
export function responseCovariance(jac: IbuJacobians, p: ResponseCovarianceInputs, diagonal = false): Float64Array {
  const { nEffects: nE, nCauses: nC, response, responseErr } = p;
  const block = nE * nC;
  if (p.covType === 'poisson') return weightedGram(jac.dp, Float64Array.from(responseErr, (e) => e * e), nC, block, diagonal);
  const nInv = Float64Array.from(p.efficiencies, (eff, lam) => {
    const n = (eff * safeInverse(p.efficienciesErr[lam])) ** 2;
    return safeInverse(n);
  });
  const w = new Float64Array(block);
  for (let k = 0; k < nE; k++) for (let lam = 0; lam < nC; lam++) w[k * nC + lam] = response[k * nC + lam] * nInv[lam];
  const v = weightedGram(jac.dp, w, nC, block, diagonal);
  // second term: G diag(1/N) G^T
  const g = new Float64Array(nC * nC);
  for (let mu = 0; mu < nC; mu++) {
    for (let k = 0; k < nE; k++) {
      const row = mu * block + k * nC;
      for (let lam = 0; lam < nC; lam++) g[mu * nC + lam] += jac.dp[row + lam] * response[k * nC + lam];
    }
  }
  const second = weightedGram(g, nInv, nC, nC, diagonal);
  for (let i = 0; i < v.length; i++) v[i] -= second[i];
  return v;
}

/** A diag(w) A^T for A (rows x cols, row-major): full rows x rows, or the diagonal only. */
function weightedGram(a: Float64Array, w: Float64Array, rows: number, cols: number, diagonal: boolean): Float64Array {
  const out = new Float64Array(diagonal ? rows : rows * rows);
  for (let r = 0; r < rows; r++) {
    const ro = r * cols;
    for (let s = diagonal ? r : 0; s <= r; s++) {
      const so = s * cols;
      let acc = 0;
      for (let x = 0; x < cols; x++) acc += a[ro + x] * w[x] * a[so + x];
      if (diagonal) out[r] = acc;
      else out[r * rows + s] = out[s * rows + r] = acc;
    }
  }
  return out;
}

/** sqrt of a covariance diagonal; rounding can leave a zero variance at -1e-18, read as 0. */
export function standardErrors(variances: Float64Array): number[] {
  return Array.from(variances, (v) => Math.sqrt(Math.max(v, 0)));
}
