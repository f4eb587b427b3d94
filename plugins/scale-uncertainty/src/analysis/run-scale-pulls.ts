import type { ScalePullsSettings } from '../scale-uncertainty.options.js';
import { readTable } from '../tables/parse-table.js';
import { SHIPPED_TABLES } from '../tables/shipped-tables.js';
import { analyseScalePulls } from './scale-pulls.analysis.js';
import type { ScalePullsResult } from './scale-pulls.result.js';

/**
 * Read the tables named in `settings` (default: the shipped pulls-by-process.csv and
 * qcd-reference.csv) and analyse them.
 * @example const result = await runScalePulls({ method: 'reference', pull: 'asymmetric', envelope: 'auto', tailThreshold: 3 });
 */
export async function runScalePulls(settings: ScalePullsSettings): Promise<ScalePullsResult> {
  const options = { envelope: settings.envelope };
  const table = await readTable(settings.table ?? SHIPPED_TABLES.pulls, options);
  const reference = settings.method === 'reference' ? await readTable(settings.reference ?? SHIPPED_TABLES.qcdReference, options) : undefined;
  return analyseScalePulls(table, reference, { method: settings.method, pull: settings.pull, tailThreshold: settings.tailThreshold });
}
