import { Dataset, z, type Rng } from '@hepuq/core';
import { defineToy } from './define-toy.js';
import { dijetMassQuadrature, sampleDijetMass } from './dijet-spectrum.js';
import { normalInterval } from './normal-bins.js';

export const DIJET = 'dijet';

/** The injected resonance (a W' → XY-like signal, as in Collins–Howe–Nachman 1805.02664 and the LHC Olympics R&D set). */
export const DijetSignalOptions = z
  .object({
    /** Resonance mass (GeV): signal m_jj ~ N(mass, (width mass)^2) truncated to [mMin, mMax]; must lie inside. */
    mass: z.number().finite().positive().default(3500),
    /** Relative Gaussian width of the m_jj peak, sigma = width * mass (at most 0.5, so truncation redraws stay cheap). */
    width: z.number().finite().positive().max(0.5).default(0.02),
    /** Share of signal events: round(fraction n) of the n events; 0 is background only. */
    fraction: z.number().min(0).lt(1).default(0),
    /** Mass peak of one jet (GeV, the X of W' → XY); jets are ordered by mass afterwards, so mj1 >= mj2 always. */
    mj1: z.number().finite().positive().default(500),
    /** Mass peak of the other jet (GeV, the Y). */
    mj2: z.number().finite().positive().default(100),
    /** Relative Gaussian width of both jet-mass peaks (at most 0.1: a negative mass would need a 10 sigma draw). */
    jetWidth: z.number().finite().positive().max(0.1).default(0.05),
    /** Median tau21 of both (two-prong) signal jets: logit tau21 ~ N(logit tau21, 0.6^2). */
    tau21: z.number().min(0.01).max(0.99).default(0.3),
  })
  .strict();

/** Options of `dijet` (masses in GeV). */
export const DijetOptions = z
  .object({
    /** Collision energy: the background m_jj law is (1 - x)^p2 x^(-p3) with x = m_jj / sqrtS. */
    sqrtS: z.number().finite().positive().default(13000),
    /** Power of (1 - x); >= 0 so that the spectrum falls (and the power-law envelope bounds it). */
    p2: z.number().finite().nonnegative().default(10),
    /** Power of 1/x: the steepness of the fall (CMS-like fits give ~5). */
    p3: z.number().finite().default(5),
    /** m_jj range [mMin, mMax], mMax < sqrtS; 2-5 TeV keeps ~1000 of 1e6 background events in the top of 10 log bins. */
    mMin: z.number().finite().positive().default(2000),
    mMax: z.number().finite().positive().default(5000),
    /** k: background jet masses scale as (m_jj / 3000 GeV)^k; 0 makes every feature independent of m_jj. */
    correlation: z.number().finite().min(-3).max(3).default(0),
    /** The injected resonance; its `fraction` defaults to 0 (background only). */
    signal: DijetSignalOptions.prefault({}),
    /** Label = m_jj in [lo, hi) (the CWoLa mixed samples: signal region 1, sidebands 0) instead of is_signal. */
    label: z.object({ window: z.tuple([z.number().finite(), z.number().finite()]) }).strict().optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    const issue = (message: string, path: (string | number)[]) => ctx.addIssue({ code: 'custom', message, path });
    if (!(o.mMin < o.mMax && o.mMax < o.sqrtS)) issue(`needs mMin < mMax < sqrtS, got ${o.mMin}, ${o.mMax}, ${o.sqrtS}`, ['mMax']);
    if (!(o.signal.mass > o.mMin && o.signal.mass < o.mMax)) issue(`must lie in (mMin, mMax) = (${o.mMin}, ${o.mMax}), got ${o.signal.mass}`, ['signal', 'mass']);
    const w = o.label?.window;
    if (w && !(w[0] < w[1])) issue(`needs lo < hi, got [${w[0]}, ${w[1]}]`, ['label', 'window']);
    else if (w && !(w[1] > o.mMin && w[0] < o.mMax)) issue(`[${w[0]}, ${w[1]}] misses the m_jj range [${o.mMin}, ${o.mMax}] (GeV)`, ['label', 'window']);
  });
export type DijetOptions = z.infer<typeof DijetOptions>;

/**
 * Background (QCD) jets, each before ordering: ln mj ~ N(ln 60 GeV + k ln(m_jj / pivot), 0.7^2) (mj1 is the larger
 * of two such draws), logit tau21 ~ N(logit 0.65, 0.6^2) — the one-prong, falling jet-mass side of 1805.02664.
 */
export const DIJET_QCD = { jetMass: 60, jetMassLogWidth: 0.7, tau21: 0.65, pivot: 3000 } as const;
/** Width of logit tau21 for signal and background alike. */
const TAU_LOGIT_WIDTH = 0.6;
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
const MU0 = Math.log(DIJET_QCD.jetMass);
const INV_2S2 = 1 / (2 * DIJET_QCD.jetMassLogWidth ** 2);

