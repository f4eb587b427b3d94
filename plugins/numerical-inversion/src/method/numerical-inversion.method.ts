import { join } from 'node:path';
import { HepuqError, parseOrThrow, type MethodContext, type Registry, type UQMethod } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { gridRange } from '../inversion/grid.js';
import { INVERSION_SPEC_FILE, NumericalInversionModel, readInversionSpec, RESPONSE_DIR, type NumericalInversionSpec } from '../model/numerical-inversion.model.js';
import { resolveInner } from './inner-choice.js';
import { NUMERICAL_INVERSION, NumericalInversionOptions } from './numerical-inversion.options.js';
import { responseLayout, responseTrainingData } from './response-data.js';

/**
 * The `numerical-inversion` method (the calibration of ATLAS and CMS jet energies; Nachman 2020,
 * "Calibration — a regression task"): instead of regressing the true y on the measured x, whose
 * answer E[y | x] depends on the training prior p(y), learn the response x(y) — a statistic of
 * p(x | y), which does not depend on p(y) — with any regression method of the registry (roles
 * swapped: y and the further features z in, x out), and invert it numerically on a y grid at each
 * event's x (and z). The median response closes exactly for the median. sigma_stat and sigma_syst of
 * the response reach y through the slope: sigma_y = sigma_x / |dx/dy|. `fallback` is the methods
 * registry when a caller passes none in the context.
 * @example ctx.methods.add(NUMERICAL_INVERSION, numericalInversionMethod())   // config: method: { use: numerical-inversion, options: { response: median } }
 */
export function numericalInversionMethod(fallback?: Registry<UQMethod>): UQMethod<typeof NumericalInversionOptions> {
  const registry = (ctx: MethodContext): Registry<UQMethod> => {
    const methods = ctx.methods ?? fallback;
    if (!methods) {
      throw new HepuqError('InvalidArgument', `${NUMERICAL_INVERSION} trains its response with a method from the methods registry, and the method context has none`, {
        hint: 'Pass `methods: app.registries.methods` in the context of fit and load (runs do).', plugin: PLUGIN_NAME,
      });
    }
    return methods;
  };
  return {
    key: NUMERICAL_INVERSION,
    task: 'regression',
    description: 'Numerical inversion: learn the response x(y, z) (mean, median or mode) with any regression method and invert it; prior-independent calibration',
    options: NumericalInversionOptions,

    async fit(data, options, ctx) {
      const { method, options: innerOptions } = resolveInner(registry(ctx), options.inner, 'method.options.inner');
      const layout = responseLayout(data, options);
      const swapped = responseTrainingData(data, layout);
      const spec: NumericalInversionSpec = { method: NUMERICAL_INVERSION, options, layout, range: gridRange(data.target!, options.grid, layout.inputScale) };
      const inner = await method.fit(swapped, innerOptions, { ...ctx, rng: ctx.rng.fork('response'), warmStart: undefined });
      const model = new NumericalInversionModel(inner, spec, ctx.events);
      try {
        // without further features the one curve is checked now, so a non-rising response fails the fit
        if (layout.extra.length === 0) await model.sharedCurve();
      } catch (e) {
        model.dispose();
        throw e;
      }
      return model;
    },

    async load(dir, ctx) {
      const spec = await readInversionSpec(dir);
      const options = parseOrThrow(NumericalInversionOptions, spec.options, { code: 'ModelLoadFailed', where: `${dir}/${INVERSION_SPEC_FILE}`, path: 'options', plugin: PLUGIN_NAME });
      const inner = await registry(ctx).get(options.inner.use).load(join(dir, RESPONSE_DIR), ctx);
      return new NumericalInversionModel(inner, { ...spec, options }, ctx.events);
    },
  };
}
