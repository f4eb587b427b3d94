/**
 * The monomials x^alpha with |alpha| <= degree over d variables, built so each one is its parent
 * times one variable: evaluating all of them for an event costs one multiplication each.
 * `coef` holds C(degree, p) d^-p p!/alpha! (p = |alpha|), so by the multinomial theorem
 * (x.y/d + 1)^degree = sum_alpha coef[alpha] x^alpha y^alpha.
 */
export interface MonomialBasis {
  d: number;
  degree: number;
  size: number;
  parent: Int32Array;
  variable: Int32Array;
  coef: Float64Array;
}

const bases = new Map<string, MonomialBasis>();

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** Number of monomials of degree <= p in d variables, C(d + p, p). */
export function monomialCount(d: number, degree: number): number {
  return Math.round(binomial(d + degree, degree));
}

/** The monomial basis for (d, degree), cached. */
export function monomialBasis(d: number, degree: number): MonomialBasis {
  const key = `${d}:${degree}`;
  const cached = bases.get(key);
  if (cached) return cached;
  const size = monomialCount(d, degree);
  const parent = new Int32Array(size);
  const variable = new Int32Array(size);
  const last = new Int32Array(size);
  const order = new Int32Array(size);
  const coef = new Float64Array(size);
  // alpha!: product of the factorials of the multiplicities, tracked through the parent chain
  const alphaFact = new Float64Array(size);
  const run = new Int32Array(size);
  parent[0] = -1;
  variable[0] = -1;
  last[0] = 0;
  alphaFact[0] = 1;
  let m = 1;
  let start = 0;
  let end = 1;
  for (let p = 1; p <= degree; p++) {
    for (let q = start; q < end; q++) {
      for (let v = last[q]; v < d; v++) {
        parent[m] = q;
        variable[m] = v;
        last[m] = v;
        order[m] = p;
        run[m] = q > 0 && variable[q] === v ? run[q] + 1 : 1;
        alphaFact[m] = alphaFact[q] * run[m];
        m++;
      }
    }
    start = end;
    end = m;
  }
  let pFact = 1;
  for (let i = 0; i < size; i++) {
    const p = order[i];
    pFact = 1;
    for (let t = 2; t <= p; t++) pFact *= t;
    coef[i] = (binomial(degree, p) * d ** -p * pFact) / alphaFact[i];
  }
  const basis = { d, degree, size, parent, variable, coef };
  bases.set(key, basis);
  return basis;
}

/** sum_i w_i x_i^alpha over the rows `rows` of a row-major matrix, for every monomial alpha. */
export function monomialSums(data: Float64Array, rows: ArrayLike<number>, weights: Float64Array | undefined, basis: MonomialBasis): Float64Array {
  const { d, size, parent, variable } = basis;
  const sums = new Float64Array(size);
  const vals = new Float64Array(size);
  vals[0] = 1;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    const o = i * d;
    const w = weights ? weights[i] : 1;
    sums[0] += w;
    for (let m = 1; m < size; m++) {
      const v = vals[parent[m]] * data[o + variable[m]];
      vals[m] = v;
      sums[m] += w * v;
    }
  }
  return sums;
}
