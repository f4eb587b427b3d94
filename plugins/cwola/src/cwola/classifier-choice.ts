import { HepuqError, parseOrThrow, z, type Registry, type UQMethod } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';

/** The classifier CWoLa trains when a config names none: the core MLP, sized for a few features. */
export const DEFAULT_CWOLA_CLASSIFIER = { use: 'mlp-classifier', options: { hidden: [32, 32], epochs: 20, batchSize: 256 } };

/** A classification method from the registry by key, with its options (parsed by its own schema when resolved). */
export const ClassifierChoice = z
  .object({ use: z.string().min(1), options: z.record(z.string(), z.unknown()).default({}) })
  .strict()
  .default(DEFAULT_CWOLA_CLASSIFIER);
export type ClassifierChoice = z.output<typeof ClassifierChoice>;

/** A resolved classifier: the registry method and its parsed options. */
export interface ResolvedClassifier {
  method: UQMethod;
  options: unknown;
}

/**
 * The classification method named by `choice`, its options parsed by the method's own schema, so a
 * typo fails before anything trains. `where` is the config path named in errors.
 * @example const { method, options } = resolveClassifier(methods, { use: 'mlp-classifier', options: {} }, 'method.options.classifier')
 */
export function resolveClassifier(methods: Registry<UQMethod>, choice: ClassifierChoice, where: string): ResolvedClassifier {
  const method = methods.get(choice.use);
  if (method.task !== 'classification') {
    throw new HepuqError('InvalidConfig', `${where}.use: "${method.key}" is a ${method.task} method, CWoLa needs a classifier`, {
      hint: 'Name a classification method (`hepuq plugins` lists them), e.g. mlp-classifier.', plugin: PLUGIN_NAME,
    });
  }
  return { method, options: parseOrThrow(method.options, choice.options, { code: 'InvalidConfig', where: `${where}.options`, plugin: PLUGIN_NAME }) };
}
