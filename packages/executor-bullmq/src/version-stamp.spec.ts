import { CORE_VERSION } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { PLUGIN_VERSION } from './plugin-meta.js';
import { localVersions, stampPairs, versionDifferences } from './version-stamp.js';

describe('version stamps', () => {
  it('are this process\'s core and executor versions', () => {
    expect(localVersions()).toEqual({ core: CORE_VERSION, executor: PLUGIN_VERSION });
    expect(versionDifferences(stampPairs(localVersions()))).toEqual([]);
  });

  it('list every package whose version differs, and only those', () => {
    const pairs = stampPairs({ core: '9.0.0', executor: PLUGIN_VERSION });
    expect(versionDifferences(pairs)).toEqual([`@hepuq/core ${CORE_VERSION} here, 9.0.0 on the submitting machine`]);
    expect(versionDifferences([{ name: 'acme', submitted: '1.0.0' }]), 'unknown here: not a difference').toEqual([]);
  });
});
