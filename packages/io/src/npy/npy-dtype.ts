/** A scalar NumPy dtype hepuq can read: kind (f float, i int, u uint, b bool), bytes, byte order. */
export interface NpyDtype {
  text: string;
  kind: 'f' | 'i' | 'u' | 'b';
  size: number;
  littleEndian: boolean;
}

const SIZES: Record<string, readonly number[]> = { f: [4, 8], i: [1, 2, 4, 8], u: [1, 2, 4, 8], b: [1] };

/** Parse a descr such as `<f4`, `>i8`, `|u1`, `|b1`; null if not a supported numeric scalar type. */
export function parseNpyDtype(text: string): NpyDtype | null {
  const m = /^([<>|=])([a-zA-Z])(\d+)$/.exec(text);
  if (!m) return null;
  const kind = m[2] as NpyDtype['kind'];
  const size = Number(m[3]);
  if (!SIZES[kind]?.includes(size)) return null;
  return { text, kind, size, littleEndian: m[1] !== '>' };
}

type Reader = (view: DataView, at: number, le: boolean) => number;

const READERS: Record<string, Reader> = {
  f4: (v, at, le) => v.getFloat32(at, le),
  f8: (v, at, le) => v.getFloat64(at, le),
  i1: (v, at) => v.getInt8(at),
  i2: (v, at, le) => v.getInt16(at, le),
  i4: (v, at, le) => v.getInt32(at, le),
  i8: (v, at, le) => Number(v.getBigInt64(at, le)),
  u1: (v, at) => v.getUint8(at),
  u2: (v, at, le) => v.getUint16(at, le),
  u4: (v, at, le) => v.getUint32(at, le),
  u8: (v, at, le) => Number(v.getBigUint64(at, le)),
  b1: (v, at) => (v.getUint8(at) === 0 ? 0 : 1),
};

function typedView(bytes: Uint8Array, dtype: NpyDtype): ArrayLike<number> | null {
  const { buffer, byteOffset, byteLength } = bytes;
  if (byteOffset % dtype.size !== 0) return null;
  const len = Math.floor(byteLength / dtype.size);
  switch (`${dtype.kind}${dtype.size}`) {
    case 'f4': return new Float32Array(buffer, byteOffset, len);
    case 'f8': return new Float64Array(buffer, byteOffset, len);
    case 'i1': return new Int8Array(buffer, byteOffset, len);
    case 'i2': return new Int16Array(buffer, byteOffset, len);
    case 'i4': return new Int32Array(buffer, byteOffset, len);
    case 'u1': return new Uint8Array(buffer, byteOffset, len);
    case 'u2': return new Uint16Array(buffer, byteOffset, len);
    case 'u4': return new Uint32Array(buffer, byteOffset, len);
    default: return null;
  }
}

/**
 * Convert `count` elements of `dtype` found every `strideBytes` from byte `offset` of `bytes` into
 * `out[outAt..]` as float32 (int64 beyond 2^24 and float64 lose precision, as in any float32 cast).
 */
export function decodeStrided(bytes: Uint8Array, dtype: NpyDtype, offset: number, strideBytes: number, count: number, out: Float32Array, outAt = 0): void {
  const little = dtype.littleEndian || dtype.size === 1;
  const aligned = little && offset % dtype.size === 0 && strideBytes % dtype.size === 0 && dtype.kind !== 'b';
  const view = aligned ? typedView(bytes, dtype) : null;
  if (view) {
    const stride = strideBytes / dtype.size;
    let k = offset / dtype.size;
    if (stride === 1 && 'subarray' in view) {
      // contiguous: one native converting copy
      out.set((view as Float64Array).subarray(k, k + count), outAt);
      return;
    }
    for (let i = 0; i < count; i++, k += stride) out[outAt + i] = view[k];
    return;
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = READERS[`${dtype.kind}${dtype.size}`];
  for (let i = 0, at = offset; i < count; i++, at += strideBytes) out[outAt + i] = read(dv, at, dtype.littleEndian);
}
