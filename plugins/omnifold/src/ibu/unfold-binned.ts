import { parseOrThrow } from '@hepuq/core';
import { binnedUnfoldingInputs, type BinnedSample, type BinnedUnfoldingInputs } from './binned-inputs.js';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { IBU_KEYS_HINT, IbuSettings, type IbuSettingsInput } from './ibu-problem.js';
import { iterativeUnfold, type IbuOptions, type IbuResult } from './iterative-unfold.js';

/** The IBU result of a binned sample and the inputs it was unfolded from. */
export interface BinnedUnfoldingResult {
  result: IbuResult;
  inputs: BinnedUnfoldingInputs;
}

/**
 * Bin a simulation and a measurement (`binnedUnfoldingInputs`: response, efficiencies, fake
 * subtraction) and unfold them with `iterativeUnfold` under pyunfold's settings (`prior`,
 * `cause_lim`, `ts`, `ts_stopping`, `max_iter`, `cov_type`, `return_iterations`; defaults as pyunfold).
 * @example const { result, inputs } = unfoldBinned({ simGen, simReco, dataReco, genEdges, recoEdges }, { ts_stopping: 0.001 })
 */
export function unfoldBinned(sample: BinnedSample, settings: IbuSettingsInput = {}, options: IbuOptions = {}): BinnedUnfoldingResult {
  const s = parseOrThrow(IbuSettings, settings, { code: 'InvalidConfig', where: 'binned unfolding settings', plugin: PLUGIN_NAME, hint: IBU_KEYS_HINT });
  const inputs = binnedUnfoldingInputs(sample);
  const { data, data_err, response, response_err, efficiencies, efficiencies_err } = inputs;
  const result = iterativeUnfold({ data, data_err, response, response_err, efficiencies, efficiencies_err, ...s }, { where: 'binned unfolding', ...options });
  return { result, inputs };
}
