import { resolve } from 'node:path';
import { ioError, wrapIoError } from '../common/io-error.js';
import { assertCompleteRootFile } from './root-header.js';

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

/**
 * Open a ROOT file with jsroot and select its TTree or RNTuple: `item` names it (`events`,
 * `dir/events`); without one, the file must hold exactly one.
 */
export async function openRoot(path: string, item: string | undefined): Promise<RootSource> {
  await assertCompleteRootFile(path);
  const { openFile } = await import('jsroot/io');
  let file: JsrootFile;
  try {
    file = (await openFile(`file://${resolve(path)}`)) as JsrootFile;
  } catch (e) {
    throw wrapIoError(e, 'FileUnreadable', path, 'cannot be opened by jsroot');
  }
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
  } catch {
    obj = null;
  }
  if (!obj) throw ioError('MissingItem', `${path}: no tree "${name}"; the file holds: ${listing}`);
  const cls = String(obj._typename);
  if (TREE_CLASSES.has(cls)) {
    const branches: RootBranch[] = [];
    for (const b of (obj.fBranches as { arr: JsrootBranch[] }).arr) describeTBranch(b, branches);
    return { path, item: name, kind: 'ttree', entries: Number(obj.fEntries), branches, handle: obj };
  }
  if (TUPLE_CLASSES.has(cls)) {
    const { readHeaderFooter } = await import('jsroot/rntuple');
    try {
      if (!(await readHeaderFooter(obj))) throw new Error('header or footer cannot be read');
    } catch (e) {
      throw wrapIoError(e, 'FileUnreadable', where, 'RNTuple header cannot be read');
    }
    const builder = obj.builder as { fieldDescriptors: FieldDescriptor[]; clusterSummaries: { numEntries: number }[] };
    const top = builder.fieldDescriptors.filter((d, i) => d.parentFieldId === i);
    const entries = builder.clusterSummaries.reduce((s, c) => s + Number(c.numEntries), 0);
    return { path, item: name, kind: 'rntuple', entries, branches: top.map(describeField), handle: obj };
  }
  throw ioError('MissingItem', `${where} is a ${cls}, not a TTree or RNTuple; the file holds: ${listing}`);
}
