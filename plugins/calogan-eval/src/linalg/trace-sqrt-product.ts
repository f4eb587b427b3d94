import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** Symmetric eigendecomposition of a row-major d x d matrix (symmetrised first). */
function symmetricEigen(a: Float64Array, d: number): { values: number[]; vectors: Matrix } {
  const m = new Matrix(d, d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) m.set(i, j, 0.5 * (a[i * d + j] + a[j * d + i]));
  const evd = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  return { values: evd.realEigenvalues, vectors: evd.eigenvectorMatrix };
}

/**
 * Tr sqrt(A B) for symmetric positive semi-definite A, B, as Tr sqrt(A^1/2 B A^1/2): A^1/2 B A^1/2 is
 * symmetric PSD with the same eigenvalues as A B, so two symmetric eigendecompositions suffice and no
 * complex parts appear (unlike scipy.linalg.sqrtm(A B) in the FID code). Eigenvalues below zero
 * (rounding) are clipped to zero.
 * @example traceSqrtProduct(new Float64Array([4, 0, 0, 1]), new Float64Array([1, 0, 0, 9]), 2) // 2 + 3 = 5
 */
export function traceSqrtProduct(a: Float64Array, b: Float64Array, d: number): number {
  const ea = symmetricEigen(a, d);
  const sq = new Matrix(d, d);
  const v = ea.vectors;
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += v.get(i, k) * Math.sqrt(Math.max(0, ea.values[k])) * v.get(j, k);
      sq.set(i, j, s);
      sq.set(j, i, s);
    }
  }
  const bm = new Matrix(d, d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) bm.set(i, j, b[i * d + j]);
  const m = sq.mmul(bm).mmul(sq);
  const mArr = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) mArr[i * d + j] = m.get(i, j);
  const { values } = symmetricEigen(mArr, d);
  let tr = 0;
  for (const lambda of values) tr += Math.sqrt(Math.max(0, lambda));
  return tr;
}
