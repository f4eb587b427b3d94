/** A scale choice (muR/mu0, muF/mu0). */
export type ScalePoint = readonly [kR: number, kF: number];

/** 3-point variation: muR = muF = mu0/2, mu0, 2 mu0. */
export const THREE_POINT: readonly ScalePoint[] = [[0.5, 0.5], [1, 1], [2, 2]];

/** 7-point variation: all (muR, muF) in {1/2, 1, 2}^2 except the opposite extremes (1/2, 2) and (2, 1/2). */
export const SEVEN_POINT: readonly ScalePoint[] = [
  [0.5, 0.5], [0.5, 1], [1, 0.5], [1, 1], [1, 2], [2, 1], [2, 2],
];

/**
 * Column holding the cross section at a scale point: `<order>_<muR/mu0>_<muF/mu0>`.
 * @example scaleColumn('lo', 0.5, 1) // 'lo_0.5_1'
 */
export function scaleColumn(order: 'lo' | 'nlo', [kR, kF]: ScalePoint): string {
  return `${order}_${kR}_${kF}`;
}
