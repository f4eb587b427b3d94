/** QCD-only final states vs final states with at least one electroweak (or other non-QCD) particle. */
export type FinalStateGroup = 'qcd' | 'electroweak';

/** A final state read from a process string. */
export interface FinalState {
  particles: string[];
  group: FinalStateGroup;
  /** Final-state particles that are not quarks, gluons or jets. */
  nElectroweak: number;
  /** Electroweak bosons (W, Z, photon, Higgs) in the final state. */
  nBosons: number;
  /** Two or more electroweak bosons: the processes whose LO scale dependence is tiny. */
  multiBoson: boolean;
}

/** Quarks, antiquarks, gluons and jets in MadGraph syntax (`j` and `p` are multiparticle labels). */
const QCD_PARTICLES = new Set([
  'g', 'j', 'p', 'q', 'jet', 'u', 'd', 'c', 's', 'b', 't', 'u~', 'd~', 'c~', 's~', 'b~', 't~', 'q~',
]);

/** W, Z, photon and Higgs, in MadGraph and common spellings. */
const EW_BOSONS = new Set(['w', 'w+', 'w-', 'wpm', 'w+-', 'w±', 'z', 'a', 'gamma', 'photon', 'γ', 'h', 'h0']);

/** Stops reading the final state: decay chains (`,`), exclusions (`/`, `$`), orders/tags (`@`, `[`). */
const FINAL_STATE_END = /[,/$@[]/;

/**
 * Classify a process from its string: the final state is the text after the first `>` (up to a
 * decay comma, `/`, `$`, `@` or `[`); it is `qcd` when every particle is a quark, gluon or jet and
 * `electroweak` otherwise (W, Z, photon, Higgs, leptons or anything unknown).
 * @example classifyFinalState('p p > z z wpm') // { group: 'electroweak', nBosons: 3, multiBoson: true, ... }
 */
export function classifyFinalState(process: string): FinalState {
  const arrow = process.indexOf('>');
  const tail = arrow < 0 ? process : process.slice(arrow + 1);
  const particles = tail
    .split(FINAL_STATE_END)[0]
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((token) => token !== '' && !token.includes('='));
  const nElectroweak = particles.filter((p) => !QCD_PARTICLES.has(p)).length;
  const nBosons = particles.filter((p) => EW_BOSONS.has(p)).length;
  return { particles, group: nElectroweak === 0 ? 'qcd' : 'electroweak', nElectroweak, nBosons, multiBoson: nBosons >= 2 };
}
