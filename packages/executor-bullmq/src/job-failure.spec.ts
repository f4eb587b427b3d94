import { HepuqError } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { catalogFailure, failureReason } from './job-failure.js';

describe('failure reasons', () => {
  it('carry a worker\'s catalog error back to the submitter, and nothing else', () => {
    const reason = failureReason(new HepuqError('VersionMismatch', 'acme 2.0.0 here'));
    expect(reason).toBe('[hepuq:VersionMismatch] acme 2.0.0 here');
    expect(catalogFailure(reason)).toEqual({ code: 'VersionMismatch', message: 'acme 2.0.0 here' });
    expect(catalogFailure('task 3 is broken')).toBeUndefined();
    expect(catalogFailure('[hepuq:NoSuchCode] x')).toBeUndefined();
  });
});
