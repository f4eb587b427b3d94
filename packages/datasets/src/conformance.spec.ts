import { createHepuq } from '@hepuq/core';
import { describeToyConformance } from '@hepuq/testing';
import { afterAll } from 'vitest';
import { datasets, JETS, RESPONSE, THREE_CLASS_2D } from './index.js';

// every toy the plugin registers, as an app sees them
const app = await createHepuq({ plugins: [datasets()] });
afterAll(() => app.dispose());

// `jets` has exact labels but no closed-form posterior: its truth is the prong count; a K-class toy has one true_prob_<k> per class;
// `response` has the exact response and the posterior under its own prior, but no one `true_mean` (which depends on the calibration)
const TRUTH_COLUMNS: Record<string, readonly string[]> = {
  [JETS]: ['true_prongs'], [THREE_CLASS_2D]: ['true_prob_0', 'true_prob_1', 'true_prob_2'], [RESPONSE]: ['response', 'mean_response', 'resolution', 'posterior_mean', 'posterior_sigma'],
};

for (const { value: toy } of app.registries.toys.entries()) describeToyConformance({ toy, truthColumns: TRUTH_COLUMNS[toy.key] });
