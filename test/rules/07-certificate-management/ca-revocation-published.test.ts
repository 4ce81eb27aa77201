import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/ca-revocation-published.js';
import { caConfigEvidence, policyWith, resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'CRL and OCSP', data: {}, status: 'pass' },
    { name: 'CRL only', data: { revocation: { crl: { enabled: true } } }, status: 'pass' },
    { name: 'both off', data: { revocation: { crl: { enabled: false }, ocsp: { enabled: false } } }, status: 'fail' },
    { name: 'nothing stated', data: { revocation: undefined }, status: 'not-applicable' },
    { name: 'client', data: { role: 'client' as const, revocation: { crl: { enabled: false } } }, status: 'not-applicable' },
  ])('$name → $status', ({ data, status }) => {
    const evidence = caConfigEvidence(data);
    const result = resultFor(rule, evidence);
    expect(result.status).toBe(status);
    if (status === 'fail') expect(result.message).toBe('vault pki_int/ (vault) publishes neither CRLs nor OCSP.');
  });

  it('follows the profile', () => {
    const policy = policyWith({ name: 'no-revocation', cas: { requireRevocation: false } });
    expect(resultFor(rule, caConfigEvidence({ revocation: { crl: { enabled: false } } }), [], { policy }).status).toBe('not-applicable');
  });
});
