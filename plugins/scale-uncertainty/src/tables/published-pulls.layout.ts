import { z } from '@hepuq/core';
import { finiteCell, nFinalCell, parseCells, requireColumns, uncertaintyCell } from './cells.js';
import type { TableLayout } from './table-layout.js';

const REQUIRED = ['n_final', 'rel_scale_unc_lo', 'pull_nlo_vs_lo'] as const;

const PublishedPullRow = z.object({
  n_final: nFinalCell,
  rel_scale_unc_lo: uncertaintyCell,
  pull_nlo_vs_lo: finiteCell,
});

/**
 * Published pulls as in arXiv:2210.15167: the LO scale uncertainty that was used (`rel_scale_unc_lo`)
 * and the pull (`pull_nlo_vs_lo`). The relative shift is recovered as t * Δσ/σ0, so the
 * reference-process method can re-weigh it; the one uncertainty serves both directions.
 */
export const publishedPullsLayout: TableLayout = {
  name: 'published-pulls',
  marker: 'pull_nlo_vs_lo',
  prepare(table) {
    requireColumns(table, REQUIRED, 'published-pulls');
    return (record, process) => {
      const row = parseCells(PublishedPullRow, record, process);
      return {
        source: record.source,
        process,
        nFinal: row.n_final,
        relUp: row.rel_scale_unc_lo,
        relDown: row.rel_scale_unc_lo,
        envelope: 'published',
        relShift: row.pull_nlo_vs_lo * row.rel_scale_unc_lo,
        publishedPull: row.pull_nlo_vs_lo,
      };
    };
  },
};
