import type { Dataset } from '@hepuq/core';
import { linspace, type WorkspaceSpec } from '@hepuq/inference';
import type { NuisanceAwareModel } from '../aware/nuisance-aware-model.js';
import { gridProfile, type GridPoint, type GridProfile } from './grid-profile.js';
import { mergeBins, positiveBinGroups } from './merge-bins.js';
import type { ProfileSettings } from './profile-settings.js';
import { profileWorkspace } from './profile-workspace.js';
import { scoreHistogram } from './score-histogram.js';
import { templatesAt, type Templates, type TemplateSample } from './template-sample.js';
import { fitProfileWorkspace, type WorkspaceFit } from './workspace-fit.js';

/** Everything one profile needs besides the classifier's mode. */
export interface ProfileContext {
  model: NuisanceAwareModel;
  sample: TemplateSample;
  observed: Dataset;
  settings: ProfileSettings;
  bins: number;
  scale: number;
  mu: { lo: number; hi: number; points: number };
  /** Name of the Z parameter in the workspace. */
  parameter: string;
  measurement: string;
}

/** The grid fit, the workspace and its fit for one way of using the classifier. */
export interface ClassifierProfile {
  /** The Z value fed to the classifier in the workspace. */
  classifierZ: number;
  /** Score bins after merging neighbours so every background template is positive (grid fit, workspace). */
  bins: { grid: number; workspace: number };
  grid: GridProfile;
  workspace: WorkspaceSpec;
  fit: WorkspaceFit;
}

/**
 * Profile Z with the classifier used in one of two ways (Ghosh, Nachman & Whiteson 2105.08742, sec. 3):
 * `aware` feeds it the hypothesised z at each grid value and, in the workspace, the grid fit's z_hat
 * (the classifier tuned to the data); `nominal` always feeds it zNominal (a classifier trained at the
 * nominal Z, without a second training). Templates always come from the events around each Z value.
 * @example const aware = await profileClassifier(ctx, 'aware')
 */
export async function profileClassifier(ctx: ProfileContext, mode: 'aware' | 'nominal'): Promise<ClassifierProfile> {
  const { model, sample, observed, settings: s, bins, scale } = ctx;
  const observedAt = async (z: number): Promise<Float64Array> => scoreHistogram(await model.probAt(observed, z), observed.weights, bins);
  const nominalObserved = mode === 'nominal' ? await observedAt(s.zNominal) : undefined;
  const raw: GridPoint[] = [];
  for (const z of s.zGrid) {
    const inputZ = mode === 'aware' ? z : s.zNominal;
    const templates = await templatesAt(model, sample, z, s.zWindow, inputZ, bins, scale);
    raw.push({ z, observed: nominalObserved ?? (await observedAt(z)), ...templates });
  }
  const gridGroups = positiveBinGroups(raw.map((p) => p.background));
  const points = raw.map((p) => ({ z: p.z, observed: mergeBins(p.observed, gridGroups), ...merged(p, gridGroups) }));
  const grid = gridProfile(points, { zNominal: s.zNominal, zStd: s.zStd, mu: ctx.mu });
  const classifierZ = mode === 'aware' ? grid.z_hat : s.zNominal;
  const at = (z: number) => templatesAt(model, sample, z, s.zWindow, classifierZ, bins, scale);
  const alphaGrid = s.zGrid.map((z) => (z - s.zNominal) / s.zStd);
  const [nominal, lo, hi] = [await at(s.zNominal), await at(s.zNominal - s.zStd), await at(s.zNominal + s.zStd)];
  const groups = positiveBinGroups([nominal.background, lo.background, hi.background]);
  const workspace = profileWorkspace(
    { nominal: merged(nominal, groups), lo: merged(lo, groups), hi: merged(hi, groups), observed: mergeBins(nominalObserved ?? (await observedAt(classifierZ)), groups) },
    {
      parameter: ctx.parameter,
      muBounds: [ctx.mu.lo, ctx.mu.hi],
      alphaBounds: [Math.min(-5, ...alphaGrid), Math.max(5, ...alphaGrid)],
      measurement: ctx.measurement,
    },
  );
  const fit = fitProfileWorkspace(workspace, {
    parameter: ctx.parameter, zNominal: s.zNominal, zStd: s.zStd, muGrid: linspace(ctx.mu.lo, ctx.mu.hi, ctx.mu.points), alphaGrid,
  });
  return { classifierZ, bins: { grid: gridGroups.length, workspace: groups.length }, grid, workspace, fit };
}

function merged(t: Templates, groups: readonly number[][]): Templates {
  return { signal: mergeBins(t.signal, groups), background: mergeBins(t.background, groups) };
}
