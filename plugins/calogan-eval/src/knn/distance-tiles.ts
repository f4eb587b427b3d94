import { simdDistanceKernel, type SimdKernel } from './simd-distance.kernel.js';

/**
 * Blocked squared Euclidean distances |a_i - b_j|^2 = |a_i|^2 + |b_j|^2 - 2 a_i.b_j, computed tile by
 * tile with a 4 x 4 register-blocked dot-product kernel on feature-major copies (the layout GEMM
 * libraries use), so an n x m distance matrix is never held in memory: memory is O(n d + tile), time
 * O(n m d). The kernel runs as WebAssembly SIMD (f64x2, `simd-distance.kernel.ts`) where the runtime
 * has it, else as the JavaScript `distanceTile`; both give the same bits. Callers centre the data
 * first (distances are translation invariant) to keep the norm expansion free of cancellation.
 */
export interface TileMatrix {
  /** Feature-major copy [d][nPadded], zero-padded to a multiple of 4 rows. */
  t: Float64Array;
  n: number;
  nPadded: number;
  d: number;
  /** Squared norms of the rows. */
  norms: Float64Array;
}

/** Doubles a `TileMatrix` of n rows in d dimensions holds (its copy and its norms). */
export const tileMatrixWords = (n: number, d: number): number => Math.ceil(n / 4) * 4 * (d + 1);

/**
 * Feature-major, padded copy of a row-major [n, d] matrix (rows `rows` if given, else all), its arrays
 * from `alloc` (zero-filled; e.g. views into a shared memory that worker threads read in place).
 */
export function tileMatrix(data: Float64Array, d: number, rows?: ArrayLike<number>, centre?: Float64Array, alloc: (length: number) => Float64Array = (l) => new Float64Array(l)): TileMatrix {
  const n = rows ? rows.length : data.length / d;
  const nPadded = Math.ceil(n / 4) * 4;
  const t = alloc(d * nPadded);
  const norms = alloc(nPadded);
  for (let r = 0; r < n; r++) {
    const i = rows ? rows[r] : r;
    let s = 0;
    for (let k = 0; k < d; k++) {
      const v = data[i * d + k] - (centre ? centre[k] : 0);
      t[k * nPadded + r] = v;
      s += v * v;
    }
    norms[r] = s;
  }
  return { t, n, nPadded, d, norms };
}

/**
 * Fill `out` (row-major, rows x cols at row stride `stride`; i0, j0 multiples of 4) with the squared
 * distances between rows i0.. of `a` and rows j0.. of `b`. Negative rounding is clipped to 0. The
 * JavaScript kernel (the reference of the SIMD one, and its fallback).
 */
export function distanceTile(a: TileMatrix, i0: number, rows: number, b: TileMatrix, j0: number, cols: number, out: Float64Array, stride = cols): void {
  const { d } = a;
  const at = a.t, bt = b.t, na = a.nPadded, nb = b.nPadded;
  const an = a.norms, bn = b.norms;
  const rows4 = Math.ceil(rows / 4) * 4;
  const cols4 = Math.ceil(cols / 4) * 4;
  for (let ii = 0; ii < rows4; ii += 4) {
    const i = i0 + ii;
    for (let jj = 0; jj < cols4; jj += 4) {
      const j = j0 + jj;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let k = 0; k < d; k++) {
        const ao = k * na + i;
        const bo = k * nb + j;
        const a0 = at[ao], a1 = at[ao + 1], a2 = at[ao + 2], a3 = at[ao + 3];
        const b0 = bt[bo], b1 = bt[bo + 1], b2 = bt[bo + 2], b3 = bt[bo + 3];
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
      }
      if (ii + 3 < rows && jj + 3 < cols) {
        // interior block: no edge checks
        const n0 = bn[j], n1 = bn[j + 1], n2 = bn[j + 2], n3 = bn[j + 3];
        let o = ii * stride + jj;
        let m = an[i];
        out[o] = Math.max(0, m + n0 - 2 * c00); out[o + 1] = Math.max(0, m + n1 - 2 * c01);
        out[o + 2] = Math.max(0, m + n2 - 2 * c02); out[o + 3] = Math.max(0, m + n3 - 2 * c03);
        o += stride; m = an[i + 1];
        out[o] = Math.max(0, m + n0 - 2 * c10); out[o + 1] = Math.max(0, m + n1 - 2 * c11);
        out[o + 2] = Math.max(0, m + n2 - 2 * c12); out[o + 3] = Math.max(0, m + n3 - 2 * c13);
        o += stride; m = an[i + 2];
        out[o] = Math.max(0, m + n0 - 2 * c20); out[o + 1] = Math.max(0, m + n1 - 2 * c21);
        out[o + 2] = Math.max(0, m + n2 - 2 * c22); out[o + 3] = Math.max(0, m + n3 - 2 * c23);
        o += stride; m = an[i + 3];
        out[o] = Math.max(0, m + n0 - 2 * c30); out[o + 1] = Math.max(0, m + n1 - 2 * c31);
        out[o + 2] = Math.max(0, m + n2 - 2 * c32); out[o + 3] = Math.max(0, m + n3 - 2 * c33);
      } else {
        const c = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
        for (let r = 0; r < 4 && ii + r < rows; r++) {
          for (let q = 0; q < 4 && jj + q < cols; q++) out[(ii + r) * stride + jj + q] = Math.max(0, an[i + r] + bn[j + q] - 2 * c[r * 4 + q]);
        }
      }
    }
  }
}

