import { EXPECTED_SIGMAS, asymptoticPValues, asymptoticStatistic, expectedPValues, type AsymptoticOptions } from './asymptotic-calculator.js';
import type { HistFactoryModel } from './histfactory-model.js';
import type { TestStatistic } from './test-statistics.js';

/** Result of an asymptotic hypothesis test at one POI value. */
export interface HypotestResult {
  mu: number;
  testStat: TestStatistic;
  /** CLs = CLs+b / CLb (for q0: the discovery p-value is `clsbObs`). */
  clsObs: number;
  clsbObs: number;
  clbObs: number;
  /** Expected CLs band [-2, -1, 0, +1, +2] sigma (pyhf order: n = 2, 1, 0, -1, -2 shifts of the b-only statistic). */
  clsExp: number[];
  clsbExp: number[];
  clbExp: number[];
  /** Observed q and its Asimov value q_A. */
  q: number;
  qAsimov: number;
  muHat: number;
  /** Discovery only (q0): observed and expected p-values and significances Z = sqrt(q0) and Z_exp = sqrt(q0_A) + n, in the order of `p0Exp`. */
  p0Obs?: number;
  p0Exp?: number[];
  significanceObs?: number;
  significanceExp?: number[];
}

/**
 * Asymptotic hypothesis test of POI = mu (Cowan et al. 1007.1727; pyhf `infer.hypotest` with the
 * asymptotic calculator): observed CLs, CLs+b, CLb and the expected +-1, +-2 sigma bands from the
 * Asimov dataset.
 * @example
 * const r = hypotest(model, model.observedData(ws), 1.0);
 * r.clsObs; // 0.0525 for the pyhf README example
 */
export function hypotest(model: HistFactoryModel, data: ArrayLike<number>, mu: number, options: AsymptoticOptions = {}): HypotestResult {
  const st = asymptoticStatistic(model, data, mu, options);
  const sqA = Math.sqrt(st.qAsimov);
  const base = options.calcBaseDist ?? 'normal';
  const obs = asymptoticPValues(st.t, sqA, base === 'clipped_normal' ? -sqA : -Infinity);
  const exp = expectedPValues(sqA, base);
  const result: HypotestResult = {
    mu, testStat: st.testStat,
    clsObs: obs.cls, clsbObs: obs.clsb, clbObs: obs.clb,
    clsExp: exp.cls, clsbExp: exp.clsb, clbExp: exp.clb,
    q: st.q, qAsimov: st.qAsimov, muHat: st.muHat,
  };
  if (st.testStat === 'q0') {
    result.p0Obs = obs.clsb;
    result.p0Exp = exp.clsb;
    result.significanceObs = Math.sqrt(st.q);
    result.significanceExp = EXPECTED_SIGMAS.map((n) => sqA + n);
  }
  return result;
}
