import { Dataset, HepuqError, particleSetFromJagged, wrapPhi, z, type Rng } from '@hepuq/core';
import { defineToy } from './define-toy.js';
import { jetObservables } from './jet-kinematics.js';
import { addQcdProngs, addTopProngs } from './jet-prongs.js';
import { addSoftParticles, fragmentProng, JetParticles, JETS_SHOWER } from './jet-shower.js';

export const JETS = 'jets';

/** Options of `jets` (pT and masses in GeV, angles in ΔR units). */
export const JetsOptions = z
  .object({
    /** P(label = 1): each event is a top (three-prong) jet with this probability; 0 or 1 give pure samples. */
    signalFraction: z.number().min(0).max(1).default(0.5),
    /** P, the constituents kept per event (the hardest by pT); the set records what truncation dropped. */
    size: z.number().int().min(1).max(1024).default(64),
    /** In [0, 1]: P(two-prong | background) = 0.2 + 0.6 d and the signal mass width 0.05 + 0.15 d (relative). */
    difficulty: z.number().min(0).max(1).default(0.5),
    /** Jet pT ~ U(ptMin, ptMax) (the scalar sum of its constituents' pT); ptMin <= ptMax. */
    ptMin: z.number().finite().positive().default(500),
    ptMax: z.number().finite().positive().default(600),
    /** Signal jet mass before smearing; QCD splitting masses scale with it (20–300 GeV at 175). */
    topMass: z.number().finite().positive().default(175),
    /** Mean particles per prong: 1 + Poisson(particlesPerProng − 1). */
    particlesPerProng: z.number().finite().min(1).max(50).default(6),
    /** Mean number of soft wide-angle particles per jet (Poisson), each with ~0.5% of the jet pT. */
    softParticles: z.number().finite().min(0).max(60).default(8),
    /** Jet radius R: soft particles fill the disc of radius R, prong axes stay within 0.8 R. */
    radius: z.number().finite().positive().max(1.5).default(0.8),
    /** `top`: label 1 for a top jet, 0 for QCD; `prongs`: three classes, label = prongs − 1 (0 one-prong QCD, 1 two-prong QCD, 2 top). */
    label: z.enum(['top', 'prongs']).default('top'),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.ptMin > o.ptMax) ctx.addIssue({ code: 'custom', message: `needs ptMin <= ptMax, got ${o.ptMin} > ${o.ptMax}`, path: ['ptMax'] });
  });
export type JetsOptions = z.infer<typeof JetsOptions>;

/**
 * What `difficulty` d sets: P(two-prong | background) = 0.2 + 0.6 d and the relative width of the signal mass
 * 0.05 + 0.15 d.
 * @example jetsDifficulty(1) // { twoProng: 0.8, massSmear: 0.2 }
 */
export function jetsDifficulty(d: number): { twoProng: number; massSmear: number } {
  return { twoProng: 0.2 + 0.6 * d, massSmear: 0.05 + 0.15 * d };
}

/** Redraws of one jet's geometry before the options are declared impossible (defaults accept ~85% at the first try). */
const MAX_TRIES = 1000;

/** One jet with `prongs` prongs in the jet frame; geometries that do not fit are redrawn whole (pT, soft particles, prongs). */
function drawJet(jet: JetParticles, prongs: number, o: JetsOptions, smear: number, rng: Rng): void {
  for (let t = 0; t < MAX_TRIES; t++) {
    jet.reset();
    const ptJet = o.ptMin + (o.ptMax - o.ptMin) * rng.uniform();
    const hardPt = ptJet - addSoftParticles(jet, ptJet, o, rng);
    if (prongs === 1) {
      fragmentProng(jet, hardPt, 0, 0, o, rng);
      return;
    }
    if (hardPt > 0 && (prongs === 3 ? addTopProngs(jet, hardPt, o, smear, rng) : addQcdProngs(jet, hardPt, o, rng))) return;
  }
  throw new HepuqError('InvalidConfig', `toy "${JETS}": no ${prongs}-prong jet of the drawn mass fits within ${JETS_SHOWER.reach} x radius = ${JETS_SHOWER.reach * o.radius} of its axis in ${MAX_TRIES} tries (topMass ${o.topMass} GeV, pT ${o.ptMin}-${o.ptMax} GeV); check options.radius, options.ptMin and options.topMass`);
}

/** Jagged per-event constituent lists (z, Δη, Δφ) and the per-jet frame the toy fills. */
interface JetColumns { pt: Float32Array[]; eta: Float32Array[]; phi: Float32Array[]; ptSum: Float32Array; jetEta: Float32Array; jetPhi: Float32Array }

/**
 * Put the jet at (eta0, phi0) and store its constituents relative to the pT-weighted centroid
 * η_J = Σ pT_i η_i / Σ pT, φ_J = φ_ref + Σ pT_i wrap(φ_i − φ_ref) / Σ pT (φ_ref the azimuth of the vector sum),
 * with z_i = pT_i / Σ pT: the frame core's `preprocessParticles` gives sets read from files.
 */
