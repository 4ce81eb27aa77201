import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-aia-ca-issuers-present.js';
import { certificateEvidence, evaluateOne } from '../../helpers/evidence.js';

describe(rule.id, () => {
  it.each([
    { name: 'caIssuers URL', data: {}, status: 'pass' },
    { name: 'intermediate CA with caIssuers URL', data: { isCa: true, issuer: 'CN=Example Root CA' }, status: 'pass' },
    { name: 'no caIssuers URL', data: { caIssuerUrls: [] }, status: 'fail', message: 'Certificate has no AIA caIssuers URL for its issuer CN=Example Issuing CA,O=Example.' },
    {
      name: 'intermediate CA without caIssuers URL',
      data: { isCa: true, issuer: 'CN=Example Root CA', caIssuerUrls: [] },
      status: 'fail',
      message: 'Certificate has no AIA caIssuers URL for its issuer CN=Example Root CA.',
    },
    { name: 'self-signed root', data: { isCa: true, isSelfSigned: true, caIssuerUrls: [] }, status: 'not-applicable' },
  ])('$name → $status', ({ data, status, message }) => {
    const result = evaluateOne(rule, certificateEvidence(data));
    expect(result?.status).toBe(status);
    expect(result?.severity).toBe('low');
    expect(result?.message).toBe(message);
  });
});
