import { Dataset } from '@hepuq/core';

/**
 * The dataset of a 2-D density toy: `n` points (x1, x2) from `draw` (called once per event, in order,
 * so the Rng stream is the toy's own), with the exact density at the stored float32 point as `true_density`.
 * @example densitySample('wedge-ramp', n, () => [rng.uniform(), rng.uniform()], (a, b) => wedgeRampDensity(a, b, 2))
 */
export function densitySample(
  key: string, n: number, draw: () => [number, number], density: (x1: number, x2: number) => number,
): Dataset {
  const x1 = new Float32Array(n);
  const x2 = new Float32Array(n);
  const trueDensity = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    [x1[i], x2[i]] = draw();
    trueDensity[i] = density(x1[i], x2[i]);
  }
  return new Dataset({ features: { x1, x2 }, source: `toy:${key}`, extras: { true_density: trueDensity } });
}
