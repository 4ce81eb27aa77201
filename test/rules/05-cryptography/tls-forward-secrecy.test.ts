import { describe, expect, it } from 'vitest';
import rule from '../../../rules/05-cryptography/tls-forward-secrecy.js';
import { tlsEndpointEvidence } from '../../helpers/evidence.js';
import { policyWith, resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'TLS 1.3', data: {}, status: 'pass', message: undefined },
    { name: 'ECDHE suite', data: { protocol: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256' }, status: 'pass', message: undefined },
    { name: 'static RSA by name', data: { protocol: 'TLSv1.2', cipher: 'AES128-GCM-SHA256' }, status: 'fail', message: 'www.example.test:443 negotiated AES128-GCM-SHA256, a key exchange without forward secrecy.' },
    { name: 'collector verdict false', data: { protocol: 'TLSv1.2', cipher: 'X', forwardSecrecy: false }, status: 'fail', message: 'www.example.test:443 negotiated X, a key exchange without forward secrecy.' },
    { name: 'static RSA still accepted', data: { weakSuites: { 'RSA-KX': { outcome: 'accepted' as const } } }, status: 'fail', message: 'www.example.test:443 accepts static-RSA key transport suites.' },
    { name: 'nothing known', data: { protocol: undefined, cipher: undefined }, status: 'not-applicable', message: undefined },
  ])('$name → $status', ({ data, status, message }) => {
    const result = resultFor(rule, tlsEndpointEvidence(data));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });

  it('is not applicable when the profile does not require forward secrecy', () => {
    const lax = policyWith({ name: 'lax', tls: { requireForwardSecrecy: false } });
    expect(resultFor(rule, tlsEndpointEvidence({ protocol: 'TLSv1.2', cipher: 'AES128-SHA' }), [], { policy: lax }).status).toBe('not-applicable');
  });
});
