/**
 * The simulation of an unfolding problem: paired particle-level (gen) and detector-level (reco)
 * observables per event, the event weights, and which events pass the particle-level selection
 * (`passGen`; 0 for fakes) and the detector-level selection (`passReco`; 0 for events lost to
 * inefficiency or acceptance). Columns are aligned: row i of every array is one event.
 */
export interface SimulationSample {
  n: number;
  genNames: readonly string[];
  gen: Readonly<Record<string, Float32Array>>;
  recoNames: readonly string[];
  reco: Readonly<Record<string, Float32Array>>;
  weights: Float32Array;
  passGen: Uint8Array;
  passReco: Uint8Array;
  /** File or toy the sample came from (named in errors). */
  source: string;
}

/**
 * The measured data: detector-level observables named like the simulation's reco columns, event
 * weights, and `passReco` (1 for every measured event). `truth` carries the particle-level values
 * of the same events when they are known (toys, closure tests on a simulation), with their own
 * `passGen`; rows with `passReco` 0 then are true events the detector lost, kept for the truth.
 */
export interface ObservedSample {
  n: number;
  recoNames: readonly string[];
  reco: Readonly<Record<string, Float32Array>>;
  weights: Float32Array;
  passReco: Uint8Array;
  truth?: { gen: Readonly<Record<string, Float32Array>>; passGen: Uint8Array };
  source: string;
}

/** What an unfolding method unfolds: a simulation and the measured data. */
export interface UnfoldingProblem {
  sim: SimulationSample;
  data: ObservedSample;
}
