import { HepuqError, z } from '@hepuq/core';
import { scaleEnvelope } from '../physics/scale-envelope.js';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { crossSectionCell, nFinalCell, nonNegativeCrossSectionCell, parseCells, requireColumns } from './cells.js';
import { SEVEN_POINT, THREE_POINT, scaleColumn, type ScalePoint } from './scale-points.js';
import type { TableLayout } from './table-layout.js';

const CENTRAL = scaleColumn('lo', [1, 1]);
const NLO_CENTRAL = scaleColumn('nlo', [1, 1]);

/** The row schema for a set of scale points: every LO column is a positive cross section. */
function rowSchema(points: readonly ScalePoint[]) {
  const lo = Object.fromEntries(points.map((p) => [scaleColumn('lo', p), crossSectionCell]));
  return z.object({ n_final: nFinalCell, ...lo, [NLO_CENTRAL]: nonNegativeCrossSectionCell.optional() });
}

/**
 * Cross sections at scale points, one column per point: `lo_<muR/mu0>_<muF/mu0>` (`lo_1_1`,
 * `lo_0.5_0.5`, `lo_2_2` for 3-point; plus `lo_0.5_1`, `lo_1_0.5`, `lo_2_1`, `lo_1_2` for 7-point)
 * and optionally `nlo_1_1`. The LO uncertainty is the envelope of the chosen set.
 */
export const scalePointsLayout: TableLayout = {
  name: 'scale-points',
  marker: CENTRAL,
  prepare(table, options) {
    const sevenColumns = SEVEN_POINT.map((p) => scaleColumn('lo', p));
    const choice = options.envelope ?? 'auto';
    const seven = choice === '7-point' || (choice === 'auto' && sevenColumns.every((c) => table.columns.includes(c)));
    const points = seven ? SEVEN_POINT : THREE_POINT;
    const columns = points.map((p) => scaleColumn('lo', p));
    requireColumns(table, ['n_final', ...columns], `scale-points (${seven ? '7' : '3'}-point)`);
    const schema = rowSchema(points);
    return (record, process) => {
      const row = parseCells(schema, record, process) as Record<string, number | undefined>;
      const central = row[CENTRAL] as number;
      const envelope = scaleEnvelope(central, Float64Array.from(columns, (c) => row[c] as number));
      for (const [side, size] of [['upward', envelope.relUp], ['downward', envelope.relDown]] as const) {
        if (size === 0) {
          throw new HepuqError('InvalidArgument', `${record.source} ("${process}"): zero ${side} scale uncertainty (no scale point is ${side === 'upward' ? 'above' : 'below'} ${CENTRAL} = ${central}), so the pull is undefined`, {
            plugin: PLUGIN_NAME,
            hint: 'Check the scale-point columns of this row; a cross section extremal at mu0 needs a wider variation.',
          });
        }
      }
      const nlo = row[NLO_CENTRAL];
      return {
        source: record.source,
        process,
        nFinal: row.n_final as number,
        sigmaLo: central,
        relUp: envelope.relUp,
        relDown: envelope.relDown,
        envelope: seven ? '7-point' : '3-point',
        ...(nlo === undefined ? {} : { sigmaNlo: nlo, relShift: (nlo - central) / central }),
      };
    };
  },
};
