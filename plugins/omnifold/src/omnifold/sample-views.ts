import { Dataset, type UnfoldingProblem } from '@hepuq/core';

/** Row indices of the simulation by which selections they pass, and of the measured events. */
export interface SampleIndices {
  /** Simulated events passing reco (step 1). */
  reco: Int32Array;
  /** Simulated events passing gen (step 2). */
  gen: Int32Array;
  /** Passing both (where steps 1b and 2b learn). */
  both: Int32Array;
  /** Passing gen, failing reco (weights from step 1b). */
  missed: Int32Array;
  /** Passing reco, failing gen: fakes (weights from step 2b). */
  fakes: Int32Array;
  /** Measured events passing reco. */
  data: Int32Array;
}

/**
 * The classifier inputs of every OmniFold step, built once: feature-only datasets of the selected
 * rows, which each step reweights with `withWeights`.
 */
export interface SampleViews {
  idx: SampleIndices;
  simReco: Dataset;
  simGen: Dataset;
  bothGen: Dataset;
  bothReco: Dataset;
  missedGen: Dataset;
  fakesReco: Dataset;
  data: Dataset;
}

/** Index arrays and datasets of a problem's selections. */
export function sampleViews({ sim, data }: UnfoldingProblem): SampleViews {
  const rows = (n: number, keep: (i: number) => boolean) => Int32Array.from({ length: n }, (_, i) => i).filter(keep);
  const idx: SampleIndices = {
    reco: rows(sim.n, (i) => sim.passReco[i] === 1),
    gen: rows(sim.n, (i) => sim.passGen[i] === 1),
    both: rows(sim.n, (i) => sim.passGen[i] === 1 && sim.passReco[i] === 1),
    missed: rows(sim.n, (i) => sim.passGen[i] === 1 && sim.passReco[i] === 0),
    fakes: rows(sim.n, (i) => sim.passGen[i] === 0 && sim.passReco[i] === 1),
    data: rows(data.n, (i) => data.passReco[i] === 1),
  };
  const view = (columns: Readonly<Record<string, Float32Array>>, names: readonly string[], rows: Int32Array, source: string) =>
    new Dataset({ features: Object.fromEntries(names.map((c) => [c, gather(columns[c], rows)])), source });
  return {
    idx,
    simReco: view(sim.reco, sim.recoNames, idx.reco, `${sim.source} (reco)`),
    simGen: view(sim.gen, sim.genNames, idx.gen, `${sim.source} (gen)`),
    bothGen: view(sim.gen, sim.genNames, idx.both, `${sim.source} (gen, passing reco)`),
    bothReco: view(sim.reco, sim.recoNames, idx.both, `${sim.source} (reco, passing gen)`),
    missedGen: view(sim.gen, sim.genNames, idx.missed, `${sim.source} (gen, failing reco)`),
    fakesReco: view(sim.reco, sim.recoNames, idx.fakes, `${sim.source} (reco, fakes)`),
    data: view(data.reco, data.recoNames, idx.data, `${data.source} (reco)`),
  };
}

/** values[rows[k]] for every k. */
export function gather(values: ArrayLike<number>, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]];
  return out;
}

/** values[rows[k]] times factor[rows[k]] for every k. */
export function gatherProduct(values: ArrayLike<number>, factor: ArrayLike<number>, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]] * factor[rows[k]];
  return out;
}
