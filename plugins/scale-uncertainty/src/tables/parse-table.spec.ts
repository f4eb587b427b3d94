import { isHepuqError, type HepuqError } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { parseTable, readTable } from './parse-table.js';
import { SHIPPED_TABLES } from './shipped-tables.js';

/** The HepuqError a call throws (fails the test when it does not throw one). */
function errorOf(fn: () => unknown): HepuqError {
  try {
    fn();
  } catch (e) {
    if (isHepuqError(e)) return e;
    throw e;
  }
  throw new Error('expected a HepuqError');
}

const PUBLISHED_HEADER = 'madgraph_syntax,n_final,lo_pb,lo_scale_up_pct,lo_scale_down_pct,nlo_pb';

describe('shipped tables', () => {
  it('reads the three shipped tables with their layouts', async () => {
    const loNlo = await readTable(SHIPPED_TABLES.loNlo);
    const pulls = await readTable(SHIPPED_TABLES.pulls);
    const reference = await readTable(SHIPPED_TABLES.qcdReference);
    expect([loNlo.layout, pulls.layout, reference.layout]).toEqual(['published', 'published-pulls', 'relative']);
    expect([loNlo.rows.length, pulls.rows.length, reference.rows.length]).toEqual([10, 18, 11]);
    // madgraph_syntax is preferred over the typographic process column
    expect(loNlo.rows[0].process).toBe('p p > wpm');
    // a.1: lo 1.375e5 pb, +15.4% -16.6%, nlo 1.773e5 pb; the down sign is dropped
    expect(loNlo.rows[0]).toMatchObject({ nFinal: 1, sigmaLo: 1.375e5, sigmaNlo: 1.773e5, relUp: 0.154, relDown: 0.166 });
    expect(loNlo.rows[0].relShift).toBeCloseTo((1.773e5 - 1.375e5) / 1.375e5, 12);
    expect(pulls.rows[10]).toMatchObject({ process: 'p p > w+ w- wpm', nFinal: 3, relUp: 1e-3, publishedPull: 610.69 });
    expect(pulls.rows[10].relShift).toBeCloseTo(610.69 * 1e-3, 12);
    expect(reference.rows[2]).toMatchObject({ process: 'p p > t t', nFinal: 2, relUp: 0.29, relDown: 0.211 });
  });

  it('agrees with the t t~ b b~ row of Table 5 quoted in the data README (+62% -35% at LO)', async () => {
    const reference = await readTable(SHIPPED_TABLES.qcdReference);
    const ttbb = reference.rows.find((r) => r.process === 'p p > t t b b');
    // Table 1 quotes 6.21e-1 / 3.57e-1; Table 5 rounds the same variation to whole percent
    expect(ttbb?.relUp).toBeCloseTo(0.62, 2);
    expect(ttbb?.relDown).toBeCloseTo(0.35, 1);
  });
});

describe('scale-point tables', () => {
  const threePoint = 'process,n_final,lo_0.5_0.5,lo_1_1,lo_2_2,nlo_1_1\np p > t t~,2,130,100,78,150\n';

  it('takes the 3-point envelope and the NLO shift', () => {
    const [row] = parseTable(threePoint, { name: 'tt.csv' }).rows;
    expect(row).toMatchObject({ process: 'p p > t t~', envelope: '3-point', sigmaLo: 100, sigmaNlo: 150 });
    expect(row.relUp).toBeCloseTo(0.3, 12);
    expect(row.relDown).toBeCloseTo(0.22, 12);
    expect(row.relShift).toBeCloseTo(0.5, 12);
  });

  it('uses the 7-point set when its columns are present, and never the opposite extremes', () => {
    // (0.5, 2) and (2, 0.5) hold the most extreme values but are not part of the 7-point set
    const text = 'process,n_final,lo_0.5_0.5,lo_0.5_1,lo_1_0.5,lo_1_1,lo_1_2,lo_2_1,lo_2_2,lo_0.5_2,lo_2_0.5\np p > j j,2,120,135,110,100,90,85,80,200,10\n';
    const [row] = parseTable(text, { name: 'jj.csv' }).rows;
    expect(row.envelope).toBe('7-point');
    expect(row.relUp).toBeCloseTo(0.35, 12);
    expect(row.relDown).toBeCloseTo(0.2, 12);
    const [three] = parseTable(text, { name: 'jj.csv', envelope: '3-point' }).rows;
    expect(three.relUp).toBeCloseTo(0.2, 12);
  });

  it('asks for the 7-point columns when the 7-point envelope is forced', () => {
    const e = errorOf(() => parseTable(threePoint, { name: 'tt.csv', envelope: '7-point' }));
    expect(e.code).toBe('MissingColumn');
    expect(e.message).toContain('"lo_0.5_1"');
  });

  it('rejects a row whose envelope has a zero side, naming the row', () => {
    const text = 'process,n_final,lo_0.5_0.5,lo_1_1,lo_2_2\np p > z,1,90,100,95\n';
    const e = errorOf(() => parseTable(text, { name: 'flat.csv' }));
    expect(e.code).toBe('InvalidArgument');
    expect(e.message).toContain('flat.csv row 1 (line 2) ("p p > z")');
    expect(e.message).toContain('zero upward scale uncertainty');
  });
});

