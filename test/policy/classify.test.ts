import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES, defaultPolicy } from '../../src/policy/builtin-profiles.js';
import {
  certificateClass,
  classifyHash,
  classifyKey,
  classifyProtocol,
  inDeclaredDomains,
  isApprovedIssuer,
  isPublicTls,
  maxLifetimeDays,
  prohibitedCipherFragment,
} from '../../src/policy/classify.js';
import { PolicyProfile } from '../../src/policy/profile.js';
import { NOW, certificateEvidence } from '../helpers/evidence.js';

const cabf = BUILTIN_PROFILES['cabf-tls'];
const in2031 = new Date('2031-01-01T00:00:00Z');

describe('classifyKey', () => {
  it.each([
    [{ algorithm: 'RSA', bits: 3072 }, NOW, 'approved'],
    [{ algorithm: 'RSA', bits: 2048 }, NOW, 'approved'],
    [{ algorithm: 'RSA', bits: 2048 }, new Date('2030-12-31T23:59:59Z'), 'approved'],
    [{ algorithm: 'RSA', bits: 2048 }, in2031, 'past-sunset'],
    [{ algorithm: 'RSA', bits: 1024 }, NOW, 'prohibited'],
    [{ algorithm: 'EC', curve: 'prime256v1' }, NOW, 'approved'],
    [{ algorithm: 'ECDSA', curve: 'P-384' }, NOW, 'approved'],
    [{ algorithm: 'EC', curve: 'secp256k1' }, NOW, 'prohibited'],
    [{ algorithm: 'DSA', bits: 2048 }, NOW, 'prohibited'],
    [{ algorithm: 'ML-DSA-65' }, NOW, 'approved'],
    [{ algorithm: 'GOST R 34.10-2012' }, NOW, 'unlisted'],
  ])('%j at %s → %s (default)', (key, now, status) => {
    expect(classifyKey(defaultPolicy, key, now).status).toBe(status);
  });

  it('cabf-tls prohibits everything it does not approve', () => {
    expect(classifyKey(cabf, { algorithm: 'EC', curve: 'P-521' }, NOW).status).toBe('prohibited');
    expect(classifyKey(cabf, { algorithm: 'Ed25519' }, NOW).status).toBe('prohibited');
    expect(classifyKey(cabf, { algorithm: 'RSA', bits: 2048 }, in2031).status).toBe('approved');
  });

  it('reports the deciding entry', () => {
    expect(classifyKey(defaultPolicy, { algorithm: 'RSA', bits: 2048 }, in2031)).toEqual({ status: 'past-sunset', until: '2030-12-31', note: 'sunset of 112-bit strength' });
  });
});

describe('classifyHash and classifyProtocol', () => {
  it.each([
    ['SHA-256', 'approved'],
    ['sha256', 'approved'],
    ['SHA-1', 'prohibited'],
    ['MD5', 'prohibited'],
    ['SHA-224', 'deprecated'],
    ['Streebog', 'unlisted'],
  ])('hash %s → %s', (hash, status) => {
    expect(classifyHash(defaultPolicy, hash, NOW).status).toBe(status);
  });

  it.each([
    ['TLSv1.3', 'approved'],
    ['TLSv1.2', 'approved'],
    ['TLSv1.1', 'prohibited'],
    ['TLSv1', 'prohibited'],
    ['TLSv1.0', 'prohibited'],
    ['SSLv3', 'prohibited'],
  ])('protocol %s → %s', (protocol, status) => {
    expect(classifyProtocol(defaultPolicy, protocol, NOW).status).toBe(status);
  });
});

describe('prohibitedCipherFragment', () => {
  it.each([
    ['ECDHE-RSA-AES128-GCM-SHA256', undefined],
    ['TLS_AES_256_GCM_SHA384', undefined],
    ['DHE-RSA-AES256-SHA', undefined],
    ['DES-CBC3-SHA', 'DES'],
    ['TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'DES'],
    ['ECDHE-RSA-RC4-SHA', 'RC4'],
    ['EXP-RC4-MD5', 'EXP-'],
    ['TLS_RSA_WITH_NULL_SHA256', 'NULL'],
    ['ADH-AES128-SHA', 'ADH'],
    ['TLS_DH_anon_WITH_AES_128_CBC_SHA', 'anon'],
  ])('%s → %s', (cipher, fragment) => {
    expect(prohibitedCipherFragment(defaultPolicy, cipher)).toBe(fragment);
  });
});

describe('certificate classes and lifetimes', () => {
  it.each([
    [{ isCa: true, isSelfSigned: true }, 'root'],
    [{ isCa: true }, 'ca'],
    [{}, 'publicTls'],
    [{ policyOids: [] }, 'privateTls'],
    [{ extendedKeyUsage: ['clientAuth'] }, 'client'],
    [{ extendedKeyUsage: ['codeSigning'] }, 'codeSigning'],
    [{ extendedKeyUsage: ['emailProtection', 'clientAuth'] }, 'email'],
    [{ extendedKeyUsage: ['OCSPSigning'] }, undefined],
  ])('%j → %s', (overrides, expected) => {
    expect(certificateClass(certificateEvidence(overrides).data, defaultPolicy)).toBe(expected);
  });

  it('classes a TLS certificate as public by a listed issuer', () => {
    const policy = PolicyProfile.parse({ ...defaultPolicy, cas: { ...defaultPolicy.cas, publicIssuers: ['*O=Example*'] } });
    const cert = certificateEvidence({ policyOids: [] }).data;
    expect(isPublicTls(cert, policy)).toBe(true);
    expect(isPublicTls(cert, defaultPolicy)).toBe(false);
  });

  it.each([
    ['2026-03-14T23:59:59Z', 398],
    ['2026-03-15T00:00:00Z', 200],
    ['2027-03-15T00:00:00Z', 100],
    ['2029-03-14T23:59:59Z', 100],
    ['2029-03-15T00:00:00Z', 47],
  ])('public TLS issued %s may live %i days', (notBefore, days) => {
    expect(maxLifetimeDays(defaultPolicy, 'publicTls', notBefore)).toBe(days);
  });
});

describe('scope and CA lists', () => {
  const policy = PolicyProfile.parse({
    ...defaultPolicy,
    scope: { domains: ['example.org'], units: [] },
    cas: { ...defaultPolicy.cas, approved: ['CN=Corp Issuing CA*', 'a'.repeat(64)] },
  });
  it.each([
    ['example.org', true],
    ['www.example.org', true],
    ['*.api.example.org', true],
    ['badexample.org', false],
    ['example.com', false],
  ])('%s in declared domains: %s', (name, expected) => {
    expect(inDeclaredDomains(policy, name)).toBe(expected);
  });

  it('approves issuers by DN glob or fingerprint', () => {
    expect(isApprovedIssuer(policy, 'CN=Corp Issuing CA 2,O=Corp')).toBe(true);
    expect(isApprovedIssuer(policy, 'CN=Shadow CA')).toBe(false);
    expect(isApprovedIssuer(policy, 'CN=Shadow CA', 'A'.repeat(64))).toBe(true);
  });
});
