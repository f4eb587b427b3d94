import type { Rng } from '@hepuq/core';

/** Shower constants of the `jets` toy: angles in ΔR units, shares of the jet (or prong) pT. */
export const JETS_SHOWER = {
  /** Mean pT share of one soft wide-angle particle (exponential), of the jet pT. */
  softShare: 0.005,
  /** A fragment carrying share z of its prong sits N(0, σ²) off the prong axis in η and in φ, σ = min(spread / √z, maxSpread). */
  spread: 0.02,
  maxSpread: 0.1,
  /** Prong axes lie within reach · radius of the jet axis; configurations reaching further are redrawn. */
  reach: 0.8,
  /** pT share of the softer prong of a QCD splitting: U(lo, hi). */
  splitShare: [0.1, 0.5],
  /** Pair mass of a QCD splitting: log-uniform on [lo, hi] · topMass (20–300 GeV for topMass 175). */
  splitMass: [20 / 175, 300 / 175],
} as const;

/** What the shower needs of the toy options. */
export interface ShowerShape {
  particlesPerProng: number;
  softParticles: number;
  radius: number;
}

/**
 * One jet's particles in the jet frame, reused across events: particle i sits at
 * (η, φ) = scale · (ax, ay) + (bx, by) — (ax, ay) the unit-scale direction of its prong (0 for soft
 * particles), (bx, by) its offset from the prong axis (or its place in the disc) — with pT in GeV.
 * @example const jet = new JetParticles(); jet.push(100, 0.3, 0, 0.01, -0.02); jet.scale = 1.2; jet.eta(0) // 0.37
 */
export class JetParticles {
  n = 0;
  scale = 1;
  pt = new Float64Array(64);
  ax = new Float64Array(64);
  ay = new Float64Array(64);
  bx = new Float64Array(64);
  by = new Float64Array(64);

  reset(): void {
    this.n = 0;
    this.scale = 1;
  }

  push(pt: number, ax: number, ay: number, bx: number, by: number): void {
    if (this.n === this.pt.length) this.grow();
    const i = this.n++;
    this.pt[i] = pt;
    this.ax[i] = ax;
    this.ay[i] = ay;
    this.bx[i] = bx;
    this.by[i] = by;
  }

  eta(i: number, scale = this.scale): number {
    return scale * this.ax[i] + this.bx[i];
  }

  phi(i: number, scale = this.scale): number {
    return scale * this.ay[i] + this.by[i];
  }

  private grow(): void {
    for (const k of ['pt', 'ax', 'ay', 'bx', 'by'] as const) {
      const next = new Float64Array(2 * this.pt.length);
      next.set(this[k]);
      this[k] = next;
    }
  }
}

/**
 * Exponential(1) draw, −ln U with U = (k + ½) / 2^32 in (0, 1): never 0 or infinite.
 * @example const share = exponential(rng) / total;
 */
export const exponential = (rng: Rng): number => -Math.log((rng.nextUint32() + 0.5) / 4294967296);

/**
 * Poisson(softParticles) soft particles, pT = ptJet · Exp(mean softShare), uniform in the disc of `radius`
 * around the jet axis (underlying-event-like wide-angle radiation). Returns their summed pT.
 * @example const hardPt = ptJet - addSoftParticles(jet, ptJet, { particlesPerProng: 6, softParticles: 8, radius: 0.8 }, rng);
 */
export function addSoftParticles(jet: JetParticles, ptJet: number, o: ShowerShape, rng: Rng): number {
  const count = rng.poisson(o.softParticles);
  let total = 0;
  for (let j = 0; j < count; j++) {
    const pt = ptJet * JETS_SHOWER.softShare * exponential(rng);
    const r = o.radius * Math.sqrt(rng.uniform());
    const a = 2 * Math.PI * rng.uniform();
    jet.push(pt, 0, 0, r * Math.cos(a), r * Math.sin(a));
    total += pt;
  }
  return total;
}

/**
 * Fragment a prong of `pt` GeV along the unit-scale direction (ax, ay) into k = 1 + Poisson(particlesPerProng − 1)
 * particles with shares uniform on the simplex (normalised exponentials); harder fragments stay closer to the axis
 * (σ = min(spread / √z, maxSpread)), as collinear radiation does.
 * @example fragmentProng(jet, 300, 0.25, -0.1, shape, rng); // ~6 particles around the axis at 0.25 · scale, −0.1 · scale
 */
export function fragmentProng(jet: JetParticles, pt: number, ax: number, ay: number, o: ShowerShape, rng: Rng): void {
  const k = 1 + rng.poisson(o.particlesPerProng - 1);
  const start = jet.n;
  let total = 0;
  for (let j = 0; j < k; j++) {
    const e = exponential(rng);
    jet.push(e, ax, ay, 0, 0);
    total += e;
  }
  for (let i = start; i < jet.n; i++) {
    const z = jet.pt[i] / total;
    const sigma = Math.min(JETS_SHOWER.spread / Math.sqrt(z), JETS_SHOWER.maxSpread);
    jet.pt[i] = pt * z;
    jet.bx[i] = rng.normal(0, sigma);
    jet.by[i] = rng.normal(0, sigma);
  }
}
