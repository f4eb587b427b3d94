import type { PullDefinition } from '../scale-uncertainty.options.js';

/**
 * Pull t = (σ_NLO - σ_LO)/Δσ_LO with Δσ_LO = Δσ+ for an upward shift and Δσ- for a downward one,
 * all relative to σ_LO — Ghosh et al., arXiv:2210.15167.
 * @example asymmetricPull(0.29, 0.154, 0.166) // 0.29 / 0.154 = 1.88
 */
export function asymmetricPull(relShift: number, relUp: number, relDown: number): number {
  return relShift / (relShift >= 0 ? relUp : relDown);
}

/**
 * Symmetrised pull t = (σ_NLO - σ_LO)/((Δσ+ + Δσ-)/2): one error bar for both directions, as a
 * Gaussian fit would use it.
 * @example symmetrisedPull(0.29, 0.154, 0.166) // 0.29 / 0.160 = 1.81
 */
export function symmetrisedPull(relShift: number, relUp: number, relDown: number): number {
  return relShift / ((relUp + relDown) / 2);
}

/**
 * The pull under the chosen definition.
 * @example pull('asymmetric', -0.1, 0.2, 0.05) // -2
 */
export function pull(definition: PullDefinition, relShift: number, relUp: number, relDown: number): number {
  return definition === 'asymmetric' ? asymmetricPull(relShift, relUp, relDown) : symmetrisedPull(relShift, relUp, relDown);
}
