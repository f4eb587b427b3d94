import { describe, expect, it } from 'vitest';
import { conventionOptions, JETNET } from './jetnet-conventions.js';

describe('conventionOptions', () => {
  it('brings JetNet\'s FPD and KPD defaults with normalise: jetnet (gen_metrics.py: fpd 20k..50k, 10 points x 20 batches; kpd degree 4, 10 batches)', () => {
    expect(JETNET).toEqual({ kpd: { degree: 4, batches: 10, batchSize: 5000 }, fpd: { minSamples: 20000, maxSamples: 50000, batches: 20, points: 10 } });
    expect(conventionOptions('jetnet', 80_000, 60_000, {})).toEqual({
      fpd: { minSamples: 20000, maxSamples: 50000, batches: 20, points: 10 },
      kpd: { degree: 4, batches: 10 },
    });
  });

  it('shrinks the FPD range to 0.4 n .. n below 50k events in the smaller sample', () => {
    expect(conventionOptions('jetnet', 30_000, 40_000, {}).fpd).toMatchObject({ minSamples: 12000, maxSamples: 30000 });
  });

  it('lets every option the user set win, key by key; a user range end keeps hepuq\'s default for the other end', () => {
    const r = conventionOptions('jetnet', 60_000, 60_000, { kpd: { degree: 3, batchSize: 1000, seed: 7 }, fpd: { maxSamples: 30000, bootstrap: 0, minSamples: undefined } });
    expect(r.kpd).toEqual({ degree: 3, batches: 10, batchSize: 1000, seed: 7 });
    expect(r.fpd).toEqual({ maxSamples: 30000, bootstrap: 0, batches: 20, points: 10 });
  });

  it('brings nothing for the other modes', () => {
    expect(conventionOptions('reference', 100, 100, { kpd: { batches: 4 } })).toEqual({ fpd: {}, kpd: { batches: 4 } });
    expect(conventionOptions('none', 100, 100, {})).toEqual({ fpd: {}, kpd: {} });
  });
});
