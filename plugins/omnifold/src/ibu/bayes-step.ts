/** What one D'Agostini step needs: the response (row-major, effect i x cause j), 1/efficiency and the data. */
export interface BayesInputs {
  nEffects: number;
  nCauses: number;
  response: Float64Array;
  efficiencies: Float64Array;
  data: Float64Array;
}

/** One iteration's unfolding matrix M (effect x cause, row-major), folded prior f and unfolded distribution. */
export interface BayesStep {
  unfoldingMatrix: Float64Array;
  folded: Float64Array;
  unfolded: Float64Array;
}

/** 1/x, and 0 for x = 0 (pyunfold's `safe_inverse`: empty bins contribute nothing instead of NaN). */
export function safeInverse(x: number): number {
  return x === 0 ? 0 : 1 / x;
}

/**
 * One step of D'Agostini's iterative Bayesian unfolding (NIM A362 (1995) 487, eq. 4):
 * f_i = sum_j P_ij phi_j, M_ij = P_ij phi_j / (eps_j f_i), phi'_j = sum_i n_i M_ij, with
 * `prev` = phi the previous unfolded distribution (or the prior counts).
 * @example const { unfolded } = bayesStep(inputs, prior)
 */
export function bayesStep(p: BayesInputs, prev: Float64Array): BayesStep {
  const { nEffects: nE, nCauses: nC, response, efficiencies, data } = p;
  const weighted = new Float64Array(nC);
  for (let j = 0; j < nC; j++) weighted[j] = prev[j] * safeInverse(efficiencies[j]);
  const folded = new Float64Array(nE);
  const unfoldingMatrix = new Float64Array(nE * nC);
  const unfolded = new Float64Array(nC);
  for (let i = 0; i < nE; i++) {
    const row = i * nC;
    let f = 0;
    for (let j = 0; j < nC; j++) f += response[row + j] * prev[j];
    folded[i] = f;
    const fInv = safeInverse(f);
    const n = data[i];
    for (let j = 0; j < nC; j++) {
      const m = response[row + j] * weighted[j] * fInv;
      unfoldingMatrix[row + j] = m;
      unfolded[j] += n * m;
    }
  }
  return { unfoldingMatrix, folded, unfolded };
}
