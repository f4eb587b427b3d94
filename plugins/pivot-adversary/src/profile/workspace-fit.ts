import {
  brentRoot, fixedPoiFit, HistFactoryModel, mleFit, ModelInput, parseWorkspace, profileScan1D, profileScan2D, type WorkspaceSpec,
} from '@hepuq/inference';
import { POI } from './profile-workspace.js';

/** Fit and scans of one profile workspace, in mu and in Z units. */
export interface WorkspaceFit {
  mu_hat: number;
  /** Hesse (parabolic) error of mu. */
  mu_error: number;
  /** Delta(-2 ln lambda) = 1 crossings of the alpha-profiled likelihood; null where the mu bounds come first. */
  mu_interval: [number | null, number | null];
  alpha_hat: number;
  alpha_error: number;
  /** z_hat = zNominal + zStd * alpha_hat, with its Hesse error zStd * alpha_error. */
  z_hat: number;
  z_error: number;
  correlation_mu_alpha: number;
  twice_nll: number;
  covariance_valid: boolean;
  scan1d: { mu: number[]; delta_twice_nll: number[] };
  scan2d: { mu: number[]; alpha: number[]; z: number[]; delta_twice_nll: number[][] };
}

/**
 * Fit a profile workspace exactly as `hepuq fit workspace.json` does (the CLI's default interpolation
 * codes, taken from `ModelInput`; the workspace's own bounds), then the 1-D profile scan of mu with
 * alpha profiled (interval by root finding of Delta(-2 ln lambda) = 1, Wilks) and the 2-D (mu, alpha)
 * scan (contours 2.30 / 5.99 are the 68% / 95% regions).
 * @example const r = fitProfileWorkspace(ws, { parameter: 'z', zNominal: 0.785, zStd: 0.5, muGrid, alphaGrid })
 */
export function fitProfileWorkspace(
  workspace: WorkspaceSpec,
  c: { parameter: string; zNominal: number; zStd: number; muGrid: number[]; alphaGrid: number[] },
): WorkspaceFit {
  const codes = ModelInput.parse({ workspace });
  const spec = parseWorkspace(workspace, 'workspace.json');
  const model = HistFactoryModel.fromWorkspace(spec, { normsys: codes.normsys, histosys: codes.histosys });
  const data = model.observedData(spec);
  const fit = mleFit(model, data);
  const ia = model.parameterIndex(c.parameter);
  const muHat = fit.poi.value;
  const [lo, hi] = [model.lower[model.poiIndex], model.upper[model.poiIndex]];
  const delta = (mu: number): number => fixedPoiFit(model, data, mu).twiceNll - fit.twiceNll;
  const crossing = (end: number): number | null => (end !== muHat && delta(end) > 1 ? brentRoot((mu) => delta(mu) - 1, muHat, end, { atol: 1e-7 }) : null);
  const s1 = profileScan1D(model, data, POI, c.muGrid);
  const s2 = profileScan2D(model, data, [POI, c.parameter], c.muGrid, c.alphaGrid);
  return {
    mu_hat: muHat,
    mu_error: fit.poi.uncertainty,
    mu_interval: [crossing(lo), crossing(hi)],
    alpha_hat: fit.bestfit[ia],
    alpha_error: fit.uncertainties[ia],
    z_hat: c.zNominal + c.zStd * fit.bestfit[ia],
    z_error: c.zStd * fit.uncertainties[ia],
    correlation_mu_alpha: fit.correlation[model.poiIndex][ia],
    twice_nll: fit.twiceNll,
    covariance_valid: fit.covarianceValid,
    scan1d: { mu: s1.values, delta_twice_nll: s1.deltaTwiceNll },
    scan2d: { mu: s2.x, alpha: s2.y, z: s2.y.map((a) => c.zNominal + c.zStd * a), delta_twice_nll: s2.deltaTwiceNll },
  };
}
