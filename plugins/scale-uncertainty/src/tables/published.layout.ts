import { z } from '@hepuq/core';
import { crossSectionCell, nFinalCell, nonNegativeCrossSectionCell, parseCells, requireColumns, uncertaintyCell } from './cells.js';
import type { TableLayout } from './table-layout.js';

const REQUIRED = ['n_final', 'lo_pb', 'lo_scale_up_pct', 'lo_scale_down_pct'] as const;

const PublishedRow = z.object({
  n_final: nFinalCell,
  lo_pb: crossSectionCell,
  lo_scale_up_pct: uncertaintyCell,
  lo_scale_down_pct: uncertaintyCell,
  nlo_pb: nonNegativeCrossSectionCell.optional(),
});

/**
 * Published LO/NLO rows as in Table 5 of arXiv:1405.0301: `lo_pb`, `lo_scale_up_pct`,
 * `lo_scale_down_pct` (percent, the sign of the down column is dropped) and optionally `nlo_pb`.
 */
export const publishedLayout: TableLayout = {
  name: 'published',
  marker: 'lo_scale_up_pct',
  prepare(table) {
    requireColumns(table, REQUIRED, 'published');
    return (record, process) => {
      const row = parseCells(PublishedRow, record, process);
      return {
        source: record.source,
        process,
        nFinal: row.n_final,
        sigmaLo: row.lo_pb,
        relUp: row.lo_scale_up_pct / 100,
        relDown: row.lo_scale_down_pct / 100,
        envelope: 'published',
        ...(row.nlo_pb === undefined ? {} : { sigmaNlo: row.nlo_pb, relShift: (row.nlo_pb - row.lo_pb) / row.lo_pb }),
      };
    };
  },
};
