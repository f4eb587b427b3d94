import {
  SetSource, dataRow, indexedColumn, isIndexedColumn, parseOrThrow, particleSetFromSource, z,
  type ColumnSelection, type ParticleSet, type RaggedColumn,
} from '@hepuq/core';
import { IO_PLUGIN_NAME } from '../plugin-meta.js';
import { assertColumnsPresent, requiredColumns } from './column-selection.js';
import { ioError } from './io-error.js';

/**
 * How the columns of one set are read. An indexed family is read for i < size (`columns`), and one
 * column per slot beyond (`beyond`: the padding feature's, or the first feature's) is read only to
 * count the particles the size leaves out.
 */
export type PlannedSet =
  | { name: string; spec: SetSource; kind: 'indexed'; slots: number; columns: Record<string, string[]>; beyond: string[] }
  | { name: string; spec: SetSource; kind: 'list'; columns: Record<string, string> };

type IndexedSet = Extract<PlannedSet, { kind: 'indexed' }>;

/** Every column a selection needs: flat ones (roles and indexed set families) and list ones (set columns). */
export interface SelectionPlan {
  /** Flat columns to read: the selection's roles first, then the members of indexed families. */
  flat: string[];
  /** List columns (one list per row) to read for sets. */
  lists: string[];
  sets: PlannedSet[];
}

/** What a format offers for sets: its key (for messages) and whether it has list columns. */
export interface SetSupport {
  format: string;
  lists: boolean;
  /** The names a list column may take (default: `available`), e.g. a tree's branches. */
  listColumns?: readonly string[];
}

const SetSources = z.record(z.string().min(1), SetSource);

/** The selection's sets validated with core's `SetSource` (defaults applied); `InvalidConfig` naming the key. */
export function parseSets(source: string, selection: ColumnSelection): Record<string, SetSource> {
  if (selection.sets === undefined) return {};
  return parseOrThrow(SetSources, selection.sets, { code: 'InvalidConfig', where: `${source}: sets`, path: 'sets', plugin: IO_PLUGIN_NAME });
}

/** Members of an indexed family that exist, i = from, from + 1, ... up to `to` (stopping at the first absent one). */
function familyMembers(pattern: string, have: ReadonlySet<string>, from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i < to && have.has(indexedColumn(pattern, i)); i++) out.push(indexedColumn(pattern, i));
  return out;
}

/** The feature whose column tells an empty slot: the padding rule's, else the set's first. */
function occupancyFeature(spec: SetSource): string {
  return typeof spec.padding === 'object' ? spec.padding.feature : Object.keys(spec.columns)[0];
}

function planIndexed(source: string, name: string, spec: SetSource, available: readonly string[]): PlannedSet {
  const have = new Set(available);
  const columns: Record<string, string[]> = {};
  for (const [f, pattern] of Object.entries(spec.columns)) {
    columns[f] = familyMembers(pattern, have, 0, spec.size);
    if (columns[f].length === 0) assertColumnsPresent(`${source}: particle set "${name}", family "${pattern}"`, available, [indexedColumn(pattern, 0)]);
  }
  const counts = Object.entries(columns).map(([f, c]) => ({ pattern: spec.columns[f], slots: c.length }));
  const odd = counts.find((c) => c.slots !== counts[0].slots);
  if (odd) {
    throw ioError('ShapeMismatch', `${source}: particle set "${name}": ${counts.map((c) => `"${c.pattern}" has ${c.slots} column${c.slots === 1 ? '' : 's'}`).join(', ')} (of the ${spec.size} the set reads); every family must have as many`, {
      hint: `A family is read for i = 0, 1, ... while the column exists, up to size - 1 = ${spec.size - 1}.`,
    });
  }
  const slots = counts[0].slots;
  const beyond = slots === spec.size ? familyMembers(spec.columns[occupancyFeature(spec)], have, spec.size, Infinity) : [];
  return { name, spec, kind: 'indexed', slots, columns, beyond };
}

/**
 * Work out which columns a selection reads (flat roles, indexed set families, list columns), or fail
 * naming the file: no feature and no set (`InvalidArgument`), bad set options (`InvalidConfig`), an
 * absent column (`MissingColumn`, listing `available`), families of different lengths (`ShapeMismatch`),
 * list columns in a format without them (`UnsupportedFormat`).
 * @example const plan = planSelection('jets.h5:/table', { features: [], label: 'is_signal_new', sets: { c: { columns: { e: 'E_{i}' }, size: 20 } } }, await fmt.columns!(path), { format: 'hdf5', lists: false })
 */
