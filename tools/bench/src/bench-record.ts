/**
 * One line of `bench-results.json` at the repo root. `ratio > 1` means hepuq is faster (for rates:
 * hepuq / peer; for times: peer / hepuq). Record medians over repeats, never single runs.
 */
export interface BenchRecord {
  name: string;
  /** Unit of `hepuq` and `peer`, e.g. `steps/s`, `events/s`, `ms`. */
  unit: string;
  hepuq: number;
  /** The peer measured in the same run; null when no peer exists on this machine. */
  peer: number | null;
  peerName: string;
  ratio: number | null;
  /** Free-form extras: peak RSS in MiB, sizes, thread counts. */
  notes?: Record<string, number | string>;
}

/** A benchmark suite: `tools/bench/src/suites/<name>.bench.ts` exports `bench`. */
export type BenchSuite = () => Promise<BenchRecord[]>;
