import { HepuqError } from '../errors/hepuq-error.js';
import { dataRow } from './data-row.js';
import { kinematicName, type SetPreprocess } from './set-source.js';

/** Particles of n events as flat columns: event i holds entries [offsets[i], offsets[i + 1]). */
export interface RaggedParticles {
  offsets: Int32Array;
  columns: Readonly<Record<string, Float32Array>>;
}

/** Where a set's values come from, for error messages: the source, the set, the file row of entry 0. */
export interface SetWhere {
  source: string;
  name: string;
  rowOffset: number;
}

const TWO_PI = 2 * Math.PI;

/** An angle wrapped to (-pi, pi]. */
export function wrapPhi(x: number): number {
  const r = x - TWO_PI * Math.floor((x + Math.PI) / TWO_PI);
  return r === -Math.PI ? Math.PI : r;
}

function particleAt(where: SetWhere, offsets: Int32Array, i: number, k: number): string {
  return `${where.source}: particle set "${where.name}" ${dataRow(where.rowOffset + i)}, particle ${k - offsets[i] + 1}`;
}

/**
 * Per-particle pt = sqrt(px^2 + py^2), pseudorapidity eta = asinh(pz / pt), phi = atan2(py, px) in
 * (-pi, pi], and e, from four-momentum columns; then, per event (the "jet": every particle read, before
 * truncation to the set's size), pT_J = sum pt_i, E_J = sum e_i and the pT-weighted axis
 * eta_J = sum pt_i eta_i / pT_J, phi_J = phi_ref + sum pt_i wrap(phi_i - phi_ref) / pT_J with
 * phi_ref = atan2(sum py_i, sum px_i) (so the mean never straddles the +-pi cut);
 * `center`: deta = eta - eta_J, dphi = wrap(phi - phi_J); `relativePt`: rel_pt = pt / pT_J,
 * rel_e = e / E_J; `log`: ln of the named features (> 0 required). Other columns pass through.
 * A particle with pt = 0 has no pseudorapidity and is an `InvalidArgument` error (mark it as padding).
 * @example preprocessParticles({ offsets, columns: { e, px, py, pz } }, SetPreprocess.parse({ center: true }), ['pt', 'deta', 'dphi', 'e'], where)
 */
export function preprocessParticles(raw: RaggedParticles, p: SetPreprocess, outputs: readonly string[], where: SetWhere): RaggedParticles {
  const { offsets } = raw;
  const fm = p.fourMomentum;
  const [E, PX, PY, PZ] = [fm.e, fm.px, fm.py, fm.pz].map((f) => raw.columns[f]);
  const total = E.length;
  const pt = new Float64Array(total);
  const eta = new Float64Array(total);
  const phi = new Float64Array(total);
  const e = Float64Array.from(E);
  for (let k = 0; k < total; k++) {
    pt[k] = Math.hypot(PX[k], PY[k]);
    phi[k] = wrapPhi(Math.atan2(PY[k], PX[k]));
    eta[k] = Math.asinh(PZ[k] / pt[k]);
  }
  const n = offsets.length - 1;
  for (let i = 0; i < n; i++) {
    const lo = offsets[i];
    const hi = offsets[i + 1];
    if (lo === hi) continue;
    for (let k = lo; k < hi; k++) {
      if (!(pt[k] > 0)) {
        throw new HepuqError('InvalidArgument', `${particleAt(where, offsets, i, k)} has pt = 0 (px = py = 0): its pseudorapidity is undefined`, {
          hint: 'A particle along the beam cannot be placed in (eta, phi); if these slots mean "no particle", declare them with `padding`.',
        });
      }
    }
    let sumPt = 0;
    let sumE = 0;
    let sumPx = 0;
    let sumPy = 0;
    for (let k = lo; k < hi; k++) {
      sumPt += pt[k];
      sumE += e[k];
      sumPx += PX[k];
      sumPy += PY[k];
    }
    if (p.center) {
      const ref = Math.atan2(sumPy, sumPx);
      let etaJ = 0;
      let dphiJ = 0;
      for (let k = lo; k < hi; k++) {
        etaJ += pt[k] * eta[k];
        dphiJ += pt[k] * wrapPhi(phi[k] - ref);
      }
      etaJ /= sumPt;
      const phiJ = ref + dphiJ / sumPt;
      for (let k = lo; k < hi; k++) {
        eta[k] -= etaJ;
        phi[k] = wrapPhi(phi[k] - phiJ);
      }
    }
    if (p.relativePt) {
      if (!(sumE > 0)) throw new HepuqError('InvalidArgument', `${where.source}: particle set "${where.name}" ${dataRow(where.rowOffset + i)}: the particles' energies sum to ${sumE}; e / E_jet is undefined`);
      for (let k = lo; k < hi; k++) {
        pt[k] /= sumPt;
        e[k] /= sumE;
      }
    }
  }
  const derived: Record<string, Float64Array> = { pt, eta, phi, e };
  for (const base of p.log) {
    const v = derived[base];
    for (let i = 0; i < n; i++) {
      for (let k = offsets[i]; k < offsets[i + 1]; k++) {
        if (!(v[k] > 0)) {
          throw new HepuqError('InvalidArgument', `${particleAt(where, offsets, i, k)}: log of "${kinematicName(base, { ...p, log: [] })}" needs a value > 0, got ${v[k]}`, {
            hint: 'Take the log only of positive features (pt, e of real particles); check the padding rule if zeros are empty slots.',
          });
        }
        v[k] = Math.log(v[k]);
      }
    }
  }
  const columns: Record<string, Float32Array> = {};
  for (const base of ['pt', 'eta', 'phi', 'e'] as const) columns[kinematicName(base, p)] = Float32Array.from(derived[base]);
  for (const f of outputs) if (!(f in columns)) columns[f] = raw.columns[f];
  return { offsets, columns };
}