/** Rows and columns per tile: 64 x 2048 doubles = 1 MiB, small enough for the cache. */
export const TILE_ROWS = 64;
export const TILE_COLS = 2048;
/** Side of the square tiles of a self-distance pass: 256 x 256 doubles = 512 KiB. */
export const SELF_TILE = 256;

/**
 * A SIMD kernel instance whose memory already holds both matrices (their `t` and `norms` are views
 * into it) and `out`, this thread's output tile: what a worker thread computes with, without copies.
 */
export interface InPlaceKernel {
  kernel: SimdKernel;
  out: Float64Array;
}

/**
 * Which kernel computes the tiles: WebAssembly SIMD where available (`auto`, on copies in a private
 * memory), always JavaScript (`js`, for tests), or SIMD in a shared memory (`InPlaceKernel`).
 */
export type TileKernel = 'auto' | 'js' | InPlaceKernel;

/**
 * Visitor of one tile: squared distances of rows i0 .. i0 + rows of a to rows j0 .. j0 + cols of b,
 * entry (r, c) at tile[r * stride + c]. The tile is reused: read it before returning.
 */
export type TileVisitor = (i0: number, rows: number, j0: number, cols: number, tile: Float64Array, stride: number) => void;

/** A tile factory over two matrices (the same matrix twice for a self pass). */
interface TileSource {
  stride: number;
  tile(i0: number, rows: number, j0: number, cols: number): Float64Array;
}

function jsSource(a: TileMatrix, b: TileMatrix, maxRows: number, stride: number): TileSource {
  const out = new Float64Array(maxRows * stride);
  const tile = (i0: number, rows: number, j0: number, cols: number) => {
    distanceTile(a, i0, rows, b, j0, cols, out, stride);
    return out;
  };
  return { stride, tile };
}

const round4 = (n: number) => Math.ceil(n / 4) * 4;

/** Tiles by the SIMD kernel on matrices and an output tile that all lie in its memory (addresses: their byte offsets). */
function inPlaceSource(a: TileMatrix, b: TileMatrix, { kernel, out }: InPlaceKernel, maxRows: number, stride: number): TileSource {
  const buffer = kernel.memory.buffer;
  if ([a.t, a.norms, b.t, b.norms, out].some((v) => v.buffer !== buffer) || out.length < maxRows * stride) {
    throw new RangeError('distance tiles: the matrices and the output tile must be views into the kernel memory');
  }
  const tile = (i0: number, rows: number, j0: number, cols: number) => {
    kernel.tile(a.t.byteOffset, a.nPadded, i0, round4(rows), b.t.byteOffset, b.nPadded, j0, round4(cols), a.d, a.norms.byteOffset, b.norms.byteOffset, out.byteOffset, stride);
    return out;
  };
  return { stride, tile };
}

