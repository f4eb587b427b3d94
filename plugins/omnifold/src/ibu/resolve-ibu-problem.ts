import { parseOrThrow } from '@hepuq/core';
import { ibuError } from './ibu-error.js';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { IBU_INPUT_KEYS, IBU_KEYS_HINT, IbuProblem, type CovType } from './ibu-problem.js';
import { initialPrior } from './priors.js';

/** An IBU problem checked and laid out for the algorithm: Float64 vectors, matrices row-major (effect i, cause j at i * nCauses + j). */
export interface ResolvedIbuProblem {
  nEffects: number;
  nCauses: number;
  data: Float64Array;
  dataErr: Float64Array;
  response: Float64Array;
  responseErr: Float64Array;
  efficiencies: Float64Array;
  efficienciesErr: Float64Array;
  /** Initial prior probabilities of the causes (sum 1). */
  prior: Float64Array;
  tsStopping: number;
  maxIter: number;
  covType: CovType;
  returnIterations: boolean;
}

/**
 * Validate an IBU problem (a parsed problem.json or an object with the same keys) and lay it out
 * for `iterativeUnfold`. Errors name the offending item: NaN/Inf (`NonFiniteValue`, checked before
 * the schema since JSON numbers like 1e999 parse to Infinity), unknown or mistyped keys
 * (`InvalidConfig`), lengths that disagree (`ShapeMismatch`, naming both), negative entries and
 * zero efficiencies (`InvalidArgument`, naming the index), as pyunfold's own checks plus the
 * efficiency one (pyunfold silently unfolds 0 into such a cause bin).
 * @example const p = resolveIbuProblem(JSON.parse(text), 'problem.json')
 */
export function resolveIbuProblem(value: unknown, where = 'ibu problem'): ResolvedIbuProblem {
  assertFiniteNumbers(value, where);
  const p = parseOrThrow(IbuProblem, value, { code: 'InvalidConfig', where, plugin: PLUGIN_NAME, hint: IBU_KEYS_HINT });
  const nEffects = p.response.length;
  const nCauses = p.response[0].length;
  checkShapes(p, where, nEffects, nCauses);
  for (const key of IBU_INPUT_KEYS) checkNonNegative(p[key], `${where}: ${key}`);
  p.efficiencies.forEach((e, j) => {
    if (e === 0) {
      throw ibuError('InvalidArgument', `${where}: efficiencies[${j}] is 0: cause bin ${j} is never observed, so nothing can be unfolded into it`, `Merge cause bin ${j} with a neighbour or drop it; its response column (response[*][${j}]) should be non-zero.`);
    }
  });
  let total = 0;
  for (const d of p.data) total += d;
  if (total === 0) throw ibuError('InvalidArgument', `${where}: data sums to 0, so there is nothing to unfold`);
  return {
    nEffects,
    nCauses,
    data: Float64Array.from(p.data),
    dataErr: Float64Array.from(p.data_err),
    response: Float64Array.from(p.response.flat()),
    responseErr: Float64Array.from(p.response_err.flat()),
    efficiencies: Float64Array.from(p.efficiencies),
    efficienciesErr: Float64Array.from(p.efficiencies_err),
    prior: initialPrior(p, nCauses, where),
    tsStopping: p.ts_stopping,
    maxIter: p.max_iter,
    covType: p.cov_type,
    returnIterations: p.return_iterations,
  };
}

function checkShapes(p: IbuProblem, where: string, nEffects: number, nCauses: number): void {
  const mismatch = (message: string, hint: string) => ibuError('ShapeMismatch', `${where}: ${message}`, hint);
  const rowHint = 'response[i][j] is P(effect bin i | cause bin j): one row per data (effect) bin, one column per cause bin.';
  p.response.forEach((row, i) => {
    if (row.length !== nCauses) throw mismatch(`response[${i}] has ${row.length} columns but response[0] has ${nCauses}`, rowHint);
  });
  if (p.data.length !== nEffects) throw mismatch(`data has ${p.data.length} effect bins but response has ${nEffects} rows (effect bins)`, rowHint);
  if (p.data_err.length !== nEffects) throw mismatch(`data_err has ${p.data_err.length} entries but data has ${nEffects}`, 'Give one uncertainty per data bin.');
  if (p.response_err.length !== nEffects) throw mismatch(`response_err has ${p.response_err.length} rows but response has ${nEffects}`, 'response_err has the shape of response.');
  p.response_err.forEach((row, i) => {
    if (row.length !== nCauses) throw mismatch(`response_err[${i}] has ${row.length} columns but response has ${nCauses}`, 'response_err has the shape of response.');
  });
  if (p.efficiencies.length !== nCauses) throw mismatch(`efficiencies has ${p.efficiencies.length} entries but response has ${nCauses} columns (cause bins)`, 'Give one efficiency per cause bin (response column).');
  if (p.efficiencies_err.length !== nCauses) throw mismatch(`efficiencies_err has ${p.efficiencies_err.length} entries but efficiencies has ${nCauses}`, 'Give one uncertainty per efficiency.');
}

function checkNonNegative(values: number[] | number[][], where: string): void {
  values.forEach((v, i) => {
    if (Array.isArray(v)) checkNonNegative(v, `${where}[${i}]`);
    else if (v < 0) throw ibuError('InvalidArgument', `${where}[${i}] is ${v}: counts, probabilities and their uncertainties cannot be negative`, 'pyunfold rejects negative inputs too; check how the histogram or the response was filled (negative event weights?).');
  });
}

/** NonFiniteValue naming the first NaN/Inf number anywhere in the problem, e.g. `response[2][3]`. */
function assertFiniteNumbers(value: unknown, where: string, path = ''): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw ibuError('NonFiniteValue', `${where}: ${path || 'the problem'} is ${value}`, 'Every count, probability and uncertainty must be a finite number.');
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => assertFiniteNumbers(v, where, `${path}[${i}]`));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) assertFiniteNumbers(v, where, path ? `${path}.${k}` : k);
  }
}
