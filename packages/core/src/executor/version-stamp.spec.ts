import { describe, expect, it } from 'vitest';
import { CORE_VERSION } from '../version.js';
import { localVersions, stampPairs, versionDifferences } from './version-stamp.js';

const executor = { name: '@acme/executor', version: '1.2.0' };

describe('version stamps', () => {
  it('are this process\'s core version and the executor package\'s', () => {
    expect(localVersions(executor)).toEqual({ core: CORE_VERSION, executor: '1.2.0' });
    expect(versionDifferences(stampPairs(localVersions(executor), executor))).toEqual([]);
  });

  it('list every package whose version differs, and only those', () => {
    const pairs = stampPairs({ core: '9.0.0', executor: '1.2.0' }, executor);
    expect(versionDifferences(pairs)).toEqual([`@hepuq/core ${CORE_VERSION} here, 9.0.0 on the submitting machine`]);
    expect(versionDifferences([{ name: 'acme', submitted: '1.0.0' }]), 'unknown here: not a difference').toEqual([]);
  });

  it('compare the task\'s package too when its module belongs to one', () => {
    const module = { url: 'file:///p/t.js', package: { name: 'acme-tasks', version: '1.0.0', path: 't.js' } };
    const pairs = stampPairs(localVersions(executor), executor, { module, resolved: { url: 'file:///q/t.js', version: '2.0.0' } });
    expect(versionDifferences(pairs)).toEqual(['acme-tasks 2.0.0 here, 1.0.0 on the submitting machine']);
    expect(versionDifferences(stampPairs({ core: CORE_VERSION, executor: '1.1.0' }, executor))).toEqual(['@acme/executor 1.2.0 here, 1.1.0 on the submitting machine']);
  });
});
