import { expectSignature, fallback, uint, type H5Bytes } from './h5-bytes.js';
import { btree2Records } from './h5-btree2.js';
import { H5FractalHeap } from './h5-fractal-heap.js';
import { h5Lookup3 } from './h5-lookup3.js';
import { MSG, type H5Message } from './h5-object-header.js';

/** A hard link of a group: its name (raw UTF-8 bytes, as HDF5 orders them) and object header address. */
export interface H5Link {
  name: string;
  bytes: Buffer;
  address: number;
  /** Creation order, when the group tracks it. */
  order: number | null;
}

/** v1 B-tree depth and symbol-table nodes one group may have (a loop in a damaged file must end). */
const MAX_DEPTH = 16;
const MAX_NODES = 1 << 16;

/**
 * The links of a group in the order h5wasm lists them: creation order when the group tracks and
 * indexes it, name order (bytewise, as HDF5's name index) otherwise. Null when the messages are not
 * a group's. Soft, external and user-defined links are fallbacks (h5wasm would follow them).
 */
export function groupLinks(file: H5Bytes, messages: readonly H5Message[]): H5Link[] | null {
  const symbolTable = messages.filter((m) => m.type === MSG.symbolTable);
  const linkInfo = messages.filter((m) => m.type === MSG.linkInfo);
  const linkMsgs = messages.filter((m) => m.type === MSG.link);
  if (symbolTable.length + linkInfo.length === 0) {
    if (linkMsgs.length > 0) fallback('link messages without link info');
    return null;
  }
  if (symbolTable.length + linkInfo.length !== 1) fallback('a group stored two ways');
  if (symbolTable.length === 1) {
    if (linkMsgs.length > 0) fallback('link messages in an old-style group');
    return byName(symbolTableLinks(file, symbolTable[0].body));
  }
  const info = linkInfo[0].body;
  if (info[0] !== 0) fallback(`link info version ${info[0]}`);
  const [tracked, indexed] = [(info[1] & 1) !== 0, (info[1] & 2) !== 0];
  if (tracked && !indexed) fallback('creation order tracked but not indexed');
  const at = 2 + (tracked ? 8 : 0);
  const heap = file.address(info, at);
  let links: H5Link[];
  if (heap === null) {
    links = linkMsgs.map((m) => parseLink(file, m.body));
  } else {
    if (linkMsgs.length > 0) fallback('link messages beside dense storage');
    links = denseLinks(file, heap, file.address(info, at + file.offsetSize) ?? fallback('dense group without name index'));
  }
  if (!tracked) return byName(links);
  if (links.some((l) => l.order === null) || new Set(links.map((l) => l.order)).size !== links.length) fallback('creation orders');
  return unique(links.sort((a, b) => a.order! - b.order!));
}

function byName(links: H5Link[]): H5Link[] {
  return unique(links.sort((a, b) => Buffer.compare(a.bytes, b.bytes)));
}

function unique(links: H5Link[]): H5Link[] {
  if (new Set(links.map((l) => l.name)).size !== links.length) fallback('two links of one name');
  return links;
}

/** Link message: version 1, flags, [type], [creation order], [charset], name length, name, hard link address. */
function parseLink(file: H5Bytes, b: Buffer): H5Link {
  if (b[0] !== 1) fallback(`link message version ${b[0]}`);
  const flags = b[1];
  let at = 2;
  if (flags & 0x08) {
    if (b[at] !== 0) fallback(`link type ${b[at]}`);
    at += 1;
  }
  const order = flags & 0x04 ? uint(b, at, 8) : null;
  if (flags & 0x04) at += 8;
  if (flags & 0x10) {
    if (b[at] > 1) fallback('link name charset');
    at += 1;
  }
  const lenBytes = 1 << (flags & 3);
  const len = uint(b, at, lenBytes);
  at += lenBytes;
  if (len === 0 || at + len + file.offsetSize !== b.length) fallback('link message size');
  const bytes = b.subarray(at, at + len);
  return { name: bytes.toString('utf8'), bytes, address: file.address(b, at + len) ?? fallback('undefined link'), order };
}

