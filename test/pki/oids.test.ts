import { describe, expect, it } from 'vitest';
import { keyAlgorithms, signatureAlgorithmName, signatureAlgorithms } from '../../src/pki/oids.js';

describe('post-quantum and composite OIDs', () => {
  it.each([
    { oid: '2.16.840.1.101.3.4.3.18', key: { name: 'ML-DSA-65', family: 'ML-DSA' }, signature: 'ML-DSA-65' },
    { oid: '2.16.840.1.101.3.4.3.20', key: { name: 'SLH-DSA-SHA2-128s', family: 'SLH-DSA' }, signature: 'SLH-DSA-SHA2-128s' },
    { oid: '2.16.840.1.101.3.4.3.33', key: undefined, signature: 'HashML-DSA-65-with-SHA512' },
    { oid: '2.16.840.1.101.3.4.3.35', key: undefined, signature: 'HashSLH-DSA-SHA2-128s-with-SHA256' },
    { oid: '1.3.6.1.5.5.7.6.37', key: { name: 'id-MLDSA44-RSA2048-PSS-SHA256', family: 'composite' }, signature: 'id-MLDSA44-RSA2048-PSS-SHA256' },
    { oid: '1.3.6.1.5.5.7.6.45', key: { name: 'id-MLDSA65-ECDSA-P256-SHA512', family: 'composite' }, signature: 'id-MLDSA65-ECDSA-P256-SHA512' },
    { oid: '1.3.6.1.5.5.7.6.51', key: { name: 'id-MLDSA87-Ed448-SHAKE256', family: 'composite' }, signature: 'id-MLDSA87-Ed448-SHAKE256' },
    { oid: '1.3.6.1.5.5.7.6.54', key: { name: 'id-MLDSA87-ECDSA-P521-SHA512', family: 'composite' }, signature: 'id-MLDSA87-ECDSA-P521-SHA512' },
  ])('$oid → $signature', ({ oid, key, signature }) => {
    expect(keyAlgorithms.get(oid)).toEqual(key);
    expect(signatureAlgorithmName(oid)).toBe(signature);
  });

  it('names all 18 composite ML-DSA algorithms of the IANA arc, each once', () => {
    const composite = [...signatureAlgorithms].filter(([oid]) => oid.startsWith('1.3.6.1.5.5.7.6.'));
    expect(composite.map(([oid]) => Number(oid.split('.').pop()))).toEqual(Array.from({ length: 18 }, (_, k) => 37 + k));
    expect(new Set(composite.map(([, info]) => info.name)).size).toBe(18);
    expect(composite.every(([, info]) => /^id-MLDSA(44|65|87)-/.test(info.name) && info.hash !== undefined)).toBe(true);
  });
});
