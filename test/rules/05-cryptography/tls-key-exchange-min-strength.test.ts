import { describe, expect, it } from 'vitest';
import rule from '../../../rules/05-cryptography/tls-key-exchange-min-strength.js';
import { tlsEndpointEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'X25519 (253 bits)', kx: { type: 'ECDH', group: 'X25519', sizeBits: 253 }, status: 'pass', message: undefined },
    { name: 'P-256', kx: { type: 'ECDH', group: 'prime256v1', sizeBits: 256 }, status: 'pass', message: undefined },
    { name: 'DH 2048', kx: { type: 'DH', sizeBits: 2048 }, status: 'pass', message: undefined },
    { name: 'DH 1024', kx: { type: 'DH', sizeBits: 1024 }, status: 'fail', message: 'www.example.test:443 negotiated DH (unnamed group) with 1024 bits; the minimum is 2048.' },
    { name: 'P-224', kx: { type: 'ECDH', group: 'secp224r1', sizeBits: 224 }, status: 'fail', message: 'www.example.test:443 negotiated ECDH secp224r1 with 224 bits; the minimum is 256.' },
    { name: 'hybrid group', kx: { type: 'ECDH', group: 'X25519MLKEM768', sizeBits: 100 }, status: 'pass', message: undefined },
    { name: 'size unknown', kx: { type: 'ECDH', group: 'X25519' }, status: 'not-applicable', message: undefined },
  ])('$name → $status', ({ kx, status, message }) => {
    const result = resultFor(rule, tlsEndpointEvidence({ keyExchange: kx }));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });

  it('is not applicable without an ephemeral key exchange', () => {
    expect(resultFor(rule, tlsEndpointEvidence()).status).toBe('not-applicable');
  });
});
