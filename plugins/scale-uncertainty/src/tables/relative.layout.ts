import { z } from '@hepuq/core';
import { nFinalCell, parseCells, requireColumns, uncertaintyCell } from './cells.js';
import type { TableLayout } from './table-layout.js';

const REQUIRED = ['n_final', 'rel_scale_unc_up', 'rel_scale_unc_down'] as const;

const RelativeRow = z.object({
  n_final: nFinalCell,
  rel_scale_unc_up: uncertaintyCell,
  rel_scale_unc_down: uncertaintyCell,
});

/**
 * Relative scale uncertainties only (`rel_scale_unc_up`, `rel_scale_unc_down`), as in the QCD
 * reference table (Table 1 of arXiv:2210.15167). Such rows have no NLO and serve as references.
 * A `per_particle_*` column, if present, is ignored: the average is recomputed from Δσ/σ0 and n.
 */
export const relativeLayout: TableLayout = {
  name: 'relative',
  marker: 'rel_scale_unc_up',
  prepare(table) {
    requireColumns(table, REQUIRED, 'relative');
    return (record, process) => {
      const row = parseCells(RelativeRow, record, process);
      return {
        source: record.source,
        process,
        nFinal: row.n_final,
        relUp: row.rel_scale_unc_up,
        relDown: row.rel_scale_unc_down,
        envelope: 'published',
      };
    };
  },
};
