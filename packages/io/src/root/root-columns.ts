import { assertColumnsPresent } from '../common/column-selection.js';
import { ioError } from '../common/io-error.js';
import type { RootOptions } from './root-options.js';
import type { RootBranch, RootSource } from './root-source.js';

/** How one output column is filled from one branch. */
export interface ColumnPlan {
  name: string;
  branch: string;
  /** `list`: the entry's whole list, for a particle set (one list per entry, never flattened). */
  mode: 'scalar' | 'element' | 'first' | 'count' | 'pad' | 'flatten' | 'list';
  /** Element index for `element` (fixed arrays) and `pad`. */
  index: number;
}

/** The column names a tree offers under the given options (fixed arrays and padded branches expand to `_j`). */
export function rootColumnNames(branches: readonly RootBranch[], opts: RootOptions): string[] {
  return branches.flatMap((b) => {
    if (b.shape.kind === 'fixed') return Array.from({ length: b.shape.length }, (_, j) => `${b.name}_${j}`);
    if (b.shape.kind === 'jagged' && opts.jagged === 'pad') return Array.from({ length: opts.padLength ?? 0 }, (_, j) => `${b.name}_${j}`);
    return [b.name];
  });
}

/**
 * Work out how each wanted column is read, or fail naming file, tree and branch: unknown columns
 * (`MissingColumn`), jagged branches without `options.jagged` (`InvalidConfig`), branches of strings
 * or objects (`ParseError`).
 */
export function planRootColumns(src: RootSource, wanted: readonly string[], opts: RootOptions): ColumnPlan[] {
  const where = `${src.path}:${src.item}`;
  const byName = new Map(src.branches.map((b) => [b.name, b]));
  const find = (w: string): ColumnPlan | null => {
    const b = byName.get(w);
    if (b) {
      switch (b.shape.kind) {
        case 'scalar':
          return { name: w, branch: w, mode: 'scalar', index: 0 };
        case 'unsupported':
          throw ioError('ParseError', `${where}: branch "${w}" holds ${b.shape.why}, not numbers hepuq can read as float32`);
        case 'fixed':
          throw ioError('MissingColumn', `${where}: branch "${w}" is a fixed array of ${b.shape.length}; select its elements ${w}_0..${w}_${b.shape.length - 1}`);
        case 'jagged':
          if (opts.jagged === undefined) {
            throw ioError('InvalidConfig', `${where}: branch "${w}" is jagged (a variable number of values per entry); choose options.jagged: flatten, pad, first or count`, {
              hint: "Set e.g. `options: { jagged: 'pad', padLength: 4 }` on the data source; hepuq never flattens silently.",
            });
          }
          if (opts.jagged === 'pad') throw ioError('MissingColumn', `${where}: with jagged: 'pad' branch "${w}" gives columns ${w}_0..${w}_${(opts.padLength ?? 1) - 1}`);
          return { name: w, branch: w, mode: opts.jagged, index: 0 };
      }
    }
    const m = /^(.*)_(\d+)$/.exec(w);
    const base = m ? byName.get(m[1]) : undefined;
    if (!m || !base) return null;
    const j = Number(m[2]);
    if (base.shape.kind === 'fixed' && j < base.shape.length) return { name: w, branch: base.name, mode: 'element', index: j };
    if (base.shape.kind === 'jagged' && opts.jagged === 'pad' && j < (opts.padLength ?? 0)) return { name: w, branch: base.name, mode: 'pad', index: j };
    return null;
  };
  const plans = wanted.map(find);
  const missing = wanted.filter((_, i) => plans[i] === null);
  if (missing.length > 0) assertColumnsPresent(where, rootColumnNames(src.branches, opts), wanted);
  return plans as ColumnPlan[];
}

/**
 * Plan branches read whole, one list per entry, for particle sets: jagged branches (counted arrays,
 * std::vector, RNTuple vector fields; jsroot reads the counter branch itself) and fixed arrays (lists
 * of constant length). A scalar branch is an `InvalidConfig` error, strings and objects `ParseError`.
 */
export function planRootLists(src: RootSource, lists: readonly string[]): ColumnPlan[] {
  const where = `${src.path}:${src.item}`;
  const byName = new Map(src.branches.map((b) => [b.name, b]));
  assertColumnsPresent(where, src.branches.map((b) => b.name), lists);
  return lists.map((w) => {
    const b = byName.get(w)!;
    if (b.shape.kind === 'unsupported') throw ioError('ParseError', `${where}: branch "${w}" holds ${b.shape.why}, not numbers hepuq can read as float32`);
    if (b.shape.kind === 'scalar') {
      throw ioError('InvalidConfig', `${where}: branch "${w}" holds one value per entry; a particle-set column must be jagged (one list per entry)`, {
        hint: 'Name the per-particle branches (e.g. Jet_Px) in `sets`, or an indexed family of flat columns with {i}.',
      });
    }
    return { name: w, branch: w, mode: 'list', index: 0 };
  });
}
