/**
 * Seeded pseudo-random generator: xoshiro128** (Blackman & Vigna 2018) seeded through splitmix32.
 * One generator is created from the run seed and passed down; `fork(label)` derives independent,
 * reproducible child streams (per ensemble member, per task) without consuming the parent.
 * @example const rng = new Rng(7); const x = rng.normal(); const member = rng.fork('member-3');
 */
export class Rng {
  readonly seed: number;
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;
  #spare: number | undefined;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    this.seed = seed >>> 0;
    let x = this.seed;
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#s0 = next();
    this.#s1 = next();
    this.#s2 = next();
    this.#s3 = next();
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.#s1, 5), 7), 9) >>> 0;
    const t = this.#s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= this.#s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= t;
    this.#s3 = rotl(this.#s3, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal by the Box-Muller transform (pairs are cached). */
  normal(mean = 0, sigma = 1): number {
    if (this.#spare !== undefined) {
      const z = this.#spare;
      this.#spare = undefined;
      return mean + sigma * z;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.#spare = r * Math.sin(2 * Math.PI * v);
    return mean + sigma * r * Math.cos(2 * Math.PI * v);
  }

  /** Poisson(lambda): Knuth's product method for small lambda, normal approximation above 30. */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.uniform();
    while (p > limit) {
      k++;
      p *= this.uniform();
    }
    return k;
  }

  /** Fill a Float32Array with standard normals. */
  normalArray(n: number, mean = 0, sigma = 1): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.normal(mean, sigma);
    return out;
  }

  /** A random permutation of 0..n-1 (Fisher-Yates). */
  permutation(n: number): Int32Array {
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    return idx;
  }

  /** An independent child stream determined by this generator's seed and `label` only. */
  fork(label: string | number): Rng {
    let h = 2166136261 ^ this.seed;
    for (const ch of String(label)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    return new Rng(h >>> 0);
  }

  /**
   * The generator's position in its stream (four state words and the cached Box-Muller spare), so
   * a checkpoint can store it and `restoreState` continue exactly where it stopped.
   */
  saveState(): RngState {
    return { words: [this.#s0 >>> 0, this.#s1 >>> 0, this.#s2 >>> 0, this.#s3 >>> 0], spare: this.#spare ?? null };
  }

  /** Continue from a `saveState()` of a generator with the same seed. */
  restoreState(state: RngState): void {
    const { words, spare } = state;
    if (words?.length !== 4 || !words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff) || !(spare === null || Number.isFinite(spare))) {
      throw new RangeError(`not an Rng state: ${JSON.stringify(state)}`);
    }
    [this.#s0, this.#s1, this.#s2, this.#s3] = words.map((w) => w | 0);
    this.#spare = spare ?? undefined;
  }

  /** A 31-bit integer seed for libraries that take one (e.g. tfjs initialisers). */
  nextSeed(): number {
    return this.nextUint32() >>> 1;
  }
}

/** A generator's position in its stream (JSON-safe), from `Rng#saveState`. */
export interface RngState {
  words: number[];
  spare: number | null;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
