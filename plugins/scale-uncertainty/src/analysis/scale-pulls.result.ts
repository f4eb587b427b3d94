import type { PullDefinition, PullMethod } from '../scale-uncertainty.options.js';
import type { FinalStateGroup } from '../physics/final-state.js';
import type { PullSummary } from '../physics/pull-summary.js';
import type { PerParticleAverage } from '../physics/reference-process.js';
import type { EnvelopeKind, TableLayoutName } from '../tables/process-row.js';

/** Marks a JSON object as a scale-pulls result (report sections look for it among run artifacts). */
export const SCALE_PULLS_RESULT_KIND = 'hepuq/scale-pulls@1';

/** One process: its uncertainties (relative to σ_LO, positive magnitudes) and pulls. */
export interface ProcessPull {
  process: string;
  nFinal: number;
  group: FinalStateGroup;
  multiBoson: boolean;
  envelope: EnvelopeKind;
  relUncUp: number;
  relUncDown: number;
  /** (σ_NLO - σ_LO)/σ_LO. */
  relShift: number;
  /** Pull of the plain LO scale variation under `pullDefinition`. */
  pullPlain: number;
  /** Reference-process uncertainties n <Δσ±/(n σ0)>_QCD and the pull with them (method `reference`). */
  refUncUp?: number;
  refUncDown?: number;
  pullReference?: number;
  publishedPull?: number;
}

/** A QCD reference process: its relative LO scale uncertainties (positive magnitudes). */
export interface ReferenceProcess {
  process: string;
  nFinal: number;
  relUncUp: number;
  relUncDown: number;
}

/** A process in the tail: |t| above the threshold. */
export interface TailProcess {
  process: string;
  group: FinalStateGroup;
  multiBoson: boolean;
  pull: number;
}

/** Pull summaries over all processes and per final-state group (`multi-boson` is a subset of `electroweak`). */
export type GroupSummaries = Record<'all' | FinalStateGroup | 'multi-boson', PullSummary>;

/** How much the reference method shrinks one of the largest plain pulls. */
export interface PullReduction {
  process: string;
  before: number;
  after: number;
  /** |before| / |after|. */
  factor: number;
}

/** Everything `hepuq scale-pulls` computes; JSON-serialisable and self-describing. */
export interface ScalePullsResult {
  kind: typeof SCALE_PULLS_RESULT_KIND;
  table: { path: string; layout: TableLayoutName; processes: number };
  reference?: { path: string; layout: TableLayoutName; qcdPerParticle: PerParticleAverage; processes: ReferenceProcess[] };
  method: PullMethod;
  pullDefinition: PullDefinition;
  tailThreshold: number;
  processes: ProcessPull[];
  summary: { plain: GroupSummaries; reference?: GroupSummaries };
  tail: { plain: TailProcess[]; reference?: TailProcess[] };
  /** The five largest plain pulls before and after the reference correction. */
  largestPulls?: PullReduction[];
}
