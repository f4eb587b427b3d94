import { assertFiniteColumn, Dataset, dataRow, HepuqError } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { inputValue, responseTargetValue, type InputScale, type ResponseTarget } from '../response/parameterisation.js';
import { NUMERICAL_INVERSION, type NumericalInversionOptions } from './numerical-inversion.options.js';

/** Which columns play which role: the measured x, the further features z, the true y, and how the inner regression sees them. */
export interface ResponseLayout {
  /** The measured feature x that is calibrated. */
  measured: string;
  /** Further features z the response depends on (inverted at fixed z). */
  extra: string[];
  /** The name of the true quantity (the data's target), the inner regression's first feature. */
  yName: string;
  target: ResponseTarget;
  inputScale: InputScale;
}

/** The inner regression's target name: `response` (x/y), `log_response` (log x/y), or the measured feature's name. */
export function innerTargetName(layout: ResponseLayout): string {
  return layout.target === 'ratio' ? 'response' : layout.target === 'log-ratio' ? 'log_response' : layout.measured;
}

/**
 * The roles of the training data's columns: one regression target y, the measured feature
 * (`options.measured`, default the first feature) and the others as z. Flat features only.
 */
export function responseLayout(data: Dataset, options: NumericalInversionOptions): ResponseLayout {
  if (Object.keys(data.sets).length > 0) {
    throw new HepuqError('InvalidConfig', `${NUMERICAL_INVERSION} inverts a response of flat features, and ${data.source} has particle sets (${Object.keys(data.sets).join(', ')})`, {
      hint: 'Compute the measured quantity (e.g. the jet energy) as a column and give it as a feature.', plugin: PLUGIN_NAME,
    });
  }
  if (data.targets.length !== 1) {
    throw new HepuqError('InvalidConfig', `${NUMERICAL_INVERSION} calibrates one target, ${data.source} has ${data.targets.length}`, {
      hint: 'Give the true quantity as the one `target:` and the measured one as a feature.', plugin: PLUGIN_NAME,
    });
  }
  const measured = options.measured ?? data.featureNames[0];
  if (measured === undefined || !data.features[measured]) {
    throw new HepuqError('MissingColumn', `method.options.measured: ${data.source} has no feature "${measured ?? '(none)'}" to calibrate`, {
      hint: `Name one of its features (${data.featureNames.join(', ') || 'none'}), or list the measured quantity first under \`features:\`.`, plugin: PLUGIN_NAME,
    });
  }
  return { measured, extra: data.featureNames.filter((f) => f !== measured), yName: data.targetName, target: options.target, inputScale: options.inputScale };
}

/** Where the layout needs y > 0: a log input or a ratio target. */
function needsPositiveY(layout: ResponseLayout): string | undefined {
  if (layout.inputScale === 'log') return '`inputScale: log`';
  if (layout.target !== 'value') return `\`target: ${layout.target}\``;
  return undefined;
}

/**
 * The inner regression's training data, roles swapped: features y (as `inputScale` says) and z, target
 * t(x, y) (`target`), the event weights kept. NaN or Inf in y, x or z, y <= 0 where the layout needs
 * y > 0, and x/y <= 0 for `log-ratio` are catalog errors naming the row.
 * @example const swapped = responseTrainingData(train, layout) // features [y, z], target response = x / y
 */
export function responseTrainingData(data: Dataset, layout: ResponseLayout): Dataset {
  const y = data.target!;
  const x = data.features[layout.measured];
  for (const [name, col] of [[layout.yName, y], [layout.measured, x], ...layout.extra.map((z) => [z, data.features[z]] as const)] as const) assertFiniteColumn(col, name, data.source);
  const positive = needsPositiveY(layout);
  const yIn = new Float32Array(data.n);
  const t = new Float32Array(data.n);
  for (let i = 0; i < data.n; i++) {
    if (positive && !(y[i] > 0)) {
      throw new HepuqError('InvalidArgument', `${data.source}: the true ${layout.yName} is ${y[i]} at ${dataRow(i)}, and ${positive} needs ${layout.yName} > 0`, {
        hint: 'Use `inputScale: linear` and `target: value` for a quantity that can be zero or negative, or select the events with y > 0.', plugin: PLUGIN_NAME,
      });
    }
    yIn[i] = inputValue(layout.inputScale, y[i]);
    t[i] = responseTargetValue(layout.target, x[i], y[i]);
    if (!Number.isFinite(t[i])) {
      throw new HepuqError('InvalidArgument', `${data.source}: ${layout.measured}/${layout.yName} = ${x[i] / y[i]} at ${dataRow(i)}, and \`target: log-ratio\` needs a positive ratio`, {
        hint: 'Use `target: ratio` (or `value`) when the measured quantity can be zero or negative.', plugin: PLUGIN_NAME,
      });
    }
  }
  const features: Record<string, Float32Array> = { [layout.yName]: yIn };
  for (const z of layout.extra) features[z] = data.features[z];
  return new Dataset({ features, target: t, targetName: innerTargetName(layout), weights: data.weights, source: `${data.source} (response)` });
}

/**
 * Rows for the inner regression's prediction: the y values `ys` (converted as it was trained), with
 * the further features `z` per row (same length as `ys`; none without further features).
 */
export function gridData(layout: ResponseLayout, ys: ArrayLike<number>, z: Record<string, Float32Array> = {}): Dataset {
  const features: Record<string, Float32Array> = { [layout.yName]: Float32Array.from(ys, (v) => inputValue(layout.inputScale, v)) };
  for (const name of layout.extra) features[name] = z[name];
  return new Dataset({ features, source: `${NUMERICAL_INVERSION} grid` });
}
