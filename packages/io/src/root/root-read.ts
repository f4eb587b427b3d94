import { ioError, wrapIoError } from '../common/io-error.js';
import { RaggedBuilder } from '../common/ragged.js';
import type { ColumnBlock } from '../common/rechunk.js';
import type { ColumnPlan } from './root-columns.js';
import { guardJsroot } from './jsroot-guard.js';
import type { RootSource } from './root-source.js';

/** A float32 column that grows by doubling (flattened jagged rows have no size known in advance). */
class Growable {
  data = new Float32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

type Values = ArrayLike<unknown>;

function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  return Number.NaN;
}

function isValues(v: unknown): v is Values {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

/** One value of a non-flattened column for the current entry. */
function entryValue(p: ColumnPlan, v: unknown, fill: number): number {
  switch (p.mode) {
    case 'scalar':
      return num(v);
    case 'count':
      return isValues(v) ? v.length : Number.NaN;
    case 'first':
      return isValues(v) ? (v.length > 0 ? num(v[0]) : fill) : Number.NaN;
    case 'pad':
      return isValues(v) ? (p.index < v.length ? num(v[p.index]) : fill) : Number.NaN;
    default:
      return isValues(v) ? num(v[p.index]) : Number.NaN;
  }
}

/** Distinct branches of the plans, scalar ones first. */
function branchOrder(plans: readonly ColumnPlan[]): string[] {
  const scalar = plans.filter((p) => p.mode === 'scalar').map((p) => p.branch);
  return [...new Set([...scalar, ...plans.map((p) => p.branch)])];
}

interface Selector {
  tgtobj: Record<string, unknown>;
  tgtarr: Record<string, Values>;
  addBranch(name: string): number;
  Abort(): void;
  Process?: (entry: number) => void;
  ProcessArrays?: (entry: number) => void;
}

/**
 * Read entries [start, end) of the planned columns in blocks of `blockEntries` entries (one jsroot
 * TTree/RNTuple process call per block). Without `flatten` a block has one row per entry; with it,
 * one row per element of the jagged branches (which must agree in length), scalars repeated.
 * `list` plans (particle-set columns) go to the block's `lists`, in plan order, and are not
 * combined with `flatten`; the other plans fill `columns` in plan order.
 */
export async function* readRootBlocks(
  src: RootSource,
  plans: readonly ColumnPlan[],
  fill: number,
  start: number,
  end: number,
  blockEntries: number,
): AsyncGenerator<ColumnBlock> {
  const where = `${src.path}:${src.item}`;
  const { TSelector, treeProcess } = await import('jsroot/tree');
  const process = src.kind === 'ttree' ? treeProcess : (await import('jsroot/rntuple')).rntupleProcess;
  const flatten = plans.some((p) => p.mode === 'flatten');
  const jagged = plans.filter((p) => p.mode === 'flatten');
  const listPlans = plans.filter((p) => p.mode === 'list');
  if (flatten && listPlans.length > 0) throw ioError('InvalidConfig', `${where}: particle sets cannot be read with jagged: 'flatten' (its rows are particles, not events)`);
  const rowPlans = plans.filter((p) => p.mode !== 'list');
  const allScalar = plans.every((p) => p.mode === 'scalar');
  let flatRows = 0;
  for (let lo = start; lo < end; lo += blockEntries) {
    const hi = Math.min(end, lo + blockEntries);
    const selector = new TSelector() as unknown as Selector;
    // scalars first: a counter branch (NMuon) must be registered before the jagged branch it counts
    for (const b of branchOrder(plans)) selector.addBranch(b);
    let failure: unknown;
    let processed = 0;
    const fail = (e: unknown) => {
      failure ??= e;
      selector.Abort();
    };
    const fixed = flatten ? [] : rowPlans.map(() => new Float32Array(hi - lo));
    const grow = flatten ? plans.map(() => new Growable()) : [];
    const lists = listPlans.map(() => new RaggedBuilder());
    if (!flatten) {
      selector.Process = (entry) => {
        if (failure !== undefined) return;
        const row = entry - lo;
        for (let j = 0; j < rowPlans.length; j++) fixed[j][row] = entryValue(rowPlans[j], selector.tgtobj[rowPlans[j].branch], fill);
        for (let j = 0; j < listPlans.length; j++) {
          const v = selector.tgtobj[listPlans[j].branch];
          if (!isValues(v)) {
            fail(ioError('FileUnreadable', `${where}: entry ${entry}: branch "${listPlans[j].branch}" gave no list of values`));
            return;
          }
          lists[j].push(Array.from(v, num));
        }
        processed++;
      };
      if (allScalar) {
        // jsroot hands whole baskets of simple scalar branches over as typed arrays
        selector.ProcessArrays = (entry) => {
          if (failure !== undefined) return;
          let n = 0;
          for (let j = 0; j < plans.length; j++) {
            const arr = selector.tgtarr[plans[j].branch];
            n = arr.length;
            const out = fixed[j];
            for (let i = 0; i < n; i++) out[entry - lo + i] = num(arr[i]);
          }
          processed += n;
        };
      }
    } else {
      selector.Process = (entry) => {
        if (failure !== undefined) return;
        const lists = jagged.map((p) => selector.tgtobj[p.branch]);
        const n = isValues(lists[0]) ? lists[0].length : 0;
        for (let k = 0; k < lists.length; k++) {
          const len = isValues(lists[k]) ? (lists[k] as Values).length : -1;
          if (len !== n) {
            fail(ioError('ShapeMismatch', `${where}: entry ${entry}: jagged branches "${jagged[0].branch}" (${n} values) and "${jagged[k].branch}" (${len}) differ; flatten needs equal lengths`));
            return;
          }
        }
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < plans.length; j++) {
            const p = plans[j];
            const v = selector.tgtobj[p.branch];
            grow[j].push(p.mode === 'flatten' ? num((v as Values)[i]) : entryValue(p, v, fill));
          }
        }
        processed++;
      };
    }
    try {
      await guardJsroot(() => process(src.handle, selector as never, { firstentry: lo, numentries: hi - lo }));
    } catch (e) {
      failure ??= e;
    }
    // a HepuqError raised in Process (ShapeMismatch) passes through; jsroot's own errors name the file
    if (failure !== undefined) throw wrapIoError(failure, 'FileUnreadable', where, `cannot be read at entries ${lo}-${hi}`);
    if (processed !== hi - lo) {
      throw ioError('FileUnreadable', `${where}: only ${processed} of entries ${lo}-${hi} could be read (damaged baskets or pages?)`);
    }
    if (flatten) {
      const columns = grow.map((g) => g.data.slice(0, g.length));
      yield { columns, firstRow: flatRows };
      flatRows += columns[0].length;
    } else {
      yield listPlans.length > 0 ? { columns: fixed, lists: lists.map((l) => l.finish()), firstRow: lo } : { columns: fixed, firstRow: lo };
    }
  }
}