/** Dense storage: link messages in a fractal heap, found through the name index (v2 B-tree type 5). */
function denseLinks(file: H5Bytes, heapAddress: number, nameIndex: number): H5Link[] {
  const heap = new H5FractalHeap(file, heapAddress);
  return btree2Records(file, nameIndex, 5, 4 + heap.idLength).map((rec) => {
    const link = parseLink(file, heap.object(rec.subarray(4)));
    if (h5Lookup3(link.bytes) !== uint(rec, 0, 4)) fallback('link name hash mismatch');
    return link;
  });
}

/** Old-style group: a v1 B-tree (type 0) of symbol-table nodes, names in a local heap. */
function symbolTableLinks(file: H5Bytes, body: Buffer): H5Link[] {
  const O = file.offsetSize;
  const btree = file.address(body, 0) ?? fallback('symbol table without B-tree');
  const names = localHeap(file, file.address(body, O) ?? fallback('symbol table without heap'));
  const out: H5Link[] = [];
  let nodes = 0;
  // each key names the bound between its children (lo < name <= hi): names read through a damaged
  // heap or B-tree break the bounds or the order, and HDF5's lookups by name would fail on them
  const visit = (address: number, depth: number, level: number | null, lo: Buffer | null, hi: Buffer | null): void => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) fallback('v1 B-tree too deep');
    const head = file.read(address, 8 + 2 * O);
    expectSignature(head, 0, 'TREE');
    const [type, nodeLevel, used] = [head[4], head[5], uint(head, 6, 2)];
    if (type !== 0 || (level !== null && nodeLevel !== level)) fallback('v1 B-tree node');
    // keys (heap offsets, size of lengths) and children interleaved: key, child, ..., key
    const entry = file.lengthSize + O;
    const b = file.read(address + 8 + 2 * O, used * entry + file.lengthSize);
    const key = (i: number) => names(file.length(b, i * entry));
    for (let i = 0; i < used; i++) {
      const child = file.address(b, i * entry + file.lengthSize) ?? fallback('undefined B-tree child');
      const [l, h] = [key(i), key(i + 1)];
      if ((lo && Buffer.compare(l, lo) < 0) || (hi && Buffer.compare(h, hi) > 0)) fallback('v1 B-tree keys out of order');
      if (nodeLevel > 0) visit(child, depth + 1, nodeLevel - 1, l, h);
      else symbolNode(child, l, h);
    }
  };
  const symbolNode = (address: number, lo: Buffer, hi: Buffer): void => {
    const head = file.read(address, 8);
    expectSignature(head, 0, 'SNOD');
    if (head[4] !== 1) fallback('symbol node version');
    const count = uint(head, 6, 2);
    const size = 2 * O + 24;
    const b = file.read(address + 8, count * size);
    for (let i = 0; i < count; i++) {
      const at = i * size;
      // name offset, header address, cache type (2 = soft link), reserved, scratch pad
      if (uint(b, at + 2 * O, 4) === 2) fallback('soft link');
      const bytes = names(uint(b, at, O));
      const prev = out.length > 0 ? out[out.length - 1].bytes : lo;
      if (Buffer.compare(bytes, prev) <= 0 || Buffer.compare(bytes, hi) > 0) fallback('symbol names out of order');
      out.push({ name: bytes.toString('utf8'), bytes, address: file.address(b, at + O) ?? fallback('undefined link'), order: null });
    }
  };
  visit(btree, 0, null, null, null);
  return out;
}

/** A local heap's data segment, as a lookup of null-terminated names by offset. */
function localHeap(file: H5Bytes, address: number): (offset: number) => Buffer {
  const L = file.lengthSize;
  const head = file.read(address, 8 + 2 * L + file.offsetSize);
  expectSignature(head, 0, 'HEAP');
  if (head[4] !== 0) fallback('local heap version');
  const data = file.read(file.address(head, 8 + 2 * L) ?? fallback('local heap without data'), file.length(head, 8));
  return (offset) => {
    const end = data.indexOf(0, offset);
    if (offset >= data.length || end < offset) fallback('bad name offset');
    return data.subarray(offset, end);
  };
}