/** Both matrices (one when a === b), their norms and the output tile copied into one private WebAssembly memory. */
function simdSource(a: TileMatrix, b: TileMatrix, maxRows: number, stride: number): TileSource | null {
  const parts = a === b ? [a.t, a.norms] : [a.t, a.norms, b.t, b.norms];
  const words = parts.reduce((s, p) => s + p.length, 0) + maxRows * stride;
  const kernel = simdDistanceKernel(8 * words);
  if (!kernel) return null;
  let at = 0;
  const copy = (p: Float64Array) => {
    const view = new Float64Array(kernel.memory.buffer, 8 * at, p.length);
    view.set(p);
    at += p.length;
    return view;
  };
  const ca = { ...a, t: copy(a.t), norms: copy(a.norms) };
  const cb = a === b ? ca : { ...b, t: copy(b.t), norms: copy(b.norms) };
  const out = new Float64Array(kernel.memory.buffer, 8 * at, maxRows * stride);
  return inPlaceSource(ca, cb, { kernel, out }, maxRows, stride);
}

function tileSource(a: TileMatrix, b: TileMatrix, maxRows: number, maxCols: number, kernel: TileKernel): TileSource {
  const stride = round4(maxCols);
  if (typeof kernel === 'object') return inPlaceSource(a, b, kernel, maxRows, stride);
  return (kernel === 'auto' ? simdSource(a, b, maxRows, stride) : null) ?? jsSource(a, b, maxRows, stride);
}

/** Doubles of the largest output tile of either pass: what an `InPlaceKernel`'s `out` must hold. */
export const TILE_WORDS = Math.max(TILE_ROWS * TILE_COLS, SELF_TILE * SELF_TILE);

function checkRange(from: number, to: number, n: number, step: number): void {
  if (from < 0 || to > n || from > to || (from < to && from % step !== 0)) throw new RangeError(`distance tiles: rows ${from}..${to} of ${n} must start at a multiple of ${step}`);
}

/**
 * Visit every tile of the a x b squared-distance matrix in row-block order, for rows rowFrom ..
 * rowTo of a (rowFrom a multiple of TILE_ROWS; default all rows). Each entry depends only on its
 * two rows, so any split of the rows visits the same values.
 */
export function forEachTile(a: TileMatrix, b: TileMatrix, visit: TileVisitor, kernel: TileKernel = 'auto', rowFrom = 0, rowTo = a.n): void {
  checkRange(rowFrom, rowTo, a.n, TILE_ROWS);
  const source = tileSource(a, b, TILE_ROWS, Math.min(TILE_COLS, b.nPadded), kernel);
  for (let i0 = rowFrom; i0 < rowTo; i0 += TILE_ROWS) {
    const rows = Math.min(TILE_ROWS, rowTo - i0);
    for (let j0 = 0; j0 < b.n; j0 += TILE_COLS) {
      const cols = Math.min(TILE_COLS, b.n - j0);
      visit(i0, rows, j0, cols, source.tile(i0, rows, j0, cols), source.stride);
    }
  }
}

/**
 * Visit the upper triangle (j0 >= i0, by square tiles) of the symmetric m x m squared-distance
 * matrix, for the row blocks from rowFrom to rowTo (multiples of SELF_TILE, or rowTo = m.n; default
 * all): each pair is computed once, and the visitor updates both of its rows.
 */
export function forEachUpperTile(m: TileMatrix, visit: TileVisitor, kernel: TileKernel = 'auto', rowFrom = 0, rowTo = m.n): void {
  checkRange(rowFrom, rowTo, m.n, SELF_TILE);
  if (rowFrom < rowTo && rowTo < m.n && rowTo % SELF_TILE !== 0) throw new RangeError(`distance tiles: a self pass must end at a multiple of ${SELF_TILE} or at ${m.n}`);
  const source = tileSource(m, m, SELF_TILE, Math.min(SELF_TILE, m.nPadded), kernel);
  for (let i0 = rowFrom; i0 < rowTo; i0 += SELF_TILE) {
    const rows = Math.min(SELF_TILE, m.n - i0);
    for (let j0 = i0; j0 < m.n; j0 += SELF_TILE) {
      const cols = Math.min(SELF_TILE, m.n - j0);
      visit(i0, rows, j0, cols, source.tile(i0, rows, j0, cols), source.stride);
    }
  }
}
