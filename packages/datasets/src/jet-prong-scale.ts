import { MomentumSum } from './jet-kinematics.js';
import type { JetParticles } from './jet-shower.js';

/**
 * Small-angle m²(s) = Σ_{i<j} pT_i pT_j |x_i(s) − x_j(s)|² = W Σ w|x|² − |Σ w x|² (w = pT, W = Σ w) for
 * x_i(s) = s a_i + b_i: the quadratic a2 s² + a1 s + a0 in the prong scale s.
 */
function smallAngleMass2(jet: JetParticles): [number, number, number] {
  let [w, waa, wab, wbb, ax, ay, bx, by] = [0, 0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < jet.n; i++) {
    const p = jet.pt[i];
    const [a1, a2, b1, b2] = [jet.ax[i], jet.ay[i], jet.bx[i], jet.by[i]];
    w += p;
    waa += p * (a1 * a1 + a2 * a2);
    wab += p * (a1 * b1 + a2 * b2);
    wbb += p * (b1 * b1 + b2 * b2);
    ax += p * a1;
    ay += p * a2;
    bx += p * b1;
    by += p * b2;
  }
  return [w * waa - ax * ax - ay * ay, 2 * (w * wab - ax * bx - ay * by), w * wbb - bx * bx - by * by];
}

/** The positive root of a2 s² + a1 s + c = 0 (a2 > 0), or NaN when there is none. */
function positiveRoot(a2: number, a1: number, c: number): number {
  const disc = a1 * a1 - 4 * a2 * c;
  if (!(disc >= 0 && a2 > 0)) return NaN;
  const s = (-a1 + Math.sqrt(disc)) / (2 * a2);
  return s > 0 ? s : NaN;
}

/** Exact invariant mass² of the jet's massless particles at prong scale s. */
function exactMass2(jet: JetParticles, s: number, sum: MomentumSum): number {
  sum.reset();
  for (let i = 0; i < jet.n; i++) sum.add(jet.pt[i], jet.eta(i, s), jet.phi(i, s));
  return sum.mass2();
}

/**
 * The prong scale s at which the whole jet (all particles, massless four-vectors, exact) has mass `target`, or
 * NaN when no s > 0 reaches it (the fragments and soft particles alone are heavier). Starts from the small-angle
 * quadratic, corrects it once by δ = m²_exact − m²_small (O(ΔR⁴), slowly varying in s), then refines by secant
 * steps on m²_exact(s) − target² until it is within 1e-9 target² (at most 6 exact evaluations).
 * @example jet.scale = solveProngScale(jet, 175); // then the jet's mass is 175 GeV
 */
export function solveProngScale(jet: JetParticles, target: number): number {
  const [a2, a1, a0] = smallAngleMass2(jet);
  const t2 = target * target;
  const sum = new MomentumSum();
  let s0 = positiveRoot(a2, a1, a0 - t2);
  if (Number.isNaN(s0)) return s0;
  let f0 = exactMass2(jet, s0, sum) - t2;
  const delta = f0 + t2 - (a2 * s0 * s0 + a1 * s0 + a0);
  let s1 = positiveRoot(a2, a1, a0 + delta - t2);
  for (let iter = 0; iter < 5 && s1 > 0; iter++) {
    const f1 = exactMass2(jet, s1, sum) - t2;
    if (Math.abs(f1) <= 1e-9 * t2 || f1 === f0) return s1;
    [s0, f0, s1] = [s1, f1, s1 - (f1 * (s1 - s0)) / (f1 - f0)];
  }
  return s1 > 0 ? s1 : NaN;
}
