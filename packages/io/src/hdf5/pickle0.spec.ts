import { describe, expect, it } from 'vitest';
import { parsePickle0, pickledStringList } from './pickle0.js';

describe('parsePickle0', () => {
  it('reads the lists pandas/PyTables store in values_block_N_kind (copied from a real file)', () => {
    expect(pickledStringList('(lp0\nVE_0\np1\naVE_1\np2\naVE_2\np3\naVE_3\np4\na.')).toEqual(['E_0', 'E_1', 'E_2', 'E_3']);
  });

  it('reads non_index_axes: a list of (axis, names) tuples', () => {
    expect(parsePickle0('(lp0\n(I1\n(lp1\nVE_0\np2\naVPX_0\np3\natp4\na.')).toEqual([[1, ['E_0', 'PX_0']]]);
  });

  it('reads Python 2 byte strings, unicode escapes and memo references', () => {
    expect(pickledStringList("(lp0\nS'pt'\np1\naVna\\u00efve\np2\nag1\na.")).toEqual(['pt', 'na\u00efve', 'pt']);
  });

  it('gives null for what it does not understand', () => {
    expect(parsePickle0('N.')).toBeNull();
    expect(parsePickle0('\x80\x02]q\x00.')).toBeNull();
    expect(pickledStringList('(lp0\nI3\na.')).toBeNull();
    expect(parsePickle0('(lp0\nVE_0')).toBeNull();
  });
});
