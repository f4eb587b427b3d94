import { describe, expect, it } from 'vitest';
import { readTable } from '../tables/parse-table.js';
import { SHIPPED_TABLES } from '../tables/shipped-tables.js';
import { parseTable } from '../tables/parse-table.js';
import { asymmetricPull } from './pull.js';
import { qcdPerParticleAverage, referenceUncertainty } from './reference-process.js';

describe('reference-process method', () => {
  it('gives the published QCD per-particle averages +1.47e-1 / -9.34e-2', async () => {
    const average = qcdPerParticleAverage((await readTable(SHIPPED_TABLES.qcdReference)).rows);
    expect(average.processes).toBe(11);
    // published to three significant digits: |x - 0.147| < 0.0005
    expect(Math.abs(average.up - 0.147)).toBeLessThan(5e-4);
    expect(Math.abs(average.down - 0.0934)).toBeLessThan(5e-5);
    // the spread of the 11 processes gives a standard error of a few 1e-3
    expect(average.upError).toBeGreaterThan(1e-3);
    expect(average.upError).toBeLessThan(1e-2);
  });

  it('turns the p p > h scale uncertainty 3.48e-1 with pull 3.02 into 1.47e-1 with pull 7.15', async () => {
    const average = qcdPerParticleAverage((await readTable(SHIPPED_TABLES.qcdReference)).rows);
    const ref = referenceUncertainty(1, average);
    expect(ref.relUp).toBeCloseTo(0.147, 3);
    const relShift = 3.02 * 0.348; // (σ_NLO - σ_LO)/σ_LO recovered from the published pull
    expect(asymmetricPull(relShift, 0.348, 0.348)).toBeCloseTo(3.02, 12);
    // published 7.15; inputs are rounded to 3 digits, so we allow 0.01
    expect(Math.abs(asymmetricPull(relShift, ref.relUp, ref.relDown) - 7.15)).toBeLessThan(0.01);
  });

  it('scales linearly with the number of final-state particles', () => {
    const average = { up: 0.1, upError: 0, down: 0.05, downError: 0, processes: 1 };
    expect(referenceUncertainty(3, average)).toEqual({ relUp: 0.30000000000000004, relDown: 0.15000000000000002 });
  });

  it('refuses electroweak processes in the reference table, naming the row', () => {
    const table = parseTable('madgraph_syntax,n_final,rel_scale_unc_up,rel_scale_unc_down\np p > j j,2,0.25,-0.19\np p > z j,2,0.19,-0.17\n', { name: 'ref.csv' });
    expect(() => qcdPerParticleAverage(table.rows)).toThrow(/ref.csv row 2 \(line 3\) \("p p > z j"\)/);
  });
});
