import { describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import { fillPoisson1 } from '../../bootstrap/poisson-bootstrap.js';
import { aucFromRanked, rankEvents, type RankedEvents } from './ranked-events.js';

/** The AUC as a sum over every tie group, one-event groups included (the form before the fast path). */
function groupSum({ wPos, wNeg, groups }: RankedEvents, k?: Uint8Array): number {
  let negBelow = 0;
  let area = 0;
  let totPos = 0;
  for (let g = 0; g + 1 < groups.length; g++) {
    let p = 0;
    let q = 0;
    for (let j = groups[g]; j < groups[g + 1]; j++) {
      const m = k ? k[j] : 1;
      p += wPos[j] * m;
      q += wNeg[j] * m;
    }
    area += p * (negBelow + 0.5 * q);
    negBelow += q;
    totPos += p;
  }
  return area / (totPos * negBelow);
}

describe('aucFromRanked', () => {
  it('gives the bits of the plain group sum, with ties, negative weights and bootstrap multiplicities', () => {
    const rng = new Rng(21);
    const n = 20_000;
    // a quarter of the scores on a 1/64 grid: groups of many events among the singletons
    const prob = Float32Array.from({ length: n }, () => (rng.uniform() < 0.25 ? Math.round(rng.uniform() * 64) / 64 : rng.uniform()));
    const label = Float32Array.from(prob, (p) => (rng.uniform() < p ? 1 : 0));
    const w = Float32Array.from({ length: n }, () => (rng.uniform() < 0.1 ? -0.5 : 0.5 + rng.uniform()));
    const ranked = rankEvents(prob, label, w);
    expect(ranked.groups.length - 1).toBeLessThan(n);
    expect(Object.is(aucFromRanked(ranked), groupSum(ranked))).toBe(true);
    const k = new Uint8Array(n);
    for (let b = 0; b < 5; b++) {
      fillPoisson1(rng, k);
      expect(Object.is(aucFromRanked(ranked, k), groupSum(ranked, k))).toBe(true);
    }
  });
});
