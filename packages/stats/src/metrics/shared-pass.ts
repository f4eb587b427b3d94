/**
 * Per-call sharing of fused passes. `computeMetricOutputs` hands one input to many metrics; several of
 * them read the same per-event sums (pulls, squared errors, the PIT, ...). Inside `withSharedPasses`, the
 * first metric that asks for a pass computes it and the others reuse it; outside (a metric's `compute`
 * called directly) every call computes afresh. The scope ends with the call, so arrays changed in
 * place between two `computeMetrics` calls are always read again.
 */
let scope: WeakMap<object, Map<string, unknown>> | undefined;

/** Run `fn` with a pass cache that lives for this call only (nested calls share the outer one). */
export function withSharedPasses<T>(fn: () => T): T {
  if (scope) return fn();
  scope = new WeakMap();
  try {
    return fn();
  } finally {
    scope = undefined;
  }
}

/**
 * The pass `name` over `owner` (the validated arrays of an input): cached inside `withSharedPasses`,
 * computed by `make` on every call outside it.
 * @example const sums = sharedPass(arrays, 'regression-moments', () => regressionMomentsOf(arrays))
 */
export function sharedPass<T>(owner: object, name: string, make: () => T): T {
  if (!scope) return make();
  let passes = scope.get(owner);
  if (!passes) scope.set(owner, (passes = new Map()));
  if (passes.has(name)) return passes.get(name) as T;
  const value = make();
  passes.set(name, value);
  return value;
}

/** Weighted moments of one per-event quantity x, as passes hold them: mean = sum w x / W, m2 = sum w (x - mean)^2 / W. */
export interface PassMoments {
  mean: number;
  m2: number;
}
