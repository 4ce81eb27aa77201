import { describe, expect, it } from 'vitest';
import rule from '../../../rules/05-cryptography/tls-hybrid-pqc-key-exchange.js';
import { tlsEndpointEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

const ep = (host: string, group: string, protocol = 'TLSv1.3') => tlsEndpointEvidence({ host, protocol, keyExchange: { type: 'ECDH', group } });

describe(rule.id, () => {
  it('passes when one TLS 1.3 endpoint negotiated a hybrid group', () => {
    expect(resultFor(rule, undefined, [ep('a', 'X25519'), ep('b', 'X25519MLKEM768')]).status).toBe('pass');
  });

  it('reports when none did', () => {
    const result = resultFor(rule, undefined, [ep('a', 'X25519'), ep('b', 'prime256v1'), ep('c', 'X25519MLKEM768', 'TLSv1.2')]);
    expect(result.status).toBe('fail');
    expect(result.message).toBe('None of the 2 TLS 1.3 endpoints negotiated a hybrid post-quantum key exchange.');
  });

  it('flags the obsolete Kyber draft group', () => {
    expect(resultFor(rule, undefined, [ep('a', 'X25519Kyber768Draft00'), ep('b', 'X25519MLKEM768')]).message).toBe(
      '1 of 2 TLS 1.3 endpoints negotiated the obsolete X25519Kyber768Draft00 group.',
    );
  });

  it('is not applicable without TLS 1.3 endpoints', () => {
    expect(resultFor(rule, undefined, [ep('a', 'X25519', 'TLSv1.2')]).status).toBe('not-applicable');
  });
});
