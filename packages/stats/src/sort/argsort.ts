/** Map a float32 bit pattern to an unsigned key whose integer order is the float order (-0 before +0). */
function orderedKey(bits: number): number {
  return (bits & 0x80000000) !== 0 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0;
}

/**
 * Indices that sort `keys` ascending (stable), O(N) by a three-pass 11-bit LSD radix sort on the
 * float32 bit patterns (Terdiman, "Radix sort revisited", 2000). Keys travel with their indices, so every
 * pass reads sequentially; a pass whose digit is the same for all keys is skipped. NaN sorts after +Infinity.
 * @example argsortFloat32(Float32Array.of(0.3, -1, 2)) // Uint32Array [1, 0, 2]
 */
export function argsortFloat32(keys: Float32Array): Uint32Array {
  const n = keys.length;
  const bits = new Uint32Array(keys.buffer, keys.byteOffset, n);
  let kA = new Uint32Array(n);
  let kB = new Uint32Array(n);
  let iA = new Uint32Array(n);
  let iB = new Uint32Array(n);
  // all three digit histograms in one sequential pass
  const count = new Uint32Array(3 * 2048);
  for (let i = 0; i < n; i++) {
    const k = orderedKey(bits[i]);
    kA[i] = k;
    iA[i] = i;
    count[k & 0x7ff]++;
    count[2048 + ((k >>> 11) & 0x7ff)]++;
    count[4096 + (k >>> 22)]++;
  }
  for (let pass = 0; pass < 3; pass++) {
    const base = pass * 2048;
    const shift = pass * 11;
    if (n === 0 || count[base + ((kA[0] >>> shift) & 0x7ff)] === n) continue;
    let sum = 0;
    for (let b = 0; b < 2048; b++) {
      const c = count[base + b];
      count[base + b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const k = kA[i];
      const pos = count[base + ((k >>> shift) & 0x7ff)]++;
      kB[pos] = k;
      iB[pos] = iA[i];
    }
    [kA, kB] = [kB, kA];
    [iA, iB] = [iB, iA];
  }
  return iA;
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
