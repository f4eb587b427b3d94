import { loadDataSource, RegistriesToken, type Dataset, type DataSource, type RunStep, type RunStepInput } from '@hepuq/core';
import { AWARE_PROFILE, AwareProfileOptions } from './aware-profile.options.js';
import { profileClassifier, type ProfileContext } from './classifier-profile.js';
import { alignFeatures, requireAwareModel, resolveProfileSettings } from './profile-settings.js';
import { profileSummary } from './profile-summary.js';
import { weightSum } from './score-histogram.js';
import { templateSample } from './template-sample.js';

/** Files the step writes into the run directory. */
export const AWARE_WORKSPACE_FILE = 'workspace.json';
export const NOMINAL_WORKSPACE_FILE = 'workspace-nominal.json';

async function source(input: RunStepInput<AwareProfileOptions>, spec: DataSource | undefined, fallback: Dataset, role: string): Promise<Dataset> {
  return spec ? loadDataSource(input.services.resolve(RegistriesToken), spec, input.rng.fork(role)) : fallback;
}

/**
 * The `aware-profile` step: profiles the nuisance Z of an uncertainty-aware classifier in the
 * (mu, Z) likelihood of its score histogram (Ghosh, Nachman & Whiteson 2105.08742) three ways —
 * (a) the grid fit with the classifier fed each hypothesised z, (b) a pyhf workspace with the
 * classifier fed the grid's z_hat, Z a histosys nuisance (written as `workspace.json`; `hepuq fit`
 * on it reproduces the top-level mu_hat), (c) the same with the classifier at zNominal
 * (`workspace-nominal.json`). mu is the signal strength relative to the template sample's signal
 * (templates scaled by total observed / total template weight), so data drawn like it give mu = 1.
 * @example steps: [{ use: aware-profile, options: { bins: 10, mu: { lo: 0, hi: 3, points: 31 } } }]   # in a run config
 */
export const awareProfileStep: RunStep<typeof AwareProfileOptions> = {
  key: AWARE_PROFILE,
  description: 'Profile the nuisance Z of an uncertainty-aware classifier in the (mu, Z) likelihood: grid fit, pyhf workspace fit and scans, nominal-classifier comparison',
  options: AwareProfileOptions,
  tasks: ['classification'],
  async run(input) {
    const { options, events } = input;
    const model = requireAwareModel(input.model);
    const templates = alignFeatures(await source(input, options.templates, input.train, 'templates'), input.train.featureNames, 'templates');
    const observed = alignFeatures(await source(input, options.observed, input.test, 'observed'), input.train.featureNames, 'observed');
    const sample = templateSample(templates, model.nuisance);
    const settings = resolveProfileSettings(options, model.prior);
    const scale = options.scale ?? weightSum(observed.weights) / weightSum(templates.weights);
    const ctx: ProfileContext = {
      model, sample, observed, settings, bins: options.bins, scale, mu: options.mu, parameter: model.nuisance, measurement: AWARE_PROFILE,
    };
    events.emit('log:info', { message: `${AWARE_PROFILE}: aware classifier, ${settings.zGrid.length} Z values, ${observed.n} observed events` }, AWARE_PROFILE);
    const aware = await profileClassifier(ctx, 'aware');
    input.files?.json(AWARE_WORKSPACE_FILE, aware.workspace);
    events.emit('log:info', { message: `${AWARE_PROFILE}: mu = ${aware.fit.mu_hat.toPrecision(4)} +- ${aware.fit.mu_error.toPrecision(2)}; now the nominal classifier` }, AWARE_PROFILE);
    const nominal = await profileClassifier(ctx, 'nominal');
    input.files?.json(NOMINAL_WORKSPACE_FILE, nominal.workspace);
    const { grid: _grid, scan2d, ...a } = profileSummary(aware, AWARE_WORKSPACE_FILE);
    const n = profileSummary(nominal, NOMINAL_WORKSPACE_FILE);
    return {
      mu_hat: a.mu_hat,
      mu_error: a.mu_error,
      mu_interval: a.mu_interval,
      z_hat: a.z_hat,
      z_error: a.z_error,
      nuisance: model.nuisance,
      zNominal: settings.zNominal,
      zStd: settings.zStd,
      zWindow: settings.zWindow,
      bins: options.bins,
      scale,
      grid: aware.grid,
      scan2d,
      aware: a,
      nominal: { ...n, grid: { mu_hat: nominal.grid.mu_hat, mu_interval: nominal.grid.mu_interval, z_hat: nominal.grid.z_hat } },
    };
  },
};