function placeJet(jet: JetParticles, i: number, eta0: number, phi0: number, out: JetColumns): void {
  let [ptSum, px, py] = [0, 0, 0];
  for (let p = 0; p < jet.n; p++) {
    const phi = phi0 + jet.phi(p);
    ptSum += jet.pt[p];
    px += jet.pt[p] * Math.cos(phi);
    py += jet.pt[p] * Math.sin(phi);
  }
  const ref = Math.atan2(py, px);
  let [etaJ, dphiJ] = [0, 0];
  for (let p = 0; p < jet.n; p++) {
    etaJ += jet.pt[p] * (eta0 + jet.eta(p));
    dphiJ += jet.pt[p] * wrapPhi(phi0 + jet.phi(p) - ref);
  }
  etaJ /= ptSum;
  const phiJ = wrapPhi(ref + dphiJ / ptSum);
  const zs = (out.pt[i] = new Float32Array(jet.n));
  const etas = (out.eta[i] = new Float32Array(jet.n));
  const phis = (out.phi[i] = new Float32Array(jet.n));
  for (let p = 0; p < jet.n; p++) {
    zs[p] = jet.pt[p] / ptSum;
    etas[p] = eta0 + jet.eta(p) - etaJ;
    phis[p] = wrapPhi(phi0 + jet.phi(p) - phiJ);
  }
  out.ptSum[i] = ptSum;
  out.jetEta[i] = etaJ;
  out.jetPhi[i] = phiJ;
}

/**
 * `jets`: jets as sets of constituents with a known generating process — top-like three-prong signal (label 1)
 * against QCD-like background, one-prong or (probability 0.2 + 0.6 difficulty) a two-prong splitting.
 * Per jet: pT ~ U(ptMin, ptMax); Poisson(softParticles) soft particles (`addSoftParticles`); the prongs
 * (`addTopProngs`, `addQcdProngs`), each fragmented into 1 + Poisson(particlesPerProng − 1) collinear particles
 * (`fragmentProng`). A top's whole jet has exact mass topMass (1 + N(0, (0.05 + 0.15 d)²)) before truncation;
 * tops whose prongs reach beyond 0.8 R are redrawn, which pulls the median down by ~0.2% (d = 0) to ~3% (d = 1).
 * QCD pair masses (log-uniform 20–300 GeV at the default topMass, conditioned likewise) overlap the peak, so at
 * high difficulty the prong count, visible only in the constituents, is what separates the classes.
 * Jets sit at η ~ U(−1, 1), φ ~ U(−π, π). Set `constituents`, hardest first: pt = z_i = pT_i / Σ pT (all
 * generated particles), eta = η_i − η_J, phi = φ_i − φ_J in (−π, π] about the pT-weighted centroid (`placeJet`);
 * lab values are pT_i = z_i · `jet_pt_sum`, η_i = eta + `jet_eta`, φ_i = phi + `jet_phi` (extras). Features `mass`,
 * `pt` (vector sum), `n_const`, `width` (girth) come from the kept constituents only (`jetObservables`), so a
 * network on the set and one on the features see the same particles. `extras.true_prongs` is 1, 2 or 3;
 * `label: prongs` makes it the label (prongs − 1: three classes, for K-class taggers) with the same events.
 * No `true_prob`: the Bayes-optimal P(top | constituents) integrates over every latent share and angle and has
 * no closed form; the labels themselves are exact.
 * @example const ds = jetsToy.generate(100_000, { difficulty: 0.8 }, new Rng(1)); ds.sets.constituents.size // 64
 */
export const jetsToy = defineToy({
  key: JETS,
  task: 'classification',
  description: 'jets as sets of constituents (pt fraction, eta, phi relative to the axis): three-prong top-like signal (label 1) vs one- or two-prong QCD-like background, difficulty-tunable; features mass, pt, n_const, width',
  options: JetsOptions,
  sample(n, o, rng) {
    const { twoProng, massSmear } = jetsDifficulty(o.difficulty);
    const [label, prongs] = [new Float32Array(n), new Float32Array(n)];
    const out: JetColumns = { pt: [], eta: [], phi: [], ptSum: new Float32Array(n), jetEta: new Float32Array(n), jetPhi: new Float32Array(n) };
    const jet = new JetParticles();
    for (let i = 0; i < n; i++) {
      const signal = rng.uniform() < o.signalFraction;
      prongs[i] = signal ? 3 : rng.uniform() < twoProng ? 2 : 1;
      label[i] = o.label === 'prongs' ? prongs[i] - 1 : signal ? 1 : 0;
      drawJet(jet, prongs[i], o, massSmear, rng);
      placeJet(jet, i, 2 * rng.uniform() - 1, Math.PI * (2 * rng.uniform() - 1), out);
    }
    const source = `toy:${JETS}`;
    const constituents = particleSetFromJagged({ features: ['pt', 'eta', 'phi'], columns: { pt: out.pt, eta: out.eta, phi: out.phi }, size: o.size, orderBy: 'pt', name: 'constituents', source });
    return new Dataset({
      features: { ...jetObservables(constituents, out.ptSum) }, label, labelName: 'label', source,
      extras: { true_prongs: prongs, jet_pt_sum: out.ptSum, jet_eta: out.jetEta, jet_phi: out.jetPhi },
      sets: { constituents },
      units: { mass: 'GeV', pt: 'GeV', jet_pt_sum: 'GeV', jet_phi: 'rad' },
    });
  },
});
