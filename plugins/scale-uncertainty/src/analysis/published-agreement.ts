import { pull } from '../physics/pull.js';
import type { PullDefinition } from '../scale-uncertainty.options.js';
import type { ProcessRow } from '../tables/process-row.js';

/** One process computed from LO/NLO rows next to its published pull. */
export interface PullAgreementRow {
  process: string;
  computed: number;
  published: number;
  /** |computed - published| / |published|. */
  relDeviation: number;
}

/** How well pulls computed from cross sections reproduce a published pull column. */
export interface PullAgreement {
  rows: PullAgreementRow[];
  maxRelDeviation: number;
  medianRelDeviation: number;
}

/** Process strings compared with collapsed whitespace. */
const key = (process: string) => process.trim().replace(/\s+/g, ' ');

/**
 * Compare pulls computed from LO/NLO rows with published pulls, matching processes by their string.
 * @example comparePublishedPulls(loNlo.rows, published.rows).maxRelDeviation // 0.022 for the shipped tables
 */
export function comparePublishedPulls(computedFrom: readonly ProcessRow[], published: readonly ProcessRow[], definition: PullDefinition = 'asymmetric'): PullAgreement {
  const byProcess = new Map(published.filter((r) => r.publishedPull !== undefined).map((r) => [key(r.process), r.publishedPull as number]));
  const rows: PullAgreementRow[] = [];
  for (const row of computedFrom) {
    const publishedPull = byProcess.get(key(row.process));
    if (publishedPull === undefined || row.relShift === undefined) continue;
    const computed = pull(definition, row.relShift, row.relUp, row.relDown);
    rows.push({ process: row.process, computed, published: publishedPull, relDeviation: Math.abs(computed - publishedPull) / Math.abs(publishedPull) });
  }
  const deviations = Float64Array.from(rows, (r) => r.relDeviation).sort();
  const mid = deviations.length >> 1;
  return {
    rows,
    maxRelDeviation: deviations.length ? deviations[deviations.length - 1] : NaN,
    medianRelDeviation: deviations.length === 0 ? NaN : deviations.length % 2 ? deviations[mid] : (deviations[mid - 1] + deviations[mid]) / 2,
  };
}
