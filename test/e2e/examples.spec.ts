import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isUnfoldingRun, readRunConfig, resolvePlugins, validateRunConfig, validateUnfoldingRun } from '@hepuq/cli';
import { createHepuq } from '@hepuq/core';
import { describe, expect, it } from 'vitest';

const configs = readdirSync('examples').filter((f) => /\.(ya?ml|json)$/.test(f));

describe('examples/', () => {
  it('has one config per first-party method family', () => {
    expect(configs.length).toBeGreaterThanOrEqual(5);
  });

  it.each(configs)('%s is valid against the registered methods, toys and options', async (file) => {
    const config = await readRunConfig(join('examples', file));
    const app = await createHepuq({ plugins: await resolvePlugins(config.plugins) });
    const { method } = isUnfoldingRun(config) ? validateUnfoldingRun(app, config) : validateRunConfig(app, config);
    expect(method.key).toBe(config.method.use);
    app.dispose();
  });
});
