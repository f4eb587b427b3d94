import { addProduct } from './add-product.js';
import { safeInverse, type BayesInputs, type BayesStep } from './bayes-step.js';

/**
 * How the data-term derivative d phi / d n is carried from one iteration to the next.
 * `pyunfold`: as pyunfold v0.5.0 computes it, M + (phi'/phi) dphi/dn - M diag(eps/phi) M^T diag(n) dphi/dn
 * (effect x cause layout) — what its published stat_err follow; `adye`: the exact derivative of
 * T. Adye, "Corrected error calculation for iterative Bayesian unfolding" (2011; arXiv:1105.1160
 * sec. 5; pyunfold's write-up eq. dphidn), which finite differences confirm.
 * The two agree at the first iteration and differ afterwards (by 2-80 % in pyunfold's own test cases).
 */
export const STAT_PROPAGATIONS = ['pyunfold', 'adye'] as const;
export type StatPropagation = (typeof STAT_PROPAGATIONS)[number];

/**
 * Derivatives of the unfolded distribution after an iteration: `dn[mu * nE + j]` = d phi_mu / d n_j
 * and `dp[mu * nE * nC + k * nC + lam]` = d phi_mu / d P_k,lam (P indexed effect k, cause lam).
 */
export interface IbuJacobians {
  dn: Float64Array;
  dp: Float64Array;
}

/**
 * What iteration t adds to the derivatives (D'Agostini NIM A362 (1995) 487 sec. 4; Adye 2011; pyunfold's
 * write-up eq. dphidn, dphidP): D_t = A_t D_t-1 + B_t for dphi/dP, with
 * A_t = diag(phi'/phi) - C, C_mu,rho = sum_j n_j M_j,mu M_j,rho eps_rho / phi_rho (absent at t = 1),
 * B_t,mu,k,lam = -u_mu,k phi_lam + delta_mu,lam v_k,mu, u_mu,k = n_k M_k,mu / f_k, v_k,mu = (n_k phi_mu / f_k - phi'_mu) / eps_mu,
 * phi the distribution the step started from and phi' its result.
 */
export interface IterationTerms {
  carry: Float64Array | undefined;
  u: Float64Array;
  v: Float64Array;
  phiPrev: Float64Array;
  /** phi'/phi and eps/phi, for pyunfold's data term. */
  ratio: Float64Array;
  effRatio: Float64Array;
}

/**
 * The terms of one iteration `step` that started from `phiPrev` (`first`: the prior, nothing to carry).
 * @example const terms = iterationTerms(inputs, step, phi, it === 1)
 */
export function iterationTerms(p: BayesInputs, step: BayesStep, phiPrev: Float64Array, first: boolean): IterationTerms {
  const { nEffects: nE, nCauses: nC, data, efficiencies } = p;
  const { unfoldingMatrix: M, folded, unfolded: phi } = step;
  const u = new Float64Array(nE * nC);
  const v = new Float64Array(nE * nC);
  for (let k = 0; k < nE; k++) {
    const g = data[k] * safeInverse(folded[k]);
    for (let mu = 0; mu < nC; mu++) {
      u[mu * nE + k] = g * M[k * nC + mu];
      v[k * nC + mu] = (g * phiPrev[mu] - phi[mu]) * safeInverse(efficiencies[mu]);
    }
  }
  const ratio = new Float64Array(nC);
  const effRatio = new Float64Array(nC);
  for (let mu = 0; mu < nC; mu++) {
    const inv = safeInverse(phiPrev[mu]);
    ratio[mu] = phi[mu] * inv;
    effRatio[mu] = efficiencies[mu] * inv;
  }
  let carry: Float64Array | undefined;
  if (!first) {
    carry = adyeCoupling(M, data, effRatio, nE, nC);
    for (let i = 0; i < carry.length; i++) carry[i] = -carry[i];
    for (let mu = 0; mu < nC; mu++) carry[mu * nC + mu] += ratio[mu];
  }
  return { carry, u, v, phiPrev, ratio, effRatio };
}

/**
 * d phi / d n after `step`, from the previous one (absent at the first iteration): M^T, plus the
 * carried previous derivative by `mode` (see `StatPropagation`).
 * @example dn = propagateDataJacobian(inputs, step, terms, dn, 'pyunfold')
 */
export function propagateDataJacobian(p: BayesInputs, step: BayesStep, terms: IterationTerms, prevDn: Float64Array | undefined, mode: StatPropagation): Float64Array {
  const { nEffects: nE, nCauses: nC } = p;
  const M = step.unfoldingMatrix;
  const dn = new Float64Array(nC * nE);
  for (let mu = 0; mu < nC; mu++) for (let j = 0; j < nE; j++) dn[mu * nE + j] = M[j * nC + mu];
  if (!prevDn || !terms.carry) return dn;
  if (mode === 'adye') addProduct(dn, terms.carry, prevDn, nC, nC, nE);
  else pyunfoldDataTerm(dn, prevDn, M, p.data, terms, nE, nC);
  return dn;
}

/**
 * d phi / d P after an iteration, forward: A_t D_t-1 + B_t (cost nC^3 nE per iteration).
 * @example dp = propagateResponseJacobian(terms, dp, nE, nC)
 */
