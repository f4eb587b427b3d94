import { expectChecksum, expectSignature, fallback, uint, type H5Bytes } from './h5-bytes.js';

/** One header message: its type, flags and body bytes. */
export interface H5Message {
  type: number;
  flags: number;
  body: Buffer;
}

/** Header message types (HDF5 spec IV.A.2). */
export const MSG = {
  nil: 0x00, dataspace: 0x01, linkInfo: 0x02, datatype: 0x03, fillOld: 0x04, fill: 0x05, link: 0x06,
  layout: 0x08, groupInfo: 0x0a, attribute: 0x0c, comment: 0x0d, mtimeOld: 0x0e, continuation: 0x10,
  symbolTable: 0x11, mtime: 0x12, btreeK: 0x13, attributeInfo: 0x15, refCount: 0x16,
} as const;

/** Messages that never change how the raw data or the links read; any other type means fall back. */
const KNOWN = new Set<number>(Object.values(MSG));

/** Continuation blocks one header may chain (a loop in a damaged file must end). */
const MAX_BLOCKS = 64;

/**
 * The messages of the object header at `address`, version 1 or 2 (v2 checksums verified),
 * continuation blocks followed. A message type outside `MSG` (filters, external files, anything
 * newer) is a fallback, as is a shared (bit 1) message.
 */
export function readObjectHeader(file: H5Bytes, address: number): H5Message[] {
  const first = file.read(address, Math.min(16, file.end - address));
  let raw: H5Message[];
  let v2: boolean;
  let attrOrder = false;
  if (first[0] === 1) {
    // version 1: version, reserved, message count (2), reference count (4), size (4), padding (4)
    v2 = false;
    raw = parseV1(file.read(address + 16, uint(first, 8, 4)));
  } else {
    expectSignature(first, 0, 'OHDR');
    if (first[4] !== 2) fallback(`object header version ${first[4]}`);
    v2 = true;
    const flags = first[5];
    attrOrder = (flags & 0x04) !== 0;
    let at = 6 + (flags & 0x20 ? 16 : 0) + (flags & 0x10 ? 4 : 0);
    const sizeBytes = 1 << (flags & 3);
    const size = uint(file.read(address + at, sizeBytes), 0, sizeBytes);
    at += sizeBytes;
    const chunk = file.read(address, at + size + 4);
    expectChecksum(chunk, 0, at + size, 'object header');
    raw = parseV2(chunk.subarray(at, at + size), attrOrder);
  }
  const out: H5Message[] = [];
  for (let blocks = 0; raw.length > 0;) {
    const m = raw.shift()!;
    if (!KNOWN.has(m.type)) fallback(`header message type ${m.type}`);
    if (m.flags & 0x02) fallback('shared header message');
    if (m.type === MSG.nil) continue;
    if (m.type !== MSG.continuation) {
      out.push(m);
      continue;
    }
    if (++blocks > MAX_BLOCKS) fallback('too many continuation blocks');
    const at = file.address(m.body, 0) ?? fallback('undefined continuation');
    const block = file.read(at, file.length(m.body, file.offsetSize));
    if (v2) {
      expectSignature(block, 0, 'OCHK');
      expectChecksum(block, 0, block.length - 4, 'object header continuation');
    }
    raw.push(...(v2 ? parseV2(block.subarray(4, block.length - 4), attrOrder) : parseV1(block)));
  }
  return out;
}

/** Version 1 messages: type (2), size (2), flags (1), reserved (3), body. */
function parseV1(block: Buffer): H5Message[] {
  const out: H5Message[] = [];
  for (let at = 0; at + 8 <= block.length;) {
    const size = uint(block, at + 2, 2);
    if (at + 8 + size > block.length) fallback('message past its header block');
    out.push({ type: uint(block, at, 2), flags: block[at + 4], body: block.subarray(at + 8, at + 8 + size) });
    at += 8 + size;
  }
  return out;
}

/** Version 2 messages: type (1), size (2), flags (1), [creation order (2)], body; a shorter tail is a gap. */
function parseV2(block: Buffer, attrOrder: boolean): H5Message[] {
  const out: H5Message[] = [];
  const headSize = attrOrder ? 6 : 4;
  for (let at = 0; at + headSize <= block.length;) {
    const size = uint(block, at + 1, 2);
    if (at + headSize + size > block.length) fallback('message past its header chunk');
    out.push({ type: block[at], flags: block[at + 3], body: block.subarray(at + headSize, at + headSize + size) });
    at += headSize + size;
  }
  return out;
}
