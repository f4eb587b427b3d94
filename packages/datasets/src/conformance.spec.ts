import { createHepuq } from '@hepuq/core';
import { describeToyConformance } from '@hepuq/testing';
import { afterAll } from 'vitest';
import { datasets } from './index.js';

// every toy the plugin registers, as an app sees them
const app = await createHepuq({ plugins: [datasets()] });
afterAll(() => app.dispose());

for (const { value: toy } of app.registries.toys.entries()) describeToyConformance({ toy });
