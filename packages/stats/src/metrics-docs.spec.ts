import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinMetrics } from './metrics/default-metrics.js';
import { builtinRecalibrations } from './recalibration/builtin-recalibrations.js';

describe('docs/metrics.md', () => {
  const doc = readFileSync(resolve(import.meta.dirname, '../../../docs/metrics.md'), 'utf8');

  it('documents every built-in metric key and value name, and every recalibration', () => {
    for (const m of builtinMetrics()) {
      expect(doc, m.key).toContain(`\`${m.key}\``);
      for (const name of m.valueNames ?? []) expect(doc, `${m.key}: ${name}`).toContain(`\`${name}\``);
      expect(m.definition.length).toBeGreaterThan(40);
    }
    for (const r of builtinRecalibrations()) expect(doc, r.key).toContain(`\`${r.key}\``);
  });
});
