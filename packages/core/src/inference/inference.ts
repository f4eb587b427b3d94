/**
 * A statistical inference procedure over a likelihood (fit, scan, hypothesis test, limit), the
 * registry entry behind run-config `inference:` steps. Inputs and outputs are JSON-like so the CLI and
 * reports can consume any of them.
 */
export interface InferenceProcedure<I = unknown, O = Record<string, unknown>> {
  readonly key: string;
  readonly description: string;
  run(input: I): Promise<O> | O;
}
