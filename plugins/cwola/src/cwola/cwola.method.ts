import { join } from 'node:path';
import { HepuqError, parseOrThrow, type Dataset, type MethodContext, type Registry, type UQMethod } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { resolveClassifier } from './classifier-choice.js';
import { CLASSIFIER_DIR, CwolaModel, readCwolaSpec } from './cwola-model.js';
import { CWOLA, CwolaOptions } from './cwola.options.js';
import { balancedWeights, sampleLabels } from './mixed-samples.js';

/**
 * The `cwola` method (Classification Without Labels, Metodiev, Nachman, Thaler, arXiv:1708.02949):
 * a classifier trained to separate two mixed samples, the run's 0/1 label naming the sample (e.g. a
 * `sample` column), with event weights and the samples balanced to equal total weight. When the
 * signal fractions of the samples differ, the optimal mixed-sample classifier is the optimal
 * signal-versus-background classifier. The method trains any classification method of the run's
 * methods registry (`ctx.methods`; `fallback` where a caller passes none).
 * @example ctx.methods.add(CWOLA, cwolaMethod())   // config: method: { use: cwola, options: { truth: is_signal } }
 */
export function cwolaMethod(fallback?: Registry<UQMethod>): UQMethod<typeof CwolaOptions> {
  const registry = (ctx: MethodContext): Registry<UQMethod> => {
    const methods = ctx.methods ?? fallback;
    if (!methods) {
      throw new HepuqError('InvalidArgument', `${CWOLA} trains a classifier from the methods registry, and the method context has none`, {
        hint: 'Pass `methods: app.registries.methods` in the context of fit and load (runs do).', plugin: PLUGIN_NAME,
      });
    }
    return methods;
  };
  return {
    key: CWOLA,
    task: 'classification',
    description: 'Classification without labels: a classifier between two mixed samples (label = sample), reporting mixed and, with true labels, signal-vs-background AUC',
    options: CwolaOptions,

    async fit(data, options, ctx) {
      const { method, options: classifierOptions } = resolveClassifier(registry(ctx), options.classifier, 'method.options.classifier');
      checkTruthColumn(data, options);
      const label = sampleLabels(data);
      const train = options.balance ? data.withWeights(balancedWeights(data.weights, label)) : data;
      const classifier = await method.fit(train, classifierOptions, { ...ctx, warmStart: undefined });
      return new CwolaModel(classifier, options);
    },

    async load(dir, ctx) {
      const spec = await readCwolaSpec(dir);
      const options = parseOrThrow(CwolaOptions, spec.options, { code: 'ModelLoadFailed', where: `${dir}/cwola.json`, path: 'options', plugin: PLUGIN_NAME });
      const classifier = await registry(ctx).get(options.classifier.use).load(join(dir, CLASSIFIER_DIR), ctx);
      return new CwolaModel(classifier, options);
    },
  };
}

/** The truth column must exist when named, and never be an input of the classifier. */
function checkTruthColumn(data: Dataset, options: CwolaOptions): void {
  const truth = options.truth;
  if (!truth) return;
  if (data.features[truth]) {
    throw new HepuqError('InvalidConfig', `method.options.truth: "${truth}" is a feature of ${data.source}, so the classifier would see the true labels`, {
      hint: 'List the truth column under `extras:` of the data source, not under `features:`.', plugin: PLUGIN_NAME,
    });
  }
  if (!data.extras[truth] && !data.nuisances[truth]) {
    throw new HepuqError('MissingColumn', `method.options.truth: ${data.source} has no column "${truth}"`, {
      hint: `Add it to the data source's \`extras:\` (columns there: ${Object.keys(data.extras).join(', ') || 'none'}).`, plugin: PLUGIN_NAME,
    });
  }
}
