import { HepuqError, parseOrThrow, type Registry, type UQMethod } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { NUMERICAL_INVERSION, type InnerChoice } from './numerical-inversion.options.js';

/** A resolved inner regression: the registry method and its parsed options. */
export interface ResolvedInner {
  method: UQMethod;
  options: unknown;
}

/**
 * The regression method named by `choice`, its options parsed by the method's own schema, so a typo
 * fails before anything trains. `where` is the config path named in errors.
 * @example const { method, options } = resolveInner(methods, { use: 'het-mlp', options: {} }, 'method.options.inner')
 */
export function resolveInner(methods: Registry<UQMethod>, choice: InnerChoice, where: string): ResolvedInner {
  const method = methods.get(choice.use);
  if (method.task !== 'regression' || method.key === NUMERICAL_INVERSION) {
    const what = method.key === NUMERICAL_INVERSION ? 'numerical-inversion itself' : `a ${method.task} method`;
    throw new HepuqError('InvalidConfig', `${where}.use: "${method.key}" is ${what}; the response x(y) is learned by a regression`, {
      hint: 'Name a regression method (`hepuq plugins` lists them), e.g. het-mlp, bnn, deep-ensemble.', plugin: PLUGIN_NAME,
    });
  }
  return { method, options: parseOrThrow(method.options, choice.options, { code: 'InvalidConfig', where: `${where}.options`, plugin: PLUGIN_NAME }) };
}
