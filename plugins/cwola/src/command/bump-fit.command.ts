import { parseOrThrow, z, type CommandDefinition } from '@hepuq/core';
import { bumpFit } from '../bump-fit/bump-fit.js';
import { bumpFitError } from '../bump-fit/bump-fit-error.js';
import { DIJET_FUNCTIONS } from '../bump-fit/dijet-function.js';
import { formatBumpFit } from '../bump-fit/format-bump-fit.js';
import { readCountsCsv } from '../bump-fit/read-counts-csv.js';
import { PLUGIN_NAME } from '../plugin-meta.js';

/** Command key: `hepuq bump-fit`. */
export const BUMP_FIT = 'bump-fit';

/** The flags as commander hands them over (strings; unknown keys are ignored). */
const CommandFlags = z.object({
  counts: z.string({ message: 'is required (--counts <file>, a CSV with columns low,high,count)' }),
  sr: z.string({ message: 'is required (--sr first:last, 0-based bin indices in mass order)' }),
  function: z.enum(DIJET_FUNCTIONS).default('dijet3'),
  sqrtS: z.coerce.number().positive().default(13000),
  fit: z.enum(['lsq', 'poisson']).default('lsq'),
  json: z.boolean().optional(),
});

/**
 * `--sr first:last` as [first, last]: two 0-based bin indices, first <= last.
 * @example parseSrRange('15:17') // [15, 17]
 */
export function parseSrRange(text: string): [number, number] {
  const m = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(text);
  const hint = 'Give the signal region as first:last, 0-based bin indices in mass order, inclusive (e.g. --sr 15:17).';
  if (!m) throw bumpFitError('InvalidArgument', `${BUMP_FIT}: --sr "${text}" is not first:last with two bin indices >= 0`, hint);
  const sr: [number, number] = [Number(m[1]), Number(m[2])];
  if (sr[0] > sr[1]) throw bumpFitError('InvalidArgument', `${BUMP_FIT}: --sr ${text} is reversed (first ${sr[0]} > last ${sr[1]})`, hint);
  return sr;
}

/**
 * `hepuq bump-fit --counts counts.csv --sr 15:17 [--function dijet3|dijet4] [--sqrt-s 13000] [--fit lsq|poisson] [--json]`:
 * the CWoLa-hunting dijet bump fit of a binned spectrum (`bumpFit`). Prints fit_params, observed,
 * expected, sigma_b, mu_hat, z and p0 as lines, or with --json one object with every field of the result.
 * @example ctx.commands.add(BUMP_FIT, bumpFitCommand())
 */
export function bumpFitCommand(): CommandDefinition {
  return {
    name: BUMP_FIT,
    description: 'Dijet bump fit (CWoLa hunting): fit the sidebands of a binned mass spectrum, predict the signal-region background with its fit error, and give the local significance of the excess',
    options: [
      { flags: '--counts <file>', description: 'CSV with a header and columns low,high,count (bin edges in GeV, any row order; other columns ignored)' },
      { flags: '--sr <range>', description: 'signal region first:last, 0-based bin indices in mass order, inclusive, not touching the first or last bin (e.g. 15:17)' },
      { flags: '--function <name>', description: 'background function: dijet3 = p1 (1-x)^p2 x^-p3, dijet4 = p1 (1-x)^p2 x^-(p3 + p4 ln x), x = m/sqrt(s)', default: 'dijet3' },
      { flags: '--sqrt-s <gev>', description: 'centre-of-mass energy in GeV', default: '13000' },
      { flags: '--fit <method>', description: 'lsq: least squares with sigma = sqrt(N + 1) (the reference analysis); poisson: Poisson likelihood', default: 'lsq' },
      { flags: '--json', description: 'print one JSON object: fit_params, observed, expected, sigma_b, mu_hat, z, p0 and the rest of the fit result' },
    ],
    async run(_args, options, ctx) {
      const f = parseOrThrow(CommandFlags, options, { code: 'InvalidArgument', where: BUMP_FIT, flags: true, plugin: PLUGIN_NAME });
      const sr = parseSrRange(f.sr);
      const bins = await readCountsCsv(f.counts);
      const result = bumpFit(bins, { sr, function: f.function, sqrtS: f.sqrtS, fit: f.fit }, `${BUMP_FIT} ${f.counts}`);
      if (f.json || ctx.json) {
        const { fit_params, observed, expected, sigma_b, mu_hat, z: zValue, p0, ...rest } = result;
        ctx.print(JSON.stringify({ fit_params, observed, expected, sigma_b, mu_hat, z: zValue, p0, ...rest }));
      } else formatBumpFit(result, f.counts).forEach((line) => ctx.print(line));
      return 0;
    },
  };
}
