import { op, V128, I32, MAX_PAGES, wasmModule, type Bytes } from './wasm-encoding.js';

// parameters of `tile` (byte offsets into the memory, counts in rows): the same arguments as the
// JavaScript `distanceTile`, with each matrix given by its feature-major copy and its norms
const [AT, NA, I0, ROWS4, BT, NB, J0, COLS4, D, AN, BN, OUT, STRIDE] = Array.from({ length: 13 }, (_, i) => i);
const PARAMS = 13;

/**
 * The body of `tile`: 4 x 4 blocks of dot products with f64x2 lanes (two columns per lane pair), then
 * max(0, (|a_i|^2 + |b_j|^2) - 2 a_i.b_j) stored row-major with `stride`. Each lane accumulates
 * a_ik b_jk over k in order from 0, exactly as the JavaScript kernel does, so the two give the same
 * bits (IEEE double add and multiply, no fused multiply-add).
 */
function tileBody(): { body: Bytes; locals: { count: number; type: number }[] } {
  let next = PARAMS;
  const [ii, jj, k, pa, pb, ps] = Array.from({ length: 6 }, () => next++);
  const acc = Array.from({ length: 8 }, () => next++);
  const [bLo, bHi, a, two, zero] = Array.from({ length: 5 }, () => next++);
  const b: Bytes = [];
  const emit = (...parts: Bytes[]) => parts.forEach((p) => b.push(...p));
  const byteIndex = (base: number, ...terms: Bytes[]) => emit(op.get(base), ...terms, op.i32(3), op.shl, op.add);
  emit(op.f64(2), op.f64x2Splat, op.set(two), op.f64(0), op.f64x2Splat, op.set(zero));
  emit(op.i32(0), op.set(ii), op.block, op.loop, op.get(ii), op.get(ROWS4), op.ltU, op.eqz, op.brIf(1));
  emit(op.i32(0), op.set(jj), op.block, op.loop, op.get(jj), op.get(COLS4), op.ltU, op.eqz, op.brIf(1));
  for (const x of acc) emit(op.get(zero), op.set(x));
  byteIndex(AT, op.get(I0), op.get(ii), op.add);
  emit(op.set(pa));
  byteIndex(BT, op.get(J0), op.get(jj), op.add);
  emit(op.set(pb));
  // k loop: c_rh += a_(i+r),k * b_(j+2h .. j+2h+1),k
  emit(op.i32(0), op.set(k), op.block, op.loop, op.get(k), op.get(D), op.ltU, op.eqz, op.brIf(1));
  emit(op.get(pb), op.v128Load(0), op.set(bLo), op.get(pb), op.v128Load(16), op.set(bHi));
  for (let r = 0; r < 4; r++) {
    emit(op.get(pa), op.f64Load(8 * r), op.f64x2Splat, op.set(a));
    emit(op.get(acc[2 * r]), op.get(a), op.get(bLo), op.f64x2Mul, op.f64x2Add, op.set(acc[2 * r]));
    emit(op.get(acc[2 * r + 1]), op.get(a), op.get(bHi), op.f64x2Mul, op.f64x2Add, op.set(acc[2 * r + 1]));
  }
  emit(op.get(pa), op.get(NA), op.i32(3), op.shl, op.add, op.set(pa));
  emit(op.get(pb), op.get(NB), op.i32(3), op.shl, op.add, op.set(pb));
  emit(op.get(k), op.i32(1), op.add, op.set(k), op.br(0), op.end, op.end);
  // store the 4 x 4 block at out + (ii stride + jj) * 8
  byteIndex(OUT, op.get(ii), op.get(STRIDE), op.mul, op.get(jj), op.add);
  emit(op.set(ps));
  for (let r = 0; r < 4; r++) {
    for (let h = 0; h < 2; h++) {
      emit(op.get(ps), op.get(zero));
      byteIndex(AN, op.get(I0), op.get(ii), op.add, op.i32(r), op.add);
      emit(op.f64Load(0), op.f64x2Splat);
      byteIndex(BN, op.get(J0), op.get(jj), op.add);
      emit(op.v128Load(16 * h), op.f64x2Add, op.get(two), op.get(acc[2 * r + h]), op.f64x2Mul, op.f64x2Sub, op.f64x2Max, op.v128Store(16 * h));
    }
    emit(op.get(ps), op.get(STRIDE), op.i32(3), op.shl, op.add, op.set(ps));
  }
  emit(op.get(jj), op.i32(4), op.add, op.set(jj), op.br(0), op.end, op.end);
  emit(op.get(ii), op.i32(4), op.add, op.set(ii), op.br(0), op.end, op.end);
  return { body: b, locals: [{ count: 6, type: I32 }, { count: 13, type: V128 }] };
}

const compiled = new Map<boolean, WebAssembly.Module | null>();

/**
 * The compiled kernel module (built once per memory kind), or null where WebAssembly SIMD (or, with
 * `shared`, shared memory) is unavailable: then the JavaScript kernel runs.
 * @example if (simdDistanceModule()) console.log('SIMD distance tiles');
 */
export function simdDistanceModule(shared = false): WebAssembly.Module | null {
  const cached = compiled.get(shared);
  if (cached !== undefined) return cached;
  let module: WebAssembly.Module | null = null;
  try {
    const { body, locals } = tileBody();
    const bytes = Uint8Array.from(wasmModule([{ name: 'tile', params: PARAMS, locals, body }], shared));
    module = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    module = null;
  }
  compiled.set(shared, module);
  return module;
}

/** Signature of the exported `tile` (see the parameter list above). */
export type SimdTile = (at: number, na: number, i0: number, rows4: number, bt: number, nb: number, j0: number, cols4: number, d: number, an: number, bn: number, out: number, stride: number) => void;

/** A kernel instance and the memory it computes in (addresses are byte offsets into it). */
export interface SimdKernel {
  memory: WebAssembly.Memory;
  tile: SimdTile;
}

/**
 * An instance of the kernel over a fresh memory of `bytes` bytes, or over `memory` when given (a
 * shared memory, see `sharedKernelMemory`, that worker threads compute in together); null without
 * SIMD support.
 * @example const k = simdDistanceKernel(1 << 20); if (k) k.tile(...);
 */
export function simdDistanceKernel(bytes: number | WebAssembly.Memory): SimdKernel | null {
  const shared = typeof bytes !== 'number';
  const module = simdDistanceModule(shared);
  if (!module) return null;
  const memory = shared ? bytes : new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return { memory, tile: instance.exports.tile as SimdTile };
}

/**
 * A shared memory of at least `bytes` bytes that the kernel can run in from several threads (its
 * buffer is a SharedArrayBuffer), or null where shared WebAssembly memory or SIMD is unavailable.
 * @example const memory = sharedKernelMemory(8 * words); // then simdDistanceKernel(memory) in each thread
 */
export function sharedKernelMemory(bytes: number): WebAssembly.Memory | null {
  if (!simdDistanceModule(true)) return null;
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  if (pages > MAX_PAGES) return null;
  try {
    return new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  } catch {
    return null;
  }
}
