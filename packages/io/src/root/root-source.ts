import type { FileProxy } from 'jsroot/io';
import { ioError, wrapIoError } from '../common/io-error.js';
import { assertCompleteRootFile } from './root-header.js';
import { guardJsroot } from './jsroot-guard.js';
import { useJsZstd } from './jsroot-zstd.js';
import { openRootFile } from './root-file.js';

/** How one branch (TTree) or top-level field (RNTuple) maps to float32 columns. */
export type BranchShape =
  | { kind: 'scalar' }
  | { kind: 'fixed'; length: number }
  | { kind: 'jagged' }
  | { kind: 'unsupported'; why: string };

export interface RootBranch {
  name: string;
  shape: BranchShape;
}

/** An opened TTree or RNTuple with its entry count and readable branches. */
export interface RootSource {
  path: string;
  /** Name of the tree inside the file (shown in errors as `file.root:tree`). */
  item: string;
  kind: 'ttree' | 'rntuple';
  entries: number;
  branches: RootBranch[];
  /** The jsroot TTree or RNTuple object. */
  handle: unknown;
  /** Release the file (jsroot reads baskets and pages through it until then). */
  close(): void;
}

interface JsrootKey {
  fName: string;
  fClassName: string;
}
interface JsrootFile {
  fKeys: JsrootKey[];
  readObject(name: string): Promise<Record<string, unknown>>;
}
interface JsrootLeaf {
  _typename: string;
  fLen: number;
  fLeafCount?: unknown;
}
interface JsrootBranch {
  _typename: string;
  fName: string;
  fClassName?: string;
  fBranches: { arr: JsrootBranch[] };
  fLeaves: { arr: JsrootLeaf[] };
}
interface FieldDescriptor {
  fieldName: string;
  typeName: string;
  parentFieldId: number;
}

const TREE_CLASSES = new Set(['TTree', 'TNtuple', 'TNtupleD']);
const TUPLE_CLASSES = new Set(['ROOT::RNTuple', 'ROOT::Experimental::RNTuple']);
const NUMERIC_LEAVES = new Set(['TLeafF', 'TLeafD', 'TLeafI', 'TLeafS', 'TLeafB', 'TLeafL', 'TLeafO', 'TLeafG', 'TLeafF16', 'TLeafD32']);
const CXX_NUMBER = String.raw`(?:std::)?(?:u?int(?:8|16|32|64)_t|float|double|bool|char|signed char|unsigned char|(?:unsigned )?(?:short|int|long|long long)|Float_t|Double_t|Int_t|UInt_t|Long64_t|ULong64_t|Short_t|UShort_t|Bool_t|Char_t|UChar_t)`;
const SCALAR_TYPE = new RegExp(`^${CXX_NUMBER}$`);
const VECTOR_TYPE = new RegExp(`^(?:std::vector|ROOT::VecOps::RVec|ROOT::RVec|vector)<\\s*${CXX_NUMBER}\\s*>$`);
const ARRAY_TYPE = new RegExp(`^std::array<\\s*${CXX_NUMBER}\\s*,\\s*(\\d+)\\s*>$`);

/** The shape of a TTree branch from its leaf (scalar, fixed `x[k]`, counted `x[n]`, std::vector). */
function describeTBranch(b: JsrootBranch, out: RootBranch[]): void {
  if (b.fBranches.arr.length > 0) {
    for (const sub of b.fBranches.arr) describeTBranch(sub, out);
    return;
  }
  const leaves = b.fLeaves.arr;
  const name = b.fName;
  if (leaves.length !== 1) {
    out.push({ name, shape: { kind: 'unsupported', why: `a leaf list of ${leaves.length} leaves` } });
    return;
  }
  const leaf = leaves[0];
  if (b._typename === 'TBranchElement') {
    const cls = b.fClassName ?? '';
    if (VECTOR_TYPE.test(cls)) out.push({ name, shape: { kind: 'jagged' } });
    else if (SCALAR_TYPE.test(cls) || (cls === '' && leaf._typename === 'TLeafElement' && leaf.fLen === 1)) out.push({ name, shape: { kind: 'scalar' } });
    else out.push({ name, shape: { kind: 'unsupported', why: `objects of class ${cls || 'unknown'}` } });
    return;
  }
  if (!NUMERIC_LEAVES.has(leaf._typename)) {
    out.push({ name, shape: { kind: 'unsupported', why: leaf._typename === 'TLeafC' ? 'strings' : `${leaf._typename} values` } });
  } else if (leaf.fLeafCount) {
    out.push({ name, shape: leaf.fLen > 1 ? { kind: 'unsupported', why: 'a jagged array of fixed arrays' } : { kind: 'jagged' } });
  } else if (leaf.fLen > 1) out.push({ name, shape: { kind: 'fixed', length: leaf.fLen } });
  else out.push({ name, shape: { kind: 'scalar' } });
}

/** The shape of a top-level RNTuple field from its C++ type name. */
function describeField(d: FieldDescriptor): RootBranch {
  const t = d.typeName.trim();
  if (SCALAR_TYPE.test(t)) return { name: d.fieldName, shape: { kind: 'scalar' } };
  if (VECTOR_TYPE.test(t)) return { name: d.fieldName, shape: { kind: 'jagged' } };
  const arr = ARRAY_TYPE.exec(t);
  if (arr) return { name: d.fieldName, shape: { kind: 'fixed', length: Number(arr[1]) } };
  return { name: d.fieldName, shape: { kind: 'unsupported', why: `values of type ${t}` } };
}

