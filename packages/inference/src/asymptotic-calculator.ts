import { fitConfig, type FitConfig } from './fit-config.js';
import type { HistFactoryModel } from './histfactory-model.js';
import { fixedPoiFit } from './maximum-likelihood.js';
import { normalCdf } from './special-functions.js';
import { testStatistic, type TestStatistic } from './test-statistics.js';

/** The sigma shifts of the expected band, in pyhf's order: index 0 is the -2 sigma edge of CLs. */
export const EXPECTED_SIGMAS = [2, 1, 0, -1, -2] as const;

/** Options of the asymptotic calculator. */
export interface AsymptoticOptions {
  /** Test statistic (default `qtilde`, as pyhf). */
  testStat?: TestStatistic;
  /**
   * `normal` (default, pyhf and ROOT): the statistic's distribution is the full normal in
   * mu-hat/sigma space; `clipped_normal` caps expected statistics at the q = 0 boundary.
   */
  calcBaseDist?: 'normal' | 'clipped_normal';
  fit?: FitConfig;
}

/**
 * The Asimov dataset for `asimovMu`: expected main and auxiliary data at the conditional fit
 * (mu = asimovMu, theta-hat-hat) to the observed data — 1007.1727 sec. 3.8 (conditional Asimov).
 * @example const asimov = asimovData(model, data, 0);
 */
export function asimovData(model: HistFactoryModel, data: ArrayLike<number>, asimovMu: number, cfg: FitConfig = fitConfig(model)): Float64Array {
  return model.expectedData(fixedPoiFit(model, data, asimovMu, cfg).pars);
}

/** Statistic in mu-hat/sigma space and the Asimov sigma scale, the inputs of every asymptotic p-value. */
export interface AsymptoticStatistic {
  testStat: TestStatistic;
  /** Observed q (q~_mu, q_mu or q_0). */
  q: number;
  /** The same statistic on the Asimov dataset (q_A, so sqrt(q_A) = |mu - mu'| / sigma). */
  qAsimov: number;
  /** Statistic in mu-hat/sigma space: sqrt(q) - sqrt(q_A), or (q - q_A) / 2 sqrt(q_A) on the q~ upper branch (1007.1727 eq. 66). */
  t: number;
  muHat: number;
}

/**
 * Compute the asymptotic statistic at `mu` (five fits, as pyhf's AsymptoticCalculator): q on the
 * data, the Asimov dataset (mu' = 0 for q_mu and q~_mu, mu' = 1 for q_0) and q_A on it.
 */
export function asymptoticStatistic(model: HistFactoryModel, data: ArrayLike<number>, mu: number, options: AsymptoticOptions = {}): AsymptoticStatistic {
  const kind = options.testStat ?? 'qtilde';
  const cfg = options.fit ?? fitConfig(model);
  const obs = testStatistic(kind, model, data, mu, cfg);
  const asimov = asimovData(model, data, kind === 'q0' ? 1 : 0, cfg);
  const qA = testStatistic(kind, model, asimov, mu, cfg).value;
  const sq = Math.sqrt(obs.value);
  const sqA = Math.sqrt(qA);
  const t = kind !== 'qtilde' || sq < sqA || sqA === 0 ? sq - sqA : (obs.value - qA) / (2 * sqA);
  return { testStat: kind, q: obs.value, qAsimov: qA, t, muHat: obs.muHat };
}

/** CLs+b, CLb and CLs of a statistic value t in mu-hat/sigma space: CLs+b = Phi(-(t + sqrt q_A)), CLb = Phi(-t) (1007.1727 eqs. 59, 65). */
export function asymptoticPValues(t: number, sqrtQA: number, cutoff = -Infinity): { clsb: number; clb: number; cls: number } {
  if (t < cutoff) return { clsb: NaN, clb: NaN, cls: NaN };
  const clsb = normalCdf(-(t + sqrtQA));
  const clb = normalCdf(-t);
  return { clsb, clb, cls: clsb / clb };
}

/** p-values of the expected band: the b-only median shifted by n sigma, n in EXPECTED_SIGMAS (1007.1727 eq. 89). */
export function expectedPValues(sqrtQA: number, calcBaseDist: 'normal' | 'clipped_normal' = 'normal'): { clsb: number[]; clb: number[]; cls: number[] } {
  const cutoff = calcBaseDist === 'clipped_normal' ? -sqrtQA : -Infinity;
  const rows = EXPECTED_SIGMAS.map((n) => asymptoticPValues(Math.max(n, cutoff), sqrtQA, cutoff));
  return { clsb: rows.map((r) => r.clsb), clb: rows.map((r) => r.clb), cls: rows.map((r) => r.cls) };
}
