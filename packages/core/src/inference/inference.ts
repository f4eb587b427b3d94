import type { z } from 'zod';

/**
 * A statistical inference procedure over a likelihood (fit, scan, hypothesis test, limit), the
 * registry entry behind run-config `inference:` steps and the `hepuq fit|scan|hypotest|limit`
 * commands. Inputs and outputs are JSON-like so the CLI and reports can consume any of them; output
 * keys are snake_case and say what they hold (`cls_obs`, `upper_limit_exp`).
 */
export interface InferenceProcedure<I = unknown, O = Record<string, unknown>> {
  readonly key: string;
  readonly description: string;
  /** zod schema of `input` (strict); `run` validates its input against it and throws InvalidArgument naming the key. */
  readonly input?: z.ZodType;
  run(input: I): Promise<O> | O;
}
