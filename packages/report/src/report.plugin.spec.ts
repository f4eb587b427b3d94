import { createHepuq, isHepuqError } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import reportDefault, { CLASSIFICATION_SECTION, CLOSURE_SECTION, METRIC_PLOTS_SECTION, MULTICLASS_SECTION, REFIT_SCANS_SECTION, REGRESSION_SECTION, report, REPORT_PLUGIN_NAME } from './index.js';

describe('report plugin', () => {
  it('registers the regression, classification, multiclass, refit-scans, closure and metric-plots sections under its name', async () => {
    const app = await createHepuq({ plugins: [report()], backend: 'cpu' });
    const entries = app.registries.reportSections.entries().filter((e) => e.owner === REPORT_PLUGIN_NAME);
    expect(entries.map((e) => e.key)).toEqual([CLASSIFICATION_SECTION, CLOSURE_SECTION, METRIC_PLOTS_SECTION, MULTICLASS_SECTION, REFIT_SCANS_SECTION, REGRESSION_SECTION]);
    expect(app.plugins().map((m) => m.name)).toContain('@hepuq/report');
    expect(reportDefault).toBe(report);
  });

  it('validates options in the factory', () => {
    let err: unknown;
    try {
      report({ maxPoints: 3 });
    } catch (e) {
      err = e;
    }
    expect(isHepuqError(err) && err.code === 'InvalidPluginOptions').toBe(true);
    expect(() => report({ colour: 'red' } as never)).toThrow(/colour|Unrecognized/i);
  });
});
