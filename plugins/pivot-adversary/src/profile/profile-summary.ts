import type { WorkspaceSpec } from '@hepuq/inference';
import type { ClassifierProfile } from './classifier-profile.js';

/** A number for steps.json: non-finite values (an invalid Hessian's NaN error) become null. */
export function finite(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}

/** What steps.json keeps of a written workspace: where it went and its totals, not its bins. */
export function workspaceSummary(ws: WorkspaceSpec, file: string) {
  const ch = ws.channels[0];
  const total = (d: readonly number[]) => d.reduce((a, b) => a + b, 0);
  return {
    file,
    bins: ch.samples[0].data.length,
    samples: ch.samples.map((s) => ({ name: s.name, total: total(s.data), modifiers: s.modifiers.map((m) => `${m.name} (${m.type})`) })),
    observed_total: total(ws.observations[0].data),
    poi: ws.measurements[0].config.poi,
  };
}

/** The workspace fit of one classifier with its grid fit, for steps.json. */
export function profileSummary(p: ClassifierProfile, file: string) {
  const f = p.fit;
  return {
    mu_hat: f.mu_hat,
    mu_error: finite(f.mu_error),
    mu_interval: [finite(f.mu_interval[0]), finite(f.mu_interval[1])] as [number | null, number | null],
    z_hat: f.z_hat,
    z_error: finite(f.z_error),
    alpha_hat: f.alpha_hat,
    alpha_error: finite(f.alpha_error),
    correlation_mu_alpha: finite(f.correlation_mu_alpha),
    covariance_valid: f.covariance_valid,
    twice_nll: f.twice_nll,
    /** The Z value fed to the classifier in the workspace. */
    classifier_z: p.classifierZ,
    /** Score bins of the grid fit after merging neighbours with an empty background template. */
    grid_bins: p.bins.grid,
    scan1d: f.scan1d,
    scan2d: f.scan2d,
    grid: p.grid,
    workspace: workspaceSummary(p.workspace, file),
  };
}
