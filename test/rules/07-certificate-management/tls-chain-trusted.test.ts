import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/tls-chain-trusted.js';
import { certificateEvidence, evaluateOne, tlsEndpointEvidence } from '../../helpers/evidence.js';

describe(rule.id, () => {
  it.each([
    { name: 'trusted chain', data: {}, status: 'pass' },
    {
      name: 'missing intermediate',
      data: { chainTrusted: false, trustError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' },
      status: 'fail',
      message: 'www.example.test:443 serves a chain that does not validate: UNABLE_TO_GET_ISSUER_CERT_LOCALLY.',
    },
    {
      name: 'untrusted without a reason, other port',
      data: { host: 'ldap.example.test', port: 636, chainTrusted: false },
      status: 'fail',
      message: 'ldap.example.test:636 serves a chain that does not validate: no reason reported.',
    },
    { name: 'no certificate served', data: { chain: [], chainTrusted: false }, status: 'not-applicable' },
  ])('$name → $status', ({ data, status, message }) => {
    const result = evaluateOne(rule, tlsEndpointEvidence(data));
    expect(result?.status).toBe(status);
    expect(result?.severity).toBe('high');
    expect(result?.message).toBe(message);
  });

  it('is not run for certificate evidence', () => {
    expect(evaluateOne(rule, certificateEvidence())).toBeUndefined();
  });
});