function treeKeys(file: JsrootFile): JsrootKey[] {
  const seen = new Set<string>();
  return file.fKeys.filter((k) => (TREE_CLASSES.has(k.fClassName) || TUPLE_CLASSES.has(k.fClassName)) && !seen.has(k.fName) && seen.add(k.fName));
}

/** The branches of a TTree record, checked: a damaged record can lack the lists jsroot fills. */
function treeBranches(where: string, obj: Record<string, unknown>): RootBranch[] {
  const damaged = (what: string) => ioError('FileUnreadable', `${where}: the TTree record is damaged (${what})`);
  const list = (v: unknown): unknown[] | null => {
    const arr = (v as { arr?: unknown } | null | undefined)?.arr;
    return Array.isArray(arr) ? arr : null;
  };
  const top = list(obj.fBranches);
  if (!top) throw damaged('no branch list');
  const check = (b: unknown): void => {
    const sub = list((b as JsrootBranch | null)?.fBranches);
    if (!sub || !list((b as JsrootBranch).fLeaves) || typeof (b as JsrootBranch).fName !== 'string') throw damaged('a branch without name, branches or leaves');
    sub.forEach(check);
  };
  top.forEach(check);
  const branches: RootBranch[] = [];
  for (const b of top as JsrootBranch[]) describeTBranch(b, branches);
  return branches;
}

function entryCount(where: string, n: unknown): number {
  const entries = Number(n);
  if (!Number.isSafeInteger(entries) || entries < 0) throw ioError('FileUnreadable', `${where}: damaged entry count ${String(n)}`);
  return entries;
}

/** Find the tree or RNTuple `item` in an opened file and describe its branches. */
async function selectTree(path: string, item: string | undefined, file: JsrootFile, close: () => void): Promise<RootSource> {
  if (!Array.isArray(file.fKeys)) throw ioError('FileUnreadable', `${path}: the keys list cannot be read`);
  const trees = treeKeys(file);
  const listing = trees.map((k) => `${k.fName} (${k.fClassName})`).join(', ') || '(none)';
  let name = item?.replace(/^\/+/, '');
  if (name === undefined) {
    if (trees.length !== 1) {
      throw ioError('MissingItem', `${path} holds ${trees.length === 0 ? 'no TTree or RNTuple' : `several trees: ${listing}`}; name one as ${path}:<tree>`);
    }
    name = trees[0].fName;
  }
  const where = `${path}:${name}`;
  let obj: Record<string, unknown> | null;
  try {
    obj = await file.readObject(name);
  } catch (e) {
    // a key the file lists but cannot read is damage, not absence
    if (file.fKeys.some((k) => k.fName === name)) throw wrapIoError(e, 'FileUnreadable', where, 'cannot be read');
    obj = null;
  }
  if (!obj) throw ioError('MissingItem', `${path}: no tree "${name}"; the file holds: ${listing}`);
  const cls = String(obj._typename);
  if (TREE_CLASSES.has(cls)) {
    return { path, item: name, kind: 'ttree', entries: entryCount(where, obj.fEntries), branches: treeBranches(where, obj), handle: obj, close };
  }
  if (TUPLE_CLASSES.has(cls)) {
    const { readHeaderFooter } = await import('jsroot/rntuple');
    try {
      if (!(await readHeaderFooter(obj))) throw new Error('header or footer cannot be read');
    } catch (e) {
      throw wrapIoError(e, 'FileUnreadable', where, 'RNTuple header cannot be read');
    }
    const builder = obj.builder as { fieldDescriptors?: FieldDescriptor[]; clusterSummaries?: { numEntries: number }[] } | undefined;
    if (!Array.isArray(builder?.fieldDescriptors) || !Array.isArray(builder.clusterSummaries)) {
      throw ioError('FileUnreadable', `${where}: the RNTuple header or footer is damaged`);
    }
    const top = builder.fieldDescriptors.filter((d, i) => d?.parentFieldId === i && typeof d.fieldName === 'string' && typeof d.typeName === 'string');
    const entries = entryCount(where, builder.clusterSummaries.reduce((s, c) => s + Number(c?.numEntries), 0));
    return { path, item: name, kind: 'rntuple', entries, branches: top.map(describeField), handle: obj, close };
  }
  throw ioError('MissingItem', `${where} is a ${cls}, not a TTree or RNTuple; the file holds: ${listing}`);
}

/**
 * Open a ROOT file with jsroot and select its TTree or RNTuple: `item` names it (`events`,
 * `dir/events`); without one, the file must hold exactly one. jsroot reads through a bounded file
 * proxy under `guardJsroot`, and anything it throws on a damaged file becomes `FileUnreadable`
 * naming the file. Close the source with `close()`.
 */
export async function openRoot(path: string, item: string | undefined): Promise<RootSource> {
  await assertCompleteRootFile(path);
  const { openFile } = await import('jsroot/io');
  await useJsZstd();
  const proxy = await openRootFile(path);
  const close = () => proxy.closeFile();
  try {
    return await guardJsroot(async () => {
      const file = (await openFile(proxy as FileProxy)) as JsrootFile | false;
      if (!file) throw new Error('jsroot cannot open it');
      return selectTree(path, item, file, close);
    });
  } catch (e) {
    close();
    throw wrapIoError(e, 'FileUnreadable', item === undefined ? path : `${path}:${item}`, 'cannot be read by jsroot (damaged file?)');
  }
}
