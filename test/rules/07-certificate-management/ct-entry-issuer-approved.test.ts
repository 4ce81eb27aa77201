import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/ct-entry-issuer-approved.js';
import { ctEntryEvidence, policyWith, resultFor } from '../helpers.js';

const policy = policyWith({ name: 'reg', cas: { approved: ['CN=Example Issuing CA*'] } });

describe(rule.id, () => {
  it.each([
    { name: 'approved issuer', entry: {}, status: 'pass' },
    { name: 'unknown issuer', entry: { issuer: 'C=US, O=Other CA, CN=R99' }, status: 'fail' },
    { name: 'expired entry', entry: { issuer: 'CN=Other', notAfter: '2026-01-01T00:00:00Z' }, status: 'not-applicable' },
    { name: 'not for declared domains', entry: { issuer: 'CN=Other', matchedDomains: [] }, status: 'not-applicable' },
  ])('$name → $status', ({ entry, status }) => {
    const result = resultFor(rule, ctEntryEvidence(entry), [], { policy });
    expect(result.status).toBe(status);
    if (status === 'fail') expect(result.message).toBe('CT entry for www.example.test was issued by C=US, O=Other CA, CN=R99, which is not on the approved-CA list.');
  });

  it('is not applicable without a register', () => {
    expect(resultFor(rule, ctEntryEvidence({ issuer: 'CN=Other' })).status).toBe('not-applicable');
  });
});
