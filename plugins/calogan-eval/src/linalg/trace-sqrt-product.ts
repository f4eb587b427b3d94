import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from 'ml-matrix';

function toMatrix(a: Float64Array, d: number): Matrix {
  const m = new Matrix(d, d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) m.set(i, j, 0.5 * (a[i * d + j] + a[j * d + i]));
  return m;
}

/** Sum of sqrt(max(0, lambda)) over the eigenvalues of a symmetric matrix. */
function traceSqrtSymmetric(m: Matrix): number {
  const { realEigenvalues } = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  let tr = 0;
  for (const lambda of realEigenvalues) tr += Math.sqrt(Math.max(0, lambda));
  return tr;
}

/**
 * Tr sqrt(A B) for symmetric positive semi-definite A, B, from one symmetric eigendecomposition:
 * with A = L L^T (Cholesky), A B is similar to L^T B L, which is symmetric PSD, so
 * Tr sqrt(A B) = sum_i sqrt(lambda_i(L^T B L)) — no complex parts appear (unlike
 * scipy.linalg.sqrtm(A B) in the FID code). When A is singular, A^1/2 B A^1/2 from the
 * eigendecomposition of A plays the role of L^T B L. Eigenvalues below zero (rounding) count as zero.
 * @example traceSqrtProduct(new Float64Array([4, 0, 0, 1]), new Float64Array([1, 0, 0, 9]), 2) // 2 + 3 = 5
 */
export function traceSqrtProduct(a: Float64Array, b: Float64Array, d: number): number {
  const am = toMatrix(a, d);
  const bm = toMatrix(b, d);
  const chol = new CholeskyDecomposition(am);
  if (chol.isPositiveDefinite()) {
    const l = chol.lowerTriangularMatrix;
    return traceSqrtSymmetric(l.transpose().mmul(bm).mmul(l));
  }
  const evd = new EigenvalueDecomposition(am, { assumeSymmetric: true });
  const v = evd.eigenvectorMatrix;
  const sq = new Matrix(d, d);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += v.get(i, k) * Math.sqrt(Math.max(0, evd.realEigenvalues[k])) * v.get(j, k);
      sq.set(i, j, s);
      sq.set(j, i, s);
    }
  }
  return traceSqrtSymmetric(sq.mmul(bm).mmul(sq));
}
