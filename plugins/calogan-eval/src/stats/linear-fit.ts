/** Result of a weighted straight-line fit y = intercept + slope * x. */
export interface LineFit {
  intercept: number;
  slope: number;
  interceptError: number;
  slopeError: number;
  chi2: number;
  ndf: number;
}

/**
 * Weighted least squares y = a + b x with weights 1/sigma^2; parameter errors from the inverse
 * Hessian, scaled by sqrt(chi2/ndf) when that exceeds 1 (the PDG scale-factor convention, so
 * underestimated point errors widen the result instead of faking precision).
 * @example fitLine([1, 2, 3], [3, 5, 7], [0.1, 0.1, 0.1]) // intercept 1, slope 2
 */
export function fitLine(x: ArrayLike<number>, y: ArrayLike<number>, sigma: ArrayLike<number>): LineFit {
  const n = x.length;
  // floor the point errors at a tiny fraction of the largest one, so a point with zero scatter cannot take all the weight
  let maxSigma = 0;
  for (let i = 0; i < n; i++) maxSigma = Math.max(maxSigma, sigma[i]);
  const floor = maxSigma > 0 ? maxSigma * 1e-3 : 1;
  let s = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let i = 0; i < n; i++) {
    const w = 1 / Math.max(sigma[i], floor) ** 2;
    s += w;
    sx += w * x[i];
    sy += w * y[i];
    sxx += w * x[i] * x[i];
    sxy += w * x[i] * y[i];
  }
  const det = s * sxx - sx * sx;
  const intercept = (sxx * sy - sx * sxy) / det;
  const slope = (s * sxy - sx * sy) / det;
  let chi2 = 0;
  for (let i = 0; i < n; i++) chi2 += ((y[i] - intercept - slope * x[i]) / Math.max(sigma[i], floor)) ** 2;
  const ndf = n - 2;
  const scaleFactor = ndf > 0 ? Math.sqrt(Math.max(1, chi2 / ndf)) : 1;
  return {
    intercept,
    slope,
    interceptError: Math.sqrt(sxx / det) * scaleFactor,
    slopeError: Math.sqrt(s / det) * scaleFactor,
    chi2,
    ndf,
  };
}
