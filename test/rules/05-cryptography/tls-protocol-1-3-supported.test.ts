import { describe, expect, it } from 'vitest';
import rule from '../../../rules/05-cryptography/tls-protocol-1-3-supported.js';
import { tlsEndpointEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'negotiated TLS 1.3', data: {}, status: 'pass' },
    { name: 'negotiated TLS 1.2', data: { protocol: 'TLSv1.2' }, status: 'fail' },
    { name: 'probe accepted 1.3', data: { protocol: undefined, protocolVersions: { 'TLSv1.3': { outcome: 'accepted' as const } } }, status: 'pass' },
    { name: 'probe untestable, no handshake', data: { protocol: undefined, protocolVersions: { 'TLSv1.3': { outcome: 'untestable' as const } } }, status: 'not-applicable' },
  ])('$name → $status', ({ data, status }) => {
    expect(resultFor(rule, tlsEndpointEvidence(data)).status).toBe(status);
  });

  it('names the negotiated version', () => {
    expect(resultFor(rule, tlsEndpointEvidence({ protocol: 'TLSv1.2' })).message).toBe('www.example.test:443 does not support TLS 1.3 (negotiated TLSv1.2).');
  });
});
