import { describe, expect, it } from 'vitest';
import { Rng, type Dataset } from '@hepuq/core';
import { aucFromRanked, rankEvents } from '@hepuq/stats';
import { jetObservables, MomentumSum } from './jet-kinematics.js';
import { jetsToy } from './jets.toy.js';
import { ofClass, sameArray, thrown } from './spec-helpers.js';

const median = (v: Float64Array): number => {
  const s = Float64Array.from(v).sort();
  return s.length % 2 ? s[(s.length - 1) / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
};
const share = (v: ArrayLike<number>, keep: (x: number) => boolean): number => Array.from(v).filter(keep).length / v.length;
const massAuc = (ds: Dataset): number => aucFromRanked(rankEvents(ds.features.mass, ds.label!, new Float32Array(ds.n).fill(1)));
const ofProngs = (ds: Dataset, k: number, col: Float32Array): Float64Array =>
  Float64Array.from(Array.from(col).filter((_, i) => ds.extras.true_prongs[i] === k));

describe('jets', () => {
  const ds = jetsToy.generate(2000, {}, new Rng(5)); // ~26 particles per jet: none reaches 64 (checked below)
  const set = ds.sets.constituents;
  const [z, eta, phi] = ['pt', 'eta', 'phi'].map((f) => set.feature(f));

  it('stores a padded, pT-ordered constituent set beside the jet features', () => {
    expect([set.n, set.size, set.features]).toEqual([2000, 64, ['pt', 'eta', 'phi']]);
    expect([set.truncatedEvents, set.droppedParticles]).toEqual([0, 0]);
    expect(Object.keys(ds.features)).toEqual(['mass', 'pt', 'n_const', 'width']);
    expect(ds.units).toMatchObject({ mass: 'GeV', pt: 'GeV' });
    const counts = set.counts();
    const bad = { nConst: 0, mask: 0, padding: 0, order: 0 };
    for (let i = 0; i < ds.n; i++) {
      if (ds.features.n_const[i] !== counts[i]) bad.nConst++;
      for (let p = 0; p < set.size; p++) {
        const k = i * set.size + p;
        if (set.mask[k] !== (p < counts[i] ? 1 : 0)) bad.mask++;
        if (p >= counts[i] && (z[k] !== 0 || eta[k] !== 0 || phi[k] !== 0)) bad.padding++;
        if (p > 0 && p < counts[i] && z[k] > z[k - 1]) bad.order++;
      }
    }
    expect(bad).toEqual({ nConst: 0, mask: 0, padding: 0, order: 0 });
    expect(ds.extras.true_prongs.every((k, i) => (k === 3) === (ds.label![i] === 1) && k >= 1 && k <= 3)).toBe(true);
  });

  it('gives pT fractions in (0, 1] that sum to 1 and angles relative to the jet axis', () => {
    let [outside, worstSum, worstCentroid, widest] = [0, 0, 0, 0];
    for (let i = 0; i < ds.n; i++) {
      let [total, etaBar, phiBar] = [0, 0, 0];
      for (let p = 0; p < ds.features.n_const[i]; p++) {
        const k = i * set.size + p;
        if (!(z[k] > 0 && z[k] <= 1 && Math.abs(phi[k]) <= Math.PI)) outside++;
        widest = Math.max(widest, Math.hypot(eta[k], phi[k]));
        total += z[k];
        etaBar += z[k] * eta[k];
        phiBar += z[k] * phi[k];
      }
      worstSum = Math.max(worstSum, Math.abs(total - 1));
      worstCentroid = Math.max(worstCentroid, Math.abs(etaBar), Math.abs(phiBar));
    }
    expect(outside).toBe(0);
    // float32 fractions and angles of ~30 particles: rounding ~1e-7; allow 1e-5
    expect(worstSum).toBeLessThan(1e-5);
    expect(worstCentroid, 'centred on the pT-weighted centroid').toBeLessThan(1e-5);
    // soft particles fill the disc R = 0.8 around the prongs' centroid; the pT centroid moves by << 0.2
    expect(widest).toBeLessThan(1.2);
    expect(ds.extras.jet_eta.every((y) => Math.abs(y) < 1.1) && ds.extras.jet_phi.every((f) => Math.abs(f) <= Math.PI)).toBe(true);
  });

  it('computes the features from the stored constituents, which rebuild the lab-frame jet', () => {
    expect(sameArray(jetObservables(set, ds.extras.jet_pt_sum).mass, ds.features.mass)).toBe(true);
    const sum = new MomentumSum();
    let worst = 0;
    for (let i = 0; i < ds.n; i += 7) {
      sum.reset();
      let girth = 0;
      for (let p = 0; p < ds.features.n_const[i]; p++) {
        const k = i * set.size + p;
        sum.add(z[k] * ds.extras.jet_pt_sum[i], eta[k] + ds.extras.jet_eta[i], phi[k] + ds.extras.jet_phi[i]);
        girth += z[k] * Math.hypot(eta[k], phi[k]);
      }
      const [m, pt, w] = [ds.features.mass[i], ds.features.pt[i], ds.features.width[i]];
      worst = Math.max(worst, Math.abs(sum.mass() / m - 1), Math.abs(sum.pt() / pt - 1), Math.abs(girth / w - 1));
    }
    // float32 constituents and features: measured worst 6e-8 (float32 rounding); allow 1e-4 for other platforms' libm
    expect(worst).toBeLessThan(1e-4);
  });

  it('is reproducible for a seed', () => {
    const [a, b, c] = [new Rng(9), new Rng(9), new Rng(10)].map((rng) => jetsToy.generate(200, {}, rng));
    expect(sameArray(a.sets.constituents.values, b.sets.constituents.values)).toBe(true);
    expect(sameArray(a.sets.constituents.mask, b.sets.constituents.mask)).toBe(true);
    expect(sameArray(a.features.mass, b.features.mass)).toBe(true);
    expect(sameArray(a.features.mass, c.features.mass)).toBe(false);
  });

  it('label: prongs gives three classes (prongs - 1) on the same events as the binary label', () => {
    const [binary, three] = [jetsToy.generate(300, {}, new Rng(11)), jetsToy.generate(300, { label: 'prongs' }, new Rng(11))];
    expect(sameArray(three.features.mass, binary.features.mass)).toBe(true);
    expect(sameArray(three.label!, Float32Array.from(binary.extras.true_prongs, (p) => p - 1))).toBe(true);
    // top (label 2) exactly where the binary label is 1; all three classes occur
    three.label!.forEach((y, i) => expect(y === 2).toBe(binary.label![i] === 1));
    expect(new Set(three.label!)).toEqual(new Set([0, 1, 2]));
  });

  it('peaks the signal mass at topMass and keeps most background light', () => {
    const d0 = jetsToy.generate(4000, { difficulty: 0, size: 256 }, new Rng(11));
    // signal mass = 175 (1 + N(0, 0.05^2)) exactly before truncation: ~2000 jets, median standard error
    // 1.25 x 8.75 GeV / sqrt(2000) = 0.25 GeV (0.14%); redrawing uncontained tops lowers it by ~0.2%; allow 2%
    expect(Math.abs(median(ofClass(d0.label!, d0.features.mass, 1)) / 175 - 1)).toBeLessThan(0.02);
    // the whole signal peak lies within 5 sigma (probability ~1e-3 in 2000 jets of a wrong failure)
    expect(ofClass(d0.label!, d0.features.mass, 1).every((m) => Math.abs(m / 175 - 1) < 0.25)).toBe(true);
    // one-prong jets: fragments (~35 GeV) and soft particles (~60 GeV) give a median ~67 GeV; allow < 90
    expect(median(ofProngs(d0, 1, d0.features.mass))).toBeLessThan(90);
    // 80% one-prong plus light splittings: measured 0.94 below 0.75 topMass (binomial se 0.005); require 0.88
    expect(share(ofClass(d0.label!, d0.features.mass, 0), (m) => m < 0.75 * 175)).toBeGreaterThan(0.88);
  });

  it('makes mass alone a worse discriminant and splittings more frequent as difficulty grows', () => {
    const [easy, hard] = [0, 1].map((difficulty) => jetsToy.generate(4000, { difficulty }, new Rng(12)));
    // ~2000 background jets: P(two-prong) 0.2 and 0.8 have binomial se 0.009; allow 0.04
    expect(Math.abs(share(ofClass(easy.label!, easy.extras.true_prongs, 0), (k) => k === 2) - 0.2)).toBeLessThan(0.04);
    expect(Math.abs(share(ofClass(hard.label!, hard.extras.true_prongs, 0), (k) => k === 2) - 0.8)).toBeLessThan(0.04);
    // measured on 2e4 jets: AUC(mass) 0.971 at d = 0, 0.858 at d = 1; the AUC standard error at 2000 + 2000
    // jets is < 0.007, so a margin of 0.05 is > 5 sigma
    const [a0, a1] = [massAuc(easy), massAuc(hard)];
    expect(a0).toBeGreaterThan(0.94);
    expect(a0 - a1).toBeGreaterThan(0.05);
  });

  it('truncates to the hardest `size` constituents and reports the excess', () => {
    const [full, cut] = [1024, 5].map((size) => jetsToy.generate(500, { size }, new Rng(13)));
    const counts = full.sets.constituents.counts();
    const excess = Array.from(counts, (c) => Math.max(0, c - 5));
    const s = cut.sets.constituents;
    expect(s.truncatedEvents).toBe(excess.filter((e) => e > 0).length);
    expect(s.truncatedEvents).toBeGreaterThan(0);
    expect(s.droppedParticles).toBe(excess.reduce((a, b) => a + b, 0));
    expect(cut.features.n_const.every((c, i) => c === Math.min(5, counts[i]))).toBe(true);
    // the kept particles are the five hardest of the full jet, so their fractions sum below 1
    for (let i = 0; i < 500; i++) {
      const kept = Array.from(s.values.subarray(i * 15, i * 15 + 15));
      const hardest = Array.from(full.sets.constituents.values.subarray(i * 1024 * 3, i * 1024 * 3 + 15));
      expect(kept).toEqual(hardest);
    }
    // jets with at most five particles lose nothing: same features
    expect(Array.from(counts).every((c, i) => c > 5 || (cut.features.mass[i] === full.features.mass[i] && cut.features.width[i] === full.features.width[i]))).toBe(true);
  });

  it('rejects bad options with InvalidConfig naming the option', () => {
    for (const [options, field] of [
      [{ difficulty: 2 }, 'difficulty'], [{ size: 0 }, 'size'], [{ size: 2.5 }, 'size'], [{ jetRadius: 1 }, 'jetRadius'],
      [{ ptMin: 700 }, 'ptMax'], [{ particlesPerProng: 0.5 }, 'particlesPerProng'],
    ] as const) {
      const e = thrown(() => jetsToy.generate(10, options as never, new Rng(1)));
      expect(e.code).toBe('InvalidConfig');
      expect(e.message).toContain(field);
    }
    // a top of 175 GeV at pT 500 GeV needs prongs ~0.35 apart from the axis: it cannot fit in R = 0.2
    const e = thrown(() => jetsToy.generate(10, { radius: 0.2 }, new Rng(1)));
    expect([e.code, e.message.includes('radius')]).toEqual(['InvalidConfig', true]);
  });
});

describe('MomentumSum', () => {
  it('sums massless four-vectors: m^2 = 2 pT1 pT2 (cosh d_eta - cos d_phi)', () => {
    const s = new MomentumSum();
    s.add(100, 0.5, 3);
    s.add(50, -0.2, -3); // across the phi = pi boundary: d_phi = 2 pi - 6
    expect(s.mass2()).toBeCloseTo(2 * 100 * 50 * (Math.cosh(0.7) - Math.cos(6)), 8);
    expect(s.pt()).toBeCloseTo(Math.hypot(100 * Math.cos(3) + 50 * Math.cos(-3), 100 * Math.sin(3) + 50 * Math.sin(-3)), 10);
    expect(Math.abs(s.phi())).toBeGreaterThan(3); // the sum points near phi = pi, not near 0
  });
});
