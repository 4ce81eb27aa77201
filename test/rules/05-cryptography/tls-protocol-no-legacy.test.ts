import { describe, expect, it } from 'vitest';
import rule from '../../../rules/05-cryptography/tls-protocol-no-legacy.js';
import { tlsEndpointEvidence } from '../../helpers/evidence.js';
import { policyWith, resultFor } from '../helpers.js';

const accepted = { outcome: 'accepted' as const };
const rejected = { outcome: 'rejected' as const };

describe(rule.id, () => {
  it.each([
    { name: 'TLS 1.3 only', data: {}, status: 'pass', message: undefined },
    { name: 'negotiated TLS 1.0', data: { protocol: 'TLSv1' }, status: 'fail', message: 'www.example.test:443 accepts TLSv1, prohibited by policy profile "default".' },
    {
      name: 'probe accepts 1.0 and 1.1',
      data: { protocolVersions: { TLSv1: accepted, 'TLSv1.1': accepted, 'TLSv1.2': accepted, 'TLSv1.3': accepted } },
      status: 'fail',
      message: 'www.example.test:443 accepts TLSv1, TLSv1.1, prohibited by policy profile "default".',
    },
    { name: 'probe rejects legacy', data: { protocolVersions: { TLSv1: rejected, 'TLSv1.1': { outcome: 'untestable' as const } } }, status: 'pass', message: undefined },
    { name: 'no handshake', data: { protocol: undefined, cipher: undefined }, status: 'not-applicable', message: undefined },
  ])('$name → $status', ({ data, status, message }) => {
    const result = resultFor(rule, tlsEndpointEvidence(data));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });

  it('follows the profile', () => {
    const strict = policyWith({ name: 'tls13-only', algorithms: { tlsProtocols: { approved: ['TLSv1.3'], deprecated: [], prohibited: ['TLSv1.2', 'TLSv1.1', 'TLSv1'] } } });
    expect(resultFor(rule, tlsEndpointEvidence({ protocol: 'TLSv1.2' }), [], { policy: strict }).status).toBe('fail');
  });
});
