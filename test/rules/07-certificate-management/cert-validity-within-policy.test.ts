import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-validity-within-policy.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { policyWith, resultFor } from '../helpers.js';

const DAY = 86_400;

describe(rule.id, () => {
  it.each([
    { name: 'private TLS, 398 days', cert: { policyOids: [], validitySeconds: 398 * DAY }, status: 'pass', message: undefined },
    { name: 'private TLS, 825 days', cert: { policyOids: [], validitySeconds: 825 * DAY }, status: 'fail', message: 'Private TLS server certificate valid for 825 days; policy profile "default" allows 398 days for certificates issued 2026-01-01T00:00:00Z.' },
    { name: 'public TLS, 365 days in 2026-04', cert: { notBefore: '2026-04-01T00:00:00Z', validitySeconds: 365 * DAY }, status: 'fail', message: 'Public TLS server certificate valid for 365 days; policy profile "default" allows 200 days for certificates issued 2026-04-01T00:00:00Z.' },
    { name: 'client, 800 days', cert: { extendedKeyUsage: ['clientAuth'], validitySeconds: 800 * DAY }, status: 'pass', message: undefined },
    { name: 'intermediate CA, 15 years', cert: { isCa: true, validitySeconds: 5479 * DAY }, status: 'fail', message: 'Intermediate CA certificate valid for 5479 days; policy profile "default" allows 3653 days for certificates issued 2026-01-01T00:00:00Z.' },
    { name: 'OCSP signer', cert: { extendedKeyUsage: ['OCSPSigning'] }, status: 'not-applicable', message: undefined },
  ])('$name → $status', ({ cert, status, message }) => {
    const result = resultFor(rule, certificateEvidence(cert));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });

  it('uses the profile\'s limits', () => {
    const policy = policyWith({ name: 'short', lifetimes: { privateTls: 90 } });
    expect(resultFor(rule, certificateEvidence({ policyOids: [], validitySeconds: 91 * DAY }), [], { policy }).status).toBe('fail');
  });
});
