import type { Rng } from '@hepuq/core';
import { solveProngScale } from './jet-prong-scale.js';
import { exponential, fragmentProng, JETS_SHOWER, type JetParticles, type ShowerShape } from './jet-shower.js';

/** What the prong layouts need of the `jets` options. */
export interface ProngShape extends ShowerShape {
  topMass: number;
}

/** Gamma(2, 1) as the sum of two Exponential(1): three of them, normalised, are Dirichlet(2, 2, 2) shares. */
const gamma2 = (rng: Rng): number => exponential(rng) + exponential(rng);

/**
 * Top: three prongs with shares ~ Dirichlet(2, 2, 2) at unit-scale directions uniform in the unit disc,
 * centred on their pT centroid; the scale then makes the whole jet's exact mass topMass (1 + N(0, smear²)).
 * False when that mass is out of reach or a prong axis would lie beyond reach · radius (the caller redraws).
 * @example if (!addTopProngs(jet, 520, shape, 0.05, rng)) continue; // redraw the whole jet
 */
export function addTopProngs(jet: JetParticles, hardPt: number, o: ProngShape, smear: number, rng: Rng): boolean {
  const x = [gamma2(rng), gamma2(rng), gamma2(rng)];
  const norm = x[0] + x[1] + x[2];
  const dirs = x.map(() => {
    const [r, a] = [Math.sqrt(rng.uniform()), 2 * Math.PI * rng.uniform()];
    return [r * Math.cos(a), r * Math.sin(a)];
  });
  const c = [0, 1].map((d) => (x[0] * dirs[0][d] + x[1] * dirs[1][d] + x[2] * dirs[2][d]) / norm);
  let reach = 0;
  for (let k = 0; k < 3; k++) {
    const [ax, ay] = [dirs[k][0] - c[0], dirs[k][1] - c[1]];
    fragmentProng(jet, (hardPt * x[k]) / norm, ax, ay, o, rng);
    reach = Math.max(reach, Math.hypot(ax, ay));
  }
  const target = o.topMass * (1 + rng.normal(0, smear));
  jet.scale = target > 0 ? solveProngScale(jet, target) : NaN;
  return jet.scale * reach <= JETS_SHOWER.reach * o.radius; // false for NaN: the mass was out of reach
}

/**
 * QCD splitting: softer share x ~ U(0.1, 0.5), pair mass m ~ log-uniform, prong axes ΔR = m / (pT √(x(1 − x)))
 * apart (small angle), both centred on their pT centroid at a uniform azimuth. False, before fragmenting, when
 * the farther prong axis would lie beyond reach · radius (the caller redraws).
 * @example if (!addQcdProngs(jet, 520, shape, rng)) continue; // redraw the whole jet
 */
export function addQcdProngs(jet: JetParticles, hardPt: number, o: ProngShape, rng: Rng): boolean {
  const [xLo, xHi] = JETS_SHOWER.splitShare;
  const [mLo, mHi] = JETS_SHOWER.splitMass;
  const x = xLo + (xHi - xLo) * rng.uniform();
  const m = o.topMass * mLo * (mHi / mLo) ** rng.uniform();
  jet.scale = m / (hardPt * Math.sqrt(x * (1 - x)));
  if ((1 - x) * jet.scale > JETS_SHOWER.reach * o.radius) return false;
  const a = 2 * Math.PI * rng.uniform();
  const [ux, uy] = [Math.cos(a), Math.sin(a)];
  fragmentProng(jet, hardPt * (1 - x), x * ux, x * uy, o, rng);
  fragmentProng(jet, hardPt * x, -(1 - x) * ux, -(1 - x) * uy, o, rng);
  return true;
}
