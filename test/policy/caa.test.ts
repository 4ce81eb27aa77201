import { describe, expect, it } from 'vitest';
import type { CaaIssuer } from '../../model/evidence.js';
import { caaAuthorises, caaDomainsOf, nameUnder } from '../../src/policy/caa.js';

const issue = (domain?: string, tag: CaaIssuer['tag'] = 'issue'): CaaIssuer => ({ tag, ...(domain === undefined ? {} : { domain }), parameters: [] });

describe('CAA issuer table', () => {
  it.each([
    ["C=US, O=Let's Encrypt, CN=R11", 'letsencrypt.org'],
    ['C=US, O=DigiCert Inc, CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1', 'digicert.com'],
    ['C=GB, ST=Greater Manchester, L=Salford, O=Sectigo Limited, CN=Sectigo RSA Domain Validation Secure Server CA', 'sectigo.com'],
    ['C=AT, O=ZeroSSL, CN=ZeroSSL RSA Domain Secure Site CA', 'sectigo.com'],
    ['C=US, O=Google Trust Services, CN=WR2', 'pki.goog'],
    ['C=US, O=Amazon, CN=Amazon RSA 2048 M02', 'amazontrust.com'],
    ['C=BE, O=GlobalSign nv-sa, CN=GlobalSign GCC R6 AlphaSSL CA 2023', 'globalsign.com'],
  ])('maps %s to %s', (issuer, domain) => {
    expect(caaDomainsOf(issuer)).toContain(domain);
  });

  it('does not know private or unnamed issuers', () => {
    expect(caaDomainsOf('CN=Example Issuing CA, O=Example')).toBeUndefined();
    expect(caaDomainsOf('CN=No Organisation')).toBeUndefined();
  });

  it('lets configured globs win over the table', () => {
    expect(caaDomainsOf("C=US, O=Let's Encrypt, CN=R11", { "*O=Let's Encrypt*": ['ca.example.test'] })).toEqual(['ca.example.test']);
  });
});

describe('CAA authorisation (RFC 8659 §4.2-4.3)', () => {
  it.each([
    ['no issue property restricts nothing', [], false, true],
    ['a listed CA is authorised', [issue('letsencrypt.org')], false, true],
    ['an unlisted CA is not', [issue('pki.goog')], false, false],
    ['";" authorises no CA', [issue()], false, false],
    ['issuewild decides for wildcards', [issue('pki.goog'), issue('letsencrypt.org', 'issuewild')], true, true],
    ['issuewild does not apply to other names', [issue('pki.goog'), issue('letsencrypt.org', 'issuewild')], false, false],
    ['issue decides for wildcards without issuewild', [issue('pki.goog')], true, false],
  ] as const)('%s', (_, issuers, wildcard, expected) => {
    expect(caaAuthorises({ issuers }, ['letsencrypt.org'], wildcard)).toBe(expected);
  });

  it('matches names at or under a domain, wildcards by their base', () => {
    expect([nameUnder('example.test', 'example.test'), nameUnder('*.example.test', 'example.test'), nameUnder('a.b.example.test', 'example.test'), nameUnder('badexample.test', 'example.test')]).toEqual([true, true, true, false]);
  });
});
