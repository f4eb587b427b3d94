import type { MeasuredQuantity } from './separation-quantity.js';

/** A value with its error. */
export interface ValueError {
  value: number;
  error: number;
}

/** The verdict of the third-sample cross-check. */
export interface DecorrelationCheck {
  /** The two-point uncertainty |q_a - q_b| a decorrelated analysis would quote. */
  quoted: ValueError;
  /** The actual difference to the third sample, |q_third - q_a| (a is nominal). */
  shift: ValueError;
  /** shift - quoted, with the error propagated through both absolute values (q_a enters both). */
  excess: ValueError;
  /** excess / its error. */
  significance: number;
  /** excess > 2 * error(excess): the third sample moves further than the quoted uncertainty, beyond 2 sigma of statistics. */
  underestimated: boolean;
}

/**
 * The cross-check of Ghosh & Nachman, EPJC 82 (2022) 46: a classifier decorrelated between samples a
 * and b makes |q_a - q_b| small, which is then quoted as the uncertainty, but a third sample c can
 * still move q by much more. With s1 = sign(q_c - q_a), s2 = sign(q_a - q_b), the excess
 * d = |q_c - q_a| - |q_a - q_b| has sigma_d^2 = sigma_c^2 + (s1 + s2)^2 sigma_a^2 + sigma_b^2
 * (independent samples, linear propagation).
 * @example decorrelationCheck({ value: 0.80, error: 0.01 }, { value: 0.80, error: 0.01 }, { value: 0.70, error: 0.01 }).underestimated // true
 */
export function decorrelationCheck(a: MeasuredQuantity, b: MeasuredQuantity, third: MeasuredQuantity): DecorrelationCheck {
  const s1 = Math.sign(third.value - a.value);
  const s2 = Math.sign(a.value - b.value);
  const quoted = { value: Math.abs(a.value - b.value), error: Math.hypot(a.error, b.error) };
  const shift = { value: Math.abs(third.value - a.value), error: Math.hypot(third.error, a.error) };
  const excessValue = shift.value - quoted.value;
  const excessError = Math.sqrt(third.error ** 2 + (s1 + s2) ** 2 * a.error ** 2 + b.error ** 2);
  return {
    quoted,
    shift,
    excess: { value: excessValue, error: excessError },
    significance: excessError > 0 ? excessValue / excessError : 0,
    underestimated: excessValue > 2 * excessError,
  };
}
