import type { ParticleSet } from '@hepuq/core';

/**
 * Running sum of massless four-vectors given as (pT, η, φ): p = pT (cos φ, sin φ, sinh η), E = pT cosh η.
 * Mass and pT follow from the sum.
 * @example const s = new MomentumSum(); s.add(100, 0, 0); s.add(100, 0, 0.2); s.mass() // ≈ 19.97 GeV
 */
export class MomentumSum {
  px = 0;
  py = 0;
  pz = 0;
  e = 0;

  reset(): this {
    this.px = this.py = this.pz = this.e = 0;
    return this;
  }

  add(pt: number, eta: number, phi: number): void {
    const x = Math.exp(eta); // pT sinh η and pT cosh η from one exp
    const h = 0.5 * pt * x;
    const l = (0.5 * pt) / x;
    this.px += pt * Math.cos(phi);
    this.py += pt * Math.sin(phi);
    this.pz += h - l;
    this.e += h + l;
  }

  /** m^2 = E^2 − |p|^2 (≥ 0 up to rounding). */
  mass2(): number {
    return this.e * this.e - this.px * this.px - this.py * this.py - this.pz * this.pz;
  }

  mass(): number {
    return Math.sqrt(Math.max(0, this.mass2()));
  }

  pt(): number {
    return Math.hypot(this.px, this.py);
  }

    phi(): number {
    return Math.atan2(this.py, this.px);
  }
}

/** The high-level jet features of the `jets` toy, one entry per event. */
export interface JetObservables {
  /** Invariant mass of the kept constituents (GeV). */
  mass: Float32Array;
  /** pT of their vector sum (GeV). */
  pt: Float32Array;
  /** Number of kept constituents. */
  n_const: Float32Array;
  /** Girth Σ z_i ΔR_i over the kept constituents, ΔR_i = √(Δη_i² + Δφ_i²) from the jet axis. */
  width: Float32Array;
}

/**
 * Jet features of the constituents a set keeps (features `pt` = z_i, `eta`, `phi` relative to the jet axis),
 * with pT_i = z_i · ptSum[event]. Mass and vector pT are invariant under longitudinal boosts and rotations
 * in φ, so the relative coordinates give the lab values; computing them from the stored (float32) set means
 * a network on the set and one on these features see the same particles.
 * @example const hl = jetObservables(ds.sets.constituents, ds.extras.jet_pt_sum); hl.mass[0] // GeV
 */
export function jetObservables(set: ParticleSet, ptSum: ArrayLike<number>): JetObservables {
  const [iz, ie, ip] = ['pt', 'eta', 'phi'].map((f) => set.features.indexOf(f));
  const { n, size: P, width: F, values, mask } = set;
  const out = { mass: new Float32Array(n), pt: new Float32Array(n), n_const: new Float32Array(n), width: new Float32Array(n) };
  const sum = new MomentumSum();
  for (let i = 0; i < n; i++) {
    sum.reset();
    let count = 0;
    let girth = 0;
    for (let p = 0; p < P; p++) {
      if (!mask[i * P + p]) continue;
      const k = (i * P + p) * F;
      const z = values[k + iz];
      const eta = values[k + ie];
      const phi = values[k + ip];
      sum.add(z * ptSum[i], eta, phi);
      girth += z * Math.hypot(eta, phi);
      count++;
    }
    out.mass[i] = sum.mass();
    out.pt[i] = sum.pt();
    out.n_const[i] = count;
    out.width[i] = girth;
  }
  return out;
}