export function planSelection(source: string, selection: ColumnSelection, available: readonly string[], support: SetSupport): SelectionPlan {
  const specs = parseSets(source, selection);
  if (selection.features.length === 0 && Object.keys(specs).length === 0) {
    throw ioError('InvalidArgument', `${source}: select at least one feature column or a particle set`);
  }
  const sets: PlannedSet[] = Object.entries(specs).map(([name, spec]) => {
    const columns = Object.values(spec.columns);
    if (isIndexedColumn(columns[0])) return planIndexed(source, name, spec, available);
    if (!support.lists) {
      throw ioError('UnsupportedFormat', `${source}: particle set "${name}" names list columns (${columns.join(', ')}), which the ${support.format} format does not have`, {
        hint: 'Name a family of flat columns with {i}, e.g. `e: E_{i}` for E_0, E_1, ... (the top-tagging layout).',
      });
    }
    return { name, spec, kind: 'list', columns: { ...spec.columns } };
  });
  const lists = [...new Set(sets.flatMap((s) => (s.kind === 'list' ? Object.values(s.columns) : [])))];
  assertColumnsPresent(source, support.listColumns ?? available, lists);
  const indexed = sets.flatMap((s) => (s.kind === 'indexed' ? [...Object.values(s.columns).flat(), ...s.beyond] : []));
  return { flat: [...new Set([...requiredColumns(selection), ...indexed])], lists, sets };
}

/**
 * Which slots are empty under the set's padding rule: every column 0 (`all-zero`, the default), or
 * the rule's feature equal to its value. `slotEmpty(i, j)` for row i, slot j.
 */
function emptySlots(set: IndexedSet, cols: Record<string, Float32Array[]>): (i: number, j: number) => boolean {
  const rule = set.spec.padding ?? 'all-zero';
  if (rule !== 'all-zero') {
    const c = cols[rule.feature];
    return (i, j) => c[j][i] === rule.value;
  }
  const all = Object.values(cols);
  return (i, j) => {
    for (const c of all) if (c[j][i] !== 0) return false;
    return true;
  };
}

/** Per row, the occupied slots beyond the set's size (their occupancy column differs from the padding value). */
function unreadParticles(set: IndexedSet, flat: ReadonlyMap<string, Float32Array>, n: number): Int32Array {
  const empty = typeof set.spec.padding === 'object' ? set.spec.padding.value : 0;
  const out = new Int32Array(n);
  for (const c of set.beyond) {
    const col = flat.get(c)!;
    for (let i = 0; i < n; i++) if (col[i] !== empty) out[i]++;
  }
  return out;
}

/** Indexed slots as per-row lists: the non-empty slots of each row, in slot order. */
function compactIndexed(set: IndexedSet, flat: ReadonlyMap<string, Float32Array>, n: number): Record<string, RaggedColumn> {
  const cols = Object.fromEntries(Object.entries(set.columns).map(([f, names]) => [f, names.map((c) => flat.get(c)!)]));
  const keep = new Uint8Array(n * set.slots);
  const offsets = new Int32Array(n + 1);
  const empty = emptySlots(set, cols);
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (let j = 0; j < set.slots; j++) {
      if (empty(i, j)) continue;
      keep[i * set.slots + j] = 1;
      c++;
    }
    offsets[i + 1] = offsets[i] + c;
  }
  return Object.fromEntries(
    Object.entries(cols).map(([f, slots]) => {
      const values = new Float32Array(offsets[n]);
      let k = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < set.slots; j++) if (keep[i * set.slots + j]) values[k++] = slots[j][i];
      return [f, { offsets, values }];
    }),
  );
}

/**
 * Build the planned sets from what was read: indexed families from the flat columns (empty slots
 * dropped), list sets from the list columns. Rows in errors count from `rowOffset` (1-based).
 * @example const sets = assembleSets(where, plan, flatByName, listsByName, range.start)
 */
export function assembleSets(
  source: string,
  plan: SelectionPlan,
  flat: ReadonlyMap<string, Float32Array>,
  lists: ReadonlyMap<string, RaggedColumn>,
  n: number,
  rowOffset: number,
): Record<string, ParticleSet> {
  const out: Record<string, ParticleSet> = {};
  for (const set of plan.sets) {
    let columns: Record<string, RaggedColumn>;
    let unread: Int32Array | undefined;
    if (set.kind === 'indexed') {
      columns = compactIndexed(set, flat, n);
      if (set.beyond.length > 0) unread = unreadParticles(set, flat, n);
    } else {
      columns = Object.fromEntries(Object.entries(set.columns).map(([f, c]) => [f, lists.get(c)!]));
      for (const [f, c] of Object.entries(columns)) {
        if (c.offsets.length - 1 !== n) throw ioError('ShapeMismatch', `${source}: particle set "${set.name}": list column "${set.columns[f]}" has ${c.offsets.length - 1} rows, expected ${n} (${dataRow(rowOffset + n - 1)} is the last)`);
      }
    }
    out[set.name] = particleSetFromSource(set.name, set.spec, columns, { source, rowOffset, unread });
  }
  return out;
}