describe('bad tables give catalog errors naming the row', () => {
  it('missing column in the header', () => {
    const e = errorOf(() => parseTable('madgraph_syntax,n_final,lo_pb,lo_scale_up_pct\np p > z,1,10,5\n', { name: 'bad.csv' }));
    expect(e.code).toBe('MissingColumn');
    expect(e.message).toContain('bad.csv header (line 1)');
    expect(e.message).toContain('"lo_scale_down_pct"');
  });

  it('empty cell', () => {
    const e = errorOf(() => parseTable(`${PUBLISHED_HEADER}\np p > z,1,10,5,-4,12\np p > z j,2,,5,-4,12\n`, { name: 'bad.csv' }));
    expect(e.code).toBe('MissingColumn');
    expect(e.message).toBe('bad.csv row 2 (line 3) ("p p > z j"), column "lo_pb": no value');
  });

  it('negative cross section', () => {
    const e = errorOf(() => parseTable(`${PUBLISHED_HEADER}\np p > z,1,10,5,-4,12\np p > z j,2,-3,5,-4,12\n`, { name: 'bad.csv' }));
    expect(e.code).toBe('InvalidArgument');
    expect(e.message).toContain('bad.csv row 2 (line 3) ("p p > z j"), column "lo_pb"');
    expect(e.message).toContain('positive');
  });

  it('negative NLO cross section', () => {
    const e = errorOf(() => parseTable(`${PUBLISHED_HEADER}\np p > z,1,10,5,-4,-12\n`, { name: 'bad.csv' }));
    expect(e.code).toBe('InvalidArgument');
    expect(e.message).toContain('column "nlo_pb"');
  });

  it('zero uncertainty', () => {
    const e = errorOf(() => parseTable(`${PUBLISHED_HEADER}\np p > z,1,10,5,0,12\n`, { name: 'bad.csv' }));
    expect(e.code).toBe('InvalidArgument');
    expect(e.message).toContain('row 1 (line 2) ("p p > z"), column "lo_scale_down_pct": zero scale uncertainty');
    const pulls = errorOf(() => parseTable('madgraph_syntax,n_final,rel_scale_unc_lo,pull_nlo_vs_lo\np p > z z,2,0,3\n', { name: 'p.csv' }));
    expect(pulls.code).toBe('InvalidArgument');
    expect(pulls.message).toContain('p.csv row 1 (line 2) ("p p > z z"), column "rel_scale_unc_lo"');
  });

  it('text where a number belongs', () => {
    const e = errorOf(() => parseTable(`${PUBLISHED_HEADER}\np p > z,one,10,5,-4,12\n`, { name: 'bad.csv' }));
    expect(e.code).toBe('ParseError');
    expect(e.message).toContain('column "n_final": "one" is not a finite number');
  });

  it('fractional particle count', () => {
    const e = errorOf(() => parseTable(`${PUBLISHED_HEADER}\np p > z,1.5,10,5,-4,12\n`, { name: 'bad.csv' }));
    expect(e.code).toBe('InvalidArgument');
    expect(e.message).toContain('column "n_final"');
  });

  it('ragged CSV row', () => {
    const e = errorOf(() => parseTable(`${PUBLISHED_HEADER}\np p > z,1,10,5,-4,12,99\n`, { name: 'bad.csv' }));
    expect(e.code).toBe('ParseError');
    expect(e.message).toContain('bad.csv');
  });

  it('unknown layout and missing process column', () => {
    expect(errorOf(() => parseTable('process,n_final,sigma\np p > z,1,3\n', { name: 'x.csv' })).code).toBe('MissingColumn');
    const e = errorOf(() => parseTable('n_final,rel_scale_unc_lo,pull_nlo_vs_lo\n1,0.1,2\n', { name: 'x.csv' }));
    expect(e.code).toBe('MissingColumn');
    expect(e.message).toContain('no process column');
  });

  it('JSON rows are named by index', () => {
    const json = JSON.stringify({ citation: 'mine', rows: [
      { process: 'p p > z', n_final: 1, rel_scale_unc_lo: 0.1, pull_nlo_vs_lo: 2 },
      { process: 'p p > z j', n_final: 2, pull_nlo_vs_lo: 1 },
    ] });
    const e = errorOf(() => parseTable(json, { name: 'mine.json' }));
    expect(e.code).toBe('MissingColumn');
    expect(e.message).toBe('mine.json rows[1] ("p p > z j"), column "rel_scale_unc_lo": no value');
  });

  it('files: unsupported extension, unreadable path, malformed JSON', async () => {
    await expect(readTable('table.txt')).rejects.toMatchObject({ code: 'UnsupportedFormat' });
    await expect(readTable('/nonexistent/table.csv')).rejects.toMatchObject({ code: 'FileUnreadable' });
    expect(errorOf(() => parseTable('[{"process": ', { name: 'x.json' })).code).toBe('ParseError');
  });
});

describe('JSON tables', () => {
  it('reads an array of rows with numbers or numeric strings', () => {
    const json = JSON.stringify([{ madgraph_syntax: 'p p > b b', n_final: '2', rel_scale_unc_up: 0.252, rel_scale_unc_down: -0.189 }]);
    const table = parseTable(json, { name: 'ref.json' });
    expect(table.layout).toBe('relative');
    expect(table.rows[0]).toMatchObject({ process: 'p p > b b', nFinal: 2, relUp: 0.252, relDown: 0.189, source: 'ref.json rows[0]' });
  });
});
