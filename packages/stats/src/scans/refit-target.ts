import { HepuqError, z, type Registry, type UQMethod } from '@hepuq/core';

/** Options every refit scan shares: which method to refit and with which options. */
export const refitTargetShape = {
  /** The method to refit (default: the run's method). */
  method: z.string().min(1).optional(),
  /** Options of every refit (default: the run's method options when `method` is the run's); the scanned option is set per point. */
  methodOptions: z.record(z.string(), z.unknown()).optional(),
};

/** The method a scan refits and the options every refit starts from. */
export interface RefitTarget {
  method: UQMethod;
  base: Record<string, unknown>;
}

/**
 * The method and base options of a refit scan: `options.method` (else the run's method) with
 * `options.methodOptions` (else the run's parsed options when the method is the run's, else its defaults).
 * @example const { method, base } = refitTarget(methods, options, { key: model.method, options: methodOptions })
 */
export function refitTarget(
  methods: Registry<UQMethod>,
  options: { method?: string; methodOptions?: Record<string, unknown> },
  run: { key: string; options: unknown },
): RefitTarget {
  const method = methods.get(options.method ?? run.key);
  const base = options.methodOptions ?? (method.key === run.key && isRecord(run.options) ? run.options : {});
  return { method, base };
}

/**
 * The method's options for one point of a scan: `base` with `patch`, parsed by the method's own
 * schema; an option the method does not take is a catalog error naming the step.
 */
export function pointOptions(step: string, target: RefitTarget, patch: Record<string, unknown>): unknown {
  const parsed = target.method.options.safeParse({ ...target.base, ...patch });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HepuqError('InvalidConfig', `${step}: method "${target.method.key}" refuses the options of a scan point ${JSON.stringify(patch)}: ${issue.path.join('.') || '(options)'}: ${issue.message}`, {
      hint: `Check the step's options against the method's (\`hepuq plugins\` lists every option), or name another method with \`method\` and \`methodOptions\`.`,
    });
  }
  return parsed.data;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