const logit = (p: number): number => Math.log(p / (1 - p));
const logNormal = (x: number, mu: number, s: number): number => -0.5 * ((x - mu) / s) ** 2 - Math.log(s) - HALF_LOG_2PI;
/** log density of a logit-normal tau21 with the given median. */
const logTau = (t: number, median: number): number => logNormal(logit(t), logit(median), TAU_LOGIT_WIDTH) - Math.log(t * (1 - t));

function logAdd(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/**
 * P(signal m_jj in [lo, hi)) for the truncated Gaussian: [Phi(b) - Phi(a)] / [Phi(B) - Phi(A)] with the window
 * clipped to [mMin, mMax] (Phi from @hepuq/stats' erfc, taken in the lower tail).
 * @example dijetSignalWindowProbability([3430, 3570], DijetOptions.parse({})) // 0.6827 (±1 sigma)
 */
export function dijetSignalWindowProbability(window: readonly [number, number], o: DijetOptions): number {
  const { mass, width } = o.signal;
  const z = (m: number) => (Math.min(o.mMax, Math.max(o.mMin, m)) - mass) / (width * mass);
  const [a, b] = [z(window[0]), z(window[1])];
  return b > a ? normalInterval(a, b) / normalInterval(z(o.mMin), z(o.mMax)) : 0;
}

/**
 * Expected signal share of the events with m_jj in [lo, hi): f Ps / (f Ps + (1 - f) Pb), Ps from
 * `dijetSignalWindowProbability`, Pb the background spectrum's integral; f defaults to `signal.fraction`.
 * @example dijetSignalWindowFraction([3300, 3700], DijetOptions.parse({ signal: { fraction: 0.01 } })) // ≈ 0.355
 */
export function dijetSignalWindowFraction(window: readonly [number, number], o: DijetOptions, fraction = o.signal.fraction): number {
  const s = fraction * dijetSignalWindowProbability(window, o);
  const b = (1 - fraction) * dijetMassQuadrature(window[0], window[1], o).w.reduce((u, v) => u + v, 0);
  return s > 0 ? s / (s + b) : 0;
}

/** Quadrature over a m_jj range of the background: jet-mass log-means mu_j and log weights (one node when k = 0). */
interface MassNodes { mu: Float64Array; logW: Float64Array; scratch: Float64Array }

/**
 * Panels of 0.25 in ln m: the jet-mass Gaussians vary on >= 0.7 / (3 sqrt 2) = 0.16 in ln m_jj (|k| <= 3); stored
 * float32 posteriors equal those from panels of 0.01 (checked at k = -3, 1, 3) at a 25th of the cost.
 */
const TRUTH_PANEL = 0.25;

function qcdNodes(lo: number, hi: number, o: DijetOptions): MassNodes {
  const { m, w } = dijetMassQuadrature(lo, hi, o, TRUTH_PANEL);
  const total = w.reduce((u, v) => u + v, 0);
  if (o.correlation === 0 || total === 0) {
    const one = total > 0 ? 1 : 0;
    return { mu: new Float64Array(one).fill(MU0), logW: new Float64Array(one).fill(Math.log(total)), scratch: new Float64Array(one) };
  }
  const mu = m.map((v) => MU0 + o.correlation * Math.log(v / DIJET_QCD.pivot));
  return { mu, logW: w.map(Math.log), scratch: new Float64Array(m.length) };
}

/** log Σ_j w_j exp(-[(l1 - mu_j)^2 + (l2 - mu_j)^2] / (2 s^2)): the m_jj integral of the two jet-mass Gaussians. */
function logMix(l1: number, l2: number, { mu, logW, scratch }: MassNodes): number {
  let max = -Infinity;
  for (let j = 0; j < mu.length; j++) {
    scratch[j] = logW[j] - ((l1 - mu[j]) ** 2 + (l2 - mu[j]) ** 2) * INV_2S2;
    if (scratch[j] > max) max = scratch[j];
  }
  if (max === -Infinity) return max;
  let s = 0;
  for (let j = 0; j < mu.length; j++) s += Math.exp(scratch[j] - max);
  return max + Math.log(s);
}

/**
 * Exact P(label = 1 | mj1, mj2, tau21_1, tau21_2) (m_jj unobserved) for signal share f: with the is_signal label
 * f ps / (f ps + (1 - f) pb); with a window label [f ps Ps(W) + (1 - f) pb(W)] / [f ps + (1 - f) pb], where
 * pb(W) = ∫_W p(m) pb(x | m) dm by Gauss-Legendre quadrature (closed form at k = 0) — the optimal CWoLa classifier.
 * @example const prob = dijetTrueProb(DijetOptions.parse({ signal: { fraction: 0.1 } })); prob(500, 100, 0.3, 0.3) // ≈ 1
 */
export function dijetTrueProb(o: DijetOptions, fraction = o.signal.fraction): (mj1: number, mj2: number, tau1: number, tau2: number) => number {
  const window = o.label?.window ?? [-Infinity, Infinity];
  const inside = qcdNodes(window[0], window[1], o);
  const outside = [qcdNodes(-Infinity, window[0], o), qcdNodes(window[1], Infinity, o)];
  const logPsW = Math.log(dijetSignalWindowProbability(window, o));
  const { mj1: a, mj2: b, jetWidth: w, tau21 } = o.signal;
  const logF = Math.log(fraction);
  // the background constant: 2 (two orderings) (1 - f) / (2 pi s^2) of the jet-mass log-normals
  const logB = Math.LN2 + Math.log1p(-fraction) - 2 * Math.log(DIJET_QCD.jetMassLogWidth) - 2 * HALF_LOG_2PI;
  return (mj1, mj2, tau1, tau2) => {
    const masses = logAdd(logNormal(mj1, a, w * a) + logNormal(mj2, b, w * b), logNormal(mj1, b, w * b) + logNormal(mj2, a, w * a));
    const s = logF + masses + logTau(tau1, tau21) + logTau(tau2, tau21);
    const bCommon = logB + logTau(tau1, DIJET_QCD.tau21) + logTau(tau2, DIJET_QCD.tau21) - Math.log(mj1 * mj2);
    const [l1, l2] = [Math.log(mj1), Math.log(mj2)];
    const bIn = bCommon + logMix(l1, l2, inside);
    const bAll = logAdd(bIn, bCommon + logAdd(logMix(l1, l2, outside[0]), logMix(l1, l2, outside[1])));
    const numerator = o.label ? logAdd(s + logPsW, bIn) : s;
    return Math.min(1, Math.exp(numerator - logAdd(s, bAll)));
  };
}

/** Signal m_jj: N(mass, (width mass)^2) redrawn until inside [mMin, mMax] (the mass lies inside, so >= ~30% pass). */
function sampleSignalMass(rng: Rng, o: DijetOptions): number {
  for (;;) {
    const m = rng.normal(o.signal.mass, o.signal.width * o.signal.mass);
    if (m >= o.mMin && m <= o.mMax) return m;
  }
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * `dijet`: toy for resonance hunts without labels (CWoLa hunting, Collins–Howe–Nachman 1805.02664). Background
 * m_jj follows the dijet function (exact sampler, `dijetDensity`, `dijetExpectedCounts`); features are the ordered
 * jet masses mj1 >= mj2 and their tau21; round(fraction n) resonance events have peaked m_jj, jet masses and low
 * tau21. Events are shuffled; extras hold mjj, is_signal and the exact `true_prob` of the label.
 * @example const ds = dijetToy.generate(100_000, { signal: { fraction: 0.01 }, label: { window: [3300, 3700] } }, new Rng(1));
 */
export const dijetToy = defineToy({
  key: DIJET,
  task: 'classification',
  description: 'dijet resonance toy for CWoLa hunting: falling m_jj (extras.mjj), jet masses and tau21 as features, an injectable narrow resonance; label is_signal or m_jj-window membership',
  options: DijetOptions,
  sample(n, o, rng) {
    const cols = { mj1: new Float32Array(n), mj2: new Float32Array(n), tau21_1: new Float32Array(n), tau21_2: new Float32Array(n) };
    const [mjj, isSignal, label, prob] = [new Float32Array(n), new Float32Array(n), new Float32Array(n), new Float32Array(n)];
    const nSignal = Math.round(o.signal.fraction * n);
    const order = rng.permutation(n); // event i is signal when order[i] < nSignal: signal scattered through the sample
    const { mj1: a, mj2: b, jetWidth: w } = o.signal;
    const [window, tauS, tauB] = [o.label?.window, logit(o.signal.tau21), logit(DIJET_QCD.tau21)];
    for (let i = 0; i < n; i++) {
      const signal = order[i] < nSignal;
      const m = signal ? sampleSignalMass(rng, o) : sampleDijetMass(rng, o);
      const mu = MU0 + o.correlation * Math.log(m / DIJET_QCD.pivot);
      const s = DIJET_QCD.jetMassLogWidth;
      const [j1, j2] = signal ? [rng.normal(a, w * a), rng.normal(b, w * b)] : [Math.exp(rng.normal(mu, s)), Math.exp(rng.normal(mu, s))];
      cols.mj1[i] = Math.max(j1, j2);
      cols.mj2[i] = Math.min(j1, j2);
      cols.tau21_1[i] = sigmoid(rng.normal(signal ? tauS : tauB, TAU_LOGIT_WIDTH));
      cols.tau21_2[i] = sigmoid(rng.normal(signal ? tauS : tauB, TAU_LOGIT_WIDTH));
      mjj[i] = m;
      isSignal[i] = signal ? 1 : 0;
      label[i] = window ? Number(mjj[i] >= window[0] && mjj[i] < window[1]) : isSignal[i];
    }
    // truth from the stored (float32) values, with the realised signal share
    const truth = dijetTrueProb(o, nSignal / n);
    for (let i = 0; i < n; i++) prob[i] = truth(cols.mj1[i], cols.mj2[i], cols.tau21_1[i], cols.tau21_2[i]);
    return new Dataset({
      features: cols, label, labelName: window ? 'in_window' : 'label', source: `toy:${DIJET}`,
      extras: { mjj, is_signal: isSignal, true_prob: prob },
      units: { mjj: 'GeV', mj1: 'GeV', mj2: 'GeV' },
    });
  },
});
