/** Map a float32 bit pattern to an unsigned key whose integer order is the float order (-0 before +0). */
function orderedKey(bits: number): number {
  return (bits & 0x80000000) !== 0 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0;
}

/**
 * Indices that sort `keys` ascending (stable), O(N) by a three-pass 11-bit LSD radix sort on the
 * float32 bit patterns (Terdiman, "Radix sort revisited", 2000). NaN sorts after +Infinity.
 * @example argsortFloat32(Float32Array.of(0.3, -1, 2)) // Uint32Array [1, 0, 2]
 */
export function argsortFloat32(keys: Float32Array): Uint32Array {
  const n = keys.length;
  const bits = new Uint32Array(keys.buffer, keys.byteOffset, n);
  const k = new Uint32Array(n);
  for (let i = 0; i < n; i++) k[i] = orderedKey(bits[i]);
  let idx = new Uint32Array(n);
  let tmp = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const count = new Uint32Array(2048);
  for (let shift = 0; shift < 32; shift += 11) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(k[i] >>> shift) & 0x7ff]++;
    let sum = 0;
    for (let b = 0; b < 2048; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const j = idx[i];
      tmp[count[(k[j] >>> shift) & 0x7ff]++] = j;
    }
    const t = idx;
    idx = tmp;
    tmp = t;
  }
  return idx;
}

/**
 * Indices that sort `keys` ascending; float32 keys go through the radix sort, float64 keys through a
 * comparison sort of the index array (O(N log N)).
 */
export function argsort(keys: Float32Array | Float64Array): Uint32Array {
  if (keys instanceof Float32Array) return argsortFloat32(keys);
  const idx = new Uint32Array(keys.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((a, b) => keys[a] - keys[b] || a - b);
}
