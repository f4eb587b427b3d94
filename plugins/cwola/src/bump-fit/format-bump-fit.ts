import { formatNumber, measurementText } from '@hepuq/core';
import type { BumpFitResult } from './bump-fit.js';

const TWO_DIGITS = { rounding: 'two-digits' } as const;

/** A count or a bin edge, in full (never in exponent form). */
const plain = (x: number) => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6))));

/**
 * The readable output of `hepuq bump-fit`: the fit (function, method, chi2/ndf), then one line per
 * key of the JSON output — parameters and background with their fit errors; mu_hat, z and p0 are
 * the asymptotic counting-test values, whose uncertainty is already in z.
 * @example formatBumpFit(result, 'counts.csv').forEach((line) => ctx.print(line))
 */
export function formatBumpFit(r: BumpFitResult, source: string): string[] {
  const sideBins = r.ndf + r.fit_params.length;
  const head = `bump-fit ${source}: ${r.function}, ${r.fit === 'lsq' ? 'least squares (sigma = sqrt(N + 1))' : 'Poisson likelihood'} over ${sideBins} sideband bins, `
    + `${r.fit === 'lsq' ? 'chi2' : 'deviance'}/ndf = ${formatNumber(r.chi2, 4)}/${r.ndf}, converged in ${r.iterations} iterations`;
  const rows: [string, string][] = [
    ['sr', `bins ${r.sr[0]}..${r.sr[1]} (mass order), ${plain(r.sr_range[0])}-${plain(r.sr_range[1])} GeV`],
    ...r.fit_params.map((p, j): [string, string] => [j === 0 ? 'fit_params' : '', `p${j + 1} = ${measurementText(p, r.fit_errors[j], TWO_DIGITS)}`]),
    ['observed', plain(r.observed)],
    ['expected', `${measurementText(r.expected, r.sigma_b, TWO_DIGITS)} (± sigma_b)`],
    ['sigma_b', formatNumber(r.sigma_b, 3)],
    ['mu_hat', `${formatNumber(r.mu_hat, 4)} (observed - expected)`],
    ['z', `${formatNumber(r.z, 3)} (one-sided${r.mu_hat <= 0 ? ', mu_hat <= 0' : ''})`],
    ['p0', formatNumber(r.p0, 3)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return [head, ...rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`)];
}
