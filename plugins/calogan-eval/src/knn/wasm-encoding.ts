/**
 * The few pieces of the WebAssembly binary format (https://webassembly.github.io/spec/core/binary/)
 * that the SIMD distance kernel needs: LEB128 integers, sections, and the opcodes it emits. A kernel
 * is generated as bytes at run time, so the package ships no binary and needs no toolchain.
 */

export type Bytes = number[];

/** Unsigned LEB128. */
export function uleb(n: number): Bytes {
  const out: Bytes = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/** Signed LEB128 (i32 constants). */
export function sleb(n: number): Bytes {
  const out: Bytes = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
}

/** A vector: its length, then its items. */
export const vector = (items: Bytes[]): Bytes => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: Bytes): Bytes => [id, ...uleb(body.length), ...body];
const name = (s: string): Bytes => vector([...s].map((c) => [c.charCodeAt(0)]));

export const I32 = 0x7f;
export const V128 = 0x7b;

/** Opcodes (memory accesses with 8-byte alignment hints: every address the kernel forms is a multiple of 8). */
export const op = {
  get: (i: number): Bytes => [0x20, ...uleb(i)],
  set: (i: number): Bytes => [0x21, ...uleb(i)],
  i32: (v: number): Bytes => [0x41, ...sleb(v)],
  f64: (v: number): Bytes => [0x44, ...new Uint8Array(Float64Array.of(v).buffer)],
  add: [0x6a],
  mul: [0x6c],
  shl: [0x74],
  ltU: [0x49],
  eqz: [0x45],
  f64Load: (offset = 0): Bytes => [0x2b, 3, ...uleb(offset)],
  v128Load: (offset = 0): Bytes => [0xfd, 0x00, 3, ...uleb(offset)],
  v128Store: (offset = 0): Bytes => [0xfd, 0x0b, 3, ...uleb(offset)],
  f64x2Splat: [0xfd, 0x14],
  f64x2Add: [0xfd, 0xf0, 0x01],
  f64x2Sub: [0xfd, 0xf1, 0x01],
  f64x2Mul: [0xfd, 0xf2, 0x01],
  f64x2Max: [0xfd, 0xf5, 0x01],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number): Bytes => [0x0c, ...uleb(depth)],
  brIf: (depth: number): Bytes => [0x0d, ...uleb(depth)],
};

/** One exported function of `params` i32 parameters and no result, with its extra locals by type. */
export interface WasmFunction {
  name: string;
  params: number;
  locals: { count: number; type: number }[];
  body: Bytes;
}

/** Largest 32-bit memory in 64 KiB pages (4 GiB): the declared maximum of a shared memory import. */
export const MAX_PAGES = 65536;

/**
 * A module importing one linear memory as `env.memory` and exporting `functions`. With `shared` the
 * import is a shared memory (threads proposal: limits flag 3, a maximum is required), which worker
 * threads instantiate over one `SharedArrayBuffer`.
 * @example new WebAssembly.Module(Uint8Array.from(wasmModule([f])))
 */
export function wasmModule(functions: readonly WasmFunction[], shared = false): Bytes {
  const types = functions.map((f) => [0x60, ...vector(Array.from({ length: f.params }, () => [I32])), 0]);
  const bodies = functions.map((f) => {
    const code = [...vector(f.locals.map((l) => [...uleb(l.count), l.type])), ...f.body, ...op.end];
    return [...uleb(code.length), ...code];
  });
  const limits = shared ? [0x03, ...uleb(1), ...uleb(MAX_PAGES)] : [0x00, ...uleb(1)];
  return [
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vector(types)),
    ...section(2, vector([[...name('env'), ...name('memory'), 0x02, ...limits]])),
    ...section(3, vector(functions.map((_, i) => uleb(i)))),
    ...section(7, vector(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vector(bodies)),
  ];
}
