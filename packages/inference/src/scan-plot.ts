import type { PlotSpec } from '@hepuq/core';
import type { ScanOutput } from './scan.procedure.js';

const CHI2_1_68 = 1;
const CHI2_1_95 = 3.841458820694124;

/**
 * Vega-Lite plot of a profile-likelihood scan: for 1-D, -2 ln lambda against the parameter with
 * dashed rules at the 68% and 95% CL thresholds (1 and 3.84); for 2-D, a heat map of -2 ln lambda.
 * @example ctx.writeReport(dir, { title: 'scan', metadata: {}, metrics: {}, plots: [scanPlot(out)] });
 */
export function scanPlot(scan: ScanOutput): PlotSpec {
  const [p1, p2] = scan.parameters;
  if (p2 !== undefined && scan.values2) {
    const grid = scan.delta_twice_nll as number[][];
    const values = scan.values.flatMap((x, i) => scan.values2!.map((y, j) => ({ x, y, delta: grid[i][j] })));
    return {
      name: `scan-${p1}-${p2}`,
      title: `Profile likelihood in (${p1}, ${p2})`,
      spec: {
        width: 420, height: 360,
        data: { values },
        mark: 'rect',
        encoding: {
          x: { field: 'x', type: 'ordinal', title: p1, axis: { format: '.3~g' } },
          y: { field: 'y', type: 'ordinal', title: p2, sort: 'descending', axis: { format: '.3~g' } },
          color: { field: 'delta', type: 'quantitative', title: '-2 Δln L', scale: { scheme: 'viridis', domainMax: 12, clamp: true } },
        },
      },
    };
  }
  const curve = scan.values.map((x, i) => ({ x, delta: (scan.delta_twice_nll as number[])[i] }));
  return {
    name: `scan-${p1}`,
    title: `Profile likelihood of ${p1}`,
    spec: {
      width: 480, height: 320,
      layer: [
        {
          data: { values: curve },
          mark: { type: 'line', point: { color: '#222222' }, color: '#222222' },
          encoding: {
            x: { field: 'x', type: 'quantitative', title: p1, scale: { nice: false } },
            y: { field: 'delta', type: 'quantitative', title: '-2 Δln L' },
          },
        },
        {
          data: { values: [{ level: CHI2_1_68, cl: '68% CL' }, { level: CHI2_1_95, cl: '95% CL' }] },
          mark: { type: 'rule', strokeDash: [4, 4] },
          encoding: {
            y: { field: 'level', type: 'quantitative' },
            color: { field: 'cl', type: 'nominal', title: null, scale: { domain: ['68% CL', '95% CL'], range: ['#1f77b4', '#d62728'] } },
          },
        },
      ],
    },
  };
}
