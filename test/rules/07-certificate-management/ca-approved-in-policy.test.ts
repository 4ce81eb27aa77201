import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/ca-approved-in-policy.js';
import { caConfigEvidence, policyWith, resultFor } from '../helpers.js';

const policy = policyWith({ name: 'reg', cas: { approved: ['CN=Example Issuing CA*', 'ab'.repeat(32)] } });

describe(rule.id, () => {
  it.each([
    { name: 'registered by name', data: {}, status: 'pass' },
    { name: 'registered by fingerprint', data: { ca: { subject: 'CN=Other', certificateSha256: ['AB'.repeat(32)] } }, status: 'pass' },
    { name: 'shadow CA', data: { ca: { subject: 'CN=Dev Team CA' } }, status: 'fail' },
    { name: 'identity unknown', data: { ca: {} }, status: 'not-applicable' },
  ])('$name → $status', ({ data, status }) => {
    const result = resultFor(rule, caConfigEvidence(data), [], { policy });
    expect(result.status).toBe(status);
    if (status === 'fail') expect(result.message).toBe('CA CN=Dev Team CA (vault pki_int/) is not on the approved-CA list of policy profile "reg".');
  });

  it('is not applicable without a register', () => {
    expect(resultFor(rule, caConfigEvidence({ ca: { subject: 'CN=Dev Team CA' } })).status).toBe('not-applicable');
  });
});
