import type { Rng } from '@hepuq/core';
import { checkBinEdges } from './normal-bins.js';

/**
 * The falling QCD dijet mass law of the `dijet` toy: p(m) ∝ (1 - x)^p2 x^(-p3), x = m / sqrtS, on [mMin, mMax]
 * (GeV) — the three-parameter "dijet function" of the CMS/ATLAS resonance searches (e.g. CMS 1911.03947) at p4 = 0.
 */
export interface DijetSpectrum {
  sqrtS: number;
  p2: number;
  p3: number;
  mMin: number;
  mMax: number;
}

// 8-point Gauss-Legendre nodes and weights on [-1, 1] (Abramowitz & Stegun 25.4.30)
const GL_X = [-0.9602898564975363, -0.7966664774136267, -0.525532409916329, -0.1834346424956498,
  0.1834346424956498, 0.525532409916329, 0.7966664774136267, 0.9602898564975363];
const GL_W = [0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620,
  0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763];
/** Widest panel in ln m by default: 8-point GL on e^{(1-p3) t} (1 - e^t/sqrtS)^p2 over 0.05 is exact to rounding. */
const PANEL = 0.05;

/** The unnormalised density (1 - x)^p2 x^(-p3). */
function shape(m: number, s: DijetSpectrum): number {
  const x = m / s.sqrtS;
  return (1 - x) ** s.p2 * x ** -s.p3;
}

/** Quadrature of the unnormalised density: Σ w_j g(m_j) ≈ ∫_lo^hi shape(m) g(m) dm, composite GL in t = ln m. */
function rawQuadrature(lo: number, hi: number, s: DijetSpectrum, panel = PANEL): { m: Float64Array; w: Float64Array } {
  if (!(hi > lo)) return { m: new Float64Array(0), w: new Float64Array(0) };
  const t0 = Math.log(lo);
  const panels = Math.ceil((Math.log(hi) - t0) / panel);
  const h = (Math.log(hi) - t0) / panels;
  const m = new Float64Array(panels * GL_X.length);
  const w = new Float64Array(m.length);
  for (let p = 0, j = 0; p < panels; p++) {
    for (let k = 0; k < GL_X.length; k++, j++) {
      m[j] = Math.exp(t0 + h * (p + 0.5 + 0.5 * GL_X[k]));
      w[j] = 0.5 * h * GL_W[k] * m[j] * shape(m[j], s); // dm = m dt
    }
  }
  return { m, w };
}

const sum = (w: Float64Array): number => w.reduce((a, b) => a + b, 0);

let normCache: { key: string; z: number } | undefined;

/** Z = ∫_mMin^mMax (1 - x)^p2 x^(-p3) dm (the last spectrum's value is kept: densities are asked event by event). */
function normalisation(s: DijetSpectrum): number {
  const key = `${s.sqrtS},${s.p2},${s.p3},${s.mMin},${s.mMax}`;
  if (normCache?.key !== key) normCache = { key, z: sum(rawQuadrature(s.mMin, s.mMax, s).w) };
  return normCache.z;
}

/**
 * Nodes m_j and weights w_j with Σ w_j g(m_j) = ∫_lo^hi p(m) g(m) dm for the normalised background density p and
 * smooth g (composite 8-point Gauss-Legendre in ln m, panels ≤ `panel`); [lo, hi] is clipped to [mMin, mMax].
 * @example const { m, w } = dijetMassQuadrature(3300, 3700, DijetOptions.parse({})); // Σ w = P(3300 < m < 3700)
 */
export function dijetMassQuadrature(lo: number, hi: number, s: DijetSpectrum, panel = PANEL): { m: Float64Array; w: Float64Array } {
  const q = rawQuadrature(Math.max(lo, s.mMin), Math.min(hi, s.mMax), s, panel);
  const z = normalisation(s);
  for (let j = 0; j < q.w.length; j++) q.w[j] /= z;
  return q;
}

/**
 * Exact normalised background density p(m) = (1 - x)^p2 x^(-p3) / Z on [mMin, mMax] (per GeV), 0 outside.
 * @example dijetDensity(3000, DijetOptions.parse({})) // ≈ 1.58e-4
 */
export function dijetDensity(m: number, s: DijetSpectrum): number {
  return m < s.mMin || m > s.mMax ? 0 : shape(m, s) / normalisation(s);
}

/**
 * Exact expected background counts per bin, nBackground ∫_bin p(m) dm, for strictly increasing `edges` (outer
 * edges may be ±Infinity; the parts of bins outside [mMin, mMax] expect nothing).
 * @example dijetExpectedCounts([2000, 3000, 5000], 1e6, DijetOptions.parse({})) // ≈ [938104, 61896]
 */
export function dijetExpectedCounts(edges: ArrayLike<number>, nBackground: number, s: DijetSpectrum): Float64Array {
  checkBinEdges(edges, 'dijet expected counts');
  const out = new Float64Array(edges.length - 1);
  for (let k = 0; k < out.length; k++) out[k] = nBackground * sum(dijetMassQuadrature(edges[k], edges[k + 1], s).w);
  return out;
}

/**
 * One background m_jj, exactly: x from the envelope x^(-p3) on [xMin, xMax] by inversion, accepted with
 * probability ((1 - x) / (1 - xMin))^p2 ≤ 1 (needs p2 ≥ 0; about half are accepted at the defaults).
 */
export function sampleDijetMass(rng: Rng, s: DijetSpectrum): number {
  const a = 1 - s.p3;
  const xMin = s.mMin / s.sqrtS;
  const xMax = s.mMax / s.sqrtS;
  const logRatio = Math.log(xMax / xMin);
  for (;;) {
    const u = rng.uniform();
    // x^a uniform between xMin^a and xMax^a: x = xMin (1 + u ((xMax/xMin)^a - 1))^(1/a), through log1p/expm1 so
    // that a → 0 tends smoothly to the log-uniform law of a = 0
    const x = xMin * Math.exp(a === 0 ? u * logRatio : Math.log1p(u * Math.expm1(a * logRatio)) / a);
    if (rng.uniform() < ((1 - x) / (1 - xMin)) ** s.p2) return Math.min(s.mMax, Math.max(s.mMin, x * s.sqrtS));
  }
}