export function propagateResponseJacobian(terms: IterationTerms, prevDp: Float64Array | undefined, nE: number, nC: number): Float64Array {
  const dp = new Float64Array(nC * nE * nC);
  if (prevDp && terms.carry) addProduct(dp, terms.carry, prevDp, nC, nC, nE * nC);
  addTerm(dp, terms, undefined, nE, nC);
  return dp;
}

/**
 * d phi / d P after the last of `history`'s iterations, backward: sum_t Pi_t B_t with
 * Pi_T = 1, Pi_t-1 = Pi_t A_t. Equal to chaining `propagateResponseJacobian` but nC^2 (2 nE + nC) per
 * iteration instead of nC^3 nE, as B_t is a sum of two outer products per cause.
 * @example const dp = responseJacobianOf(history, nE, nC)
 */
export function responseJacobianOf(history: IterationTerms[], nE: number, nC: number): Float64Array {
  const dp = new Float64Array(nC * nE * nC);
  let pi: Float64Array | undefined; // undefined: the identity
  for (let t = history.length - 1; t >= 0; t--) {
    const terms = history[t];
    addTerm(dp, terms, pi, nE, nC);
    if (t === 0 || !terms.carry) break;
    if (!pi) pi = terms.carry.slice();
    else {
      const next = new Float64Array(nC * nC);
      addProduct(next, pi, terms.carry, nC, nC, nC);
      pi = next;
    }
  }
  return dp;
}

/** dp += Pi B with B_mu,k,lam = -u_mu,k phi_lam + delta_mu,lam v_k,mu (Pi absent: the identity). */
function addTerm(dp: Float64Array, terms: IterationTerms, pi: Float64Array | undefined, nE: number, nC: number): void {
  const { u, v, phiPrev } = terms;
  const block = nE * nC;
  // x = Pi u (nC x nE)
  let x = u;
  if (pi) {
    x = new Float64Array(nC * nE);
    addProduct(x, pi, u, nC, nC, nE);
  }
  for (let mu = 0; mu < nC; mu++) {
    for (let k = 0; k < nE; k++) {
      const row = mu * block + k * nC;
      const a = x[mu * nE + k];
      if (!pi) {
        for (let lam = 0; lam < nC; lam++) dp[row + lam] -= a * phiPrev[lam];
        dp[row + mu] += v[k * nC + mu];
      } else {
        const pr = mu * nC;
        const vr = k * nC;
        for (let lam = 0; lam < nC; lam++) dp[row + lam] += pi[pr + lam] * v[vr + lam] - a * phiPrev[lam];
      }
    }
  }
}

/** C_mu,rho = sum_j n_j M_j,mu M_j,rho eps_rho / phi_rho (Adye's coupling between iterations). */
function adyeCoupling(M: Float64Array, data: Float64Array, effRatio: Float64Array, nE: number, nC: number): Float64Array {
  const C = new Float64Array(nC * nC);
  for (let j = 0; j < nE; j++) {
    const n = data[j];
    if (n === 0) continue;
    const row = j * nC;
    for (let mu = 0; mu < nC; mu++) {
      const a = n * M[row + mu];
      if (a === 0) continue;
      for (let rho = 0; rho < nC; rho++) C[mu * nC + rho] += a * M[row + rho];
    }
  }
  for (let mu = 0; mu < nC; mu++) for (let rho = 0; rho < nC; rho++) C[mu * nC + rho] *= effRatio[rho];
  return C;
}

/**
 * pyunfold v0.5.0's update of d phi/d n (mix.py `_adye_propagation_corrections`), in effect x cause
 * layout D: D' = M + D diag(phi'/phi) - M diag(eps/phi) A with A = M^T diag(n) D. Kept to reproduce its stat_err.
 * Computed transposed (dn = D^T) so every product runs over contiguous rows.
 */
function pyunfoldDataTerm(dn: Float64Array, prevDn: Float64Array, M: Float64Array, data: Float64Array, terms: IterationTerms, nE: number, nC: number): void {
  const { ratio, effRatio } = terms;
  // A^T = dn_prev . diag(n) M   (nC x nC)
  const nM = new Float64Array(nE * nC);
  for (let i = 0; i < nE; i++) for (let k = 0; k < nC; k++) nM[i * nC + k] = data[i] * M[i * nC + k];
  const At = new Float64Array(nC * nC);
  addProduct(At, prevDn, nM, nC, nE, nC);
  // (M diag(eps/phi) A)^T = A^T . (M diag(eps/phi))^T   (nC x nE)
  const MeT = new Float64Array(nC * nE);
  for (let i = 0; i < nE; i++) for (let k = 0; k < nC; k++) MeT[k * nE + i] = M[i * nC + k] * effRatio[k];
  const term = new Float64Array(nC * nE);
  addProduct(term, At, MeT, nC, nC, nE);
  for (let mu = 0; mu < nC; mu++) {
    const r = ratio[mu];
    for (let j = 0; j < nE; j++) dn[mu * nE + j] += r * prevDn[mu * nE + j] - term[mu * nE + j];
  }
}
