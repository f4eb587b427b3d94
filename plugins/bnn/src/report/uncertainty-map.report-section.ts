import { classSuffixes } from '@hepuq/stats';
import { predictionTargets, VEGA_LITE_SCHEMA, type GeneratedSample, type PlotSpec, type ReportContext, type ReportSection } from '@hepuq/core';
import { BNN } from '../methods/bnn.method.js';
import { BNN_FLOW } from '../methods/bnn-flow.method.js';
import { MC_DROPOUT } from '../methods/mc-dropout.method.js';
import { subsample } from './subsample.js';

export const BNN_UNCERTAINTY_MAP = 'bnn-uncertainty-map';

const ORDER = 510;

/**
 * Uncertainty maps over phase space: the relative statistical uncertainty sigma_stat / |mean| binned
 * over two features (for `bnn-flow` the density's sigma_p / <p>; with one feature the regression
 * section's sigma-vs-feature plot shows sigma_stat and sigma_syst); for `bnn-flow` also the generated
 * histograms with replica error bars.
 * @example ctx.reportSections.add(BNN_UNCERTAINTY_MAP, uncertaintyMapReportSection())
 */
export function uncertaintyMapReportSection(): ReportSection {
  const applies = (ctx: ReportContext) =>
    ctx.prediction?.kind === 'regression' && ctx.test !== undefined && [BNN, MC_DROPOUT, BNN_FLOW].includes(String(ctx.metadata.method));
  return {
    key: BNN_UNCERTAINTY_MAP,
    title: 'Bayesian uncertainty maps',
    order: ORDER,
    applies,
    plots(ctx) {
      const p = ctx.prediction;
      const test = ctx.test;
      if (!p || p.kind !== 'regression' || !test) return [];
      const plots: PlotSpec[] = [];
      const names = test.featureNames;
      const idx = subsample(test.n, 4000);
      // one feature: the regression section's sigma-vs-feature plot already shows sigma_stat and sigma_syst vs x
      // several targets: one map each, named by the target's suffix (`bnn-relative-uncertainty-map-<target>`)
      const targets = predictionTargets(p, test.targetName);
      const suffixes = targets.length > 1 ? classSuffixes(targets.map((t) => t.name)).map((s) => `-${s}`) : [''];
      for (const [k, t] of (names.length >= 2 ? targets : []).entries()) {
        const [a, b] = [test.features[names[0]], test.features[names[1]]];
        const values = idx.map((i) => ({ a: a[i], b: b[i], rel: t.sigmaStat[i] / Math.max(Math.abs(t.mean[i]), 1e-12) }));
        plots.push({
          name: `bnn-relative-uncertainty-map${suffixes[k]}`, title: `sigma_stat / |${targets.length > 1 ? `mean ${t.name}` : 'mean'}| over (${names[0]}, ${names[1]})`,
          spec: {
            $schema: VEGA_LITE_SCHEMA, width: 360, height: 320, data: { values }, mark: 'rect',
            encoding: {
              x: { field: 'a', bin: { maxbins: 20 }, type: 'quantitative', title: names[0] },
              y: { field: 'b', bin: { maxbins: 20 }, type: 'quantitative', title: names[1] },
              color: { aggregate: 'median', field: 'rel', type: 'quantitative', title: 'relative sigma_stat' },
            },
          },
        });
      }
      const sample = ctx.artifacts.sample as GeneratedSample | undefined;
      if (String(ctx.metadata.method) === BNN_FLOW && sample?.weights?.length) plots.push(...sampleHistograms(sample));
      return plots;
    },
  };
}

/** Per feature: the generated histogram (mean over replicas) with +-1 sigma replica error bars. */
function sampleHistograms(sample: GeneratedSample, bins = 20): PlotSpec[] {
  const n = sample.data.n;
  return sample.data.featureNames.map((name) => {
    const x = sample.data.features[name];
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of x) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const width = (hi - lo) / bins || 1;
    const h = sample.weights.map(() => new Float64Array(bins));
    for (let i = 0; i < n; i++) {
      const k = Math.min(bins - 1, Math.floor((x[i] - lo) / width));
      sample.weights.forEach((w, r) => (h[r][k] += w[i] / (n * width)));
    }
    const values = [...Array(bins).keys()].map((k) => {
      const m = h.reduce((s, r) => s + r[k], 0) / h.length;
      const s = Math.sqrt(h.reduce((t, r) => t + (r[k] - m) ** 2, 0) / h.length);
      return { x: lo + (k + 0.5) * width, density: m, lo: m - s, hi: m + s };
    });
    return {
      name: `bnn-flow-${name}`, title: `generated ${name}: density with replica error bars`,
      spec: {
        $schema: VEGA_LITE_SCHEMA, width: 360, height: 240, data: { values },
        layer: [
          { mark: 'errorbar', encoding: { x: { field: 'x', type: 'quantitative', title: name }, y: { field: 'lo', type: 'quantitative', title: 'density' }, y2: { field: 'hi' } } },
          { mark: { type: 'point', filled: true }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'density', type: 'quantitative' } } },
        ],
      },
    };
  });
}
