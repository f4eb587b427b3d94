import { HepuqError } from '@hepuq/core';
import type { ProcessRow } from '../tables/process-row.js';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { classifyFinalState } from './final-state.js';

/** The per-particle QCD scale uncertainty <Δσ±/(n σ0)>_QCD (positive magnitudes) and its spread. */
export interface PerParticleAverage {
  up: number;
  /** Standard error of the mean over the reference processes. */
  upError: number;
  down: number;
  downError: number;
  /** Number of reference processes averaged. */
  processes: number;
}

/**
 * Per-particle QCD average <Δσ±/(n σ0)>_QCD = (1/N) Σ_i Δσ±_i/(n_i σ0_i) over QCD-only reference
 * processes — Ghosh et al., arXiv:2210.15167, Table 1 (+1.47e-1 / -9.34e-2).
 * @example qcdPerParticleAverage(readTable('qcd-reference.csv').rows).up // 0.147
 */
export function qcdPerParticleAverage(rows: readonly ProcessRow[]): PerParticleAverage {
  if (rows.length === 0) {
    throw new HepuqError('EmptyDataset', 'the QCD reference table has no rows', { plugin: PLUGIN_NAME });
  }
  const up = new Float64Array(rows.length);
  const down = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    const finalState = classifyFinalState(row.process);
    if (finalState.group !== 'qcd') {
      throw new HepuqError(
        'InvalidArgument',
        `${row.source} ("${row.process}"): reference processes must have only quarks, gluons or jets in the final state, found ${finalState.particles.join(' ')}`,
        { plugin: PLUGIN_NAME, hint: 'Remove electroweak processes from the reference table; the method averages QCD processes only.' },
      );
    }
    up[i] = row.relUp / row.nFinal;
    down[i] = row.relDown / row.nFinal;
  });
  const u = meanWithError(up);
  const d = meanWithError(down);
  return { up: u.mean, upError: u.error, down: d.mean, downError: d.error, processes: rows.length };
}

/**
 * Reference-process uncertainty Δσ±_ref/σ0 = n <Δσ±/(n σ0)>_QCD — Ghosh et al., arXiv:2210.15167.
 * @example referenceUncertainty(1, { up: 0.147, down: 0.0934, ... }) // { relUp: 0.147, relDown: 0.0934 }
 */
export function referenceUncertainty(nFinal: number, average: PerParticleAverage): { relUp: number; relDown: number } {
  return { relUp: nFinal * average.up, relDown: nFinal * average.down };
}

/** Mean and its standard error s/√N. */
function meanWithError(x: Float64Array): { mean: number; error: number } {
  let sum = 0;
  for (const v of x) sum += v;
  const mean = sum / x.length;
  let ss = 0;
  for (const v of x) ss += (v - mean) ** 2;
  const error = x.length > 1 ? Math.sqrt(ss / (x.length - 1) / x.length) : NaN;
  return { mean, error };
}
