import { describe, expect, it } from 'vitest';
import { certificateDnsNames, commonNameOf, matchDomains, normaliseDomain } from '../../src/ct/domains.js';

describe('normaliseDomain', () => {
  it.each([
    ['Example.ORG.', 'example.org'],
    ['*.example.org', 'example.org'],
    [' shop.example.co.uk ', 'shop.example.co.uk'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['localhost', undefined],
    ['-bad.example', undefined],
    ['exa mple.org', undefined],
    ['https://example.org', undefined],
    ['', undefined],
    ['192.0.2.1', undefined],
    ['10.example.org', '10.example.org'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseDomain(input)).toBe(expected);
  });
});

describe('matchDomains', () => {
  it.each([
    { names: ['example.org'], sub: true, matched: ['example.org'] },
    { names: ['www.example.org'], sub: true, matched: ['example.org'] },
    { names: ['*.example.org'], sub: true, matched: ['example.org'] },
    { names: ['www.example.org'], sub: false, matched: [] },
    { names: ['notexample.org'], sub: true, matched: [] },
    { names: ['a.shop.test', 'example.org'], sub: true, matched: ['example.org', 'shop.test'] },
  ])('$names (sub-domains $sub) → $matched', ({ names, sub, matched }) => {
    expect(matchDomains(names, ['shop.test', 'example.org'], sub)).toEqual(matched);
  });
});

describe('certificate names', () => {
  it('collects SAN DNS names and a host-like CN, lowercase and unique', () => {
    expect(certificateDnsNames(['DNS:WWW.example.org', 'IP:192.0.2.1', 'email:a@example.org', 'DNS:example.org.'], 'www.example.org')).toEqual(['example.org', 'www.example.org']);
    expect(certificateDnsNames([], 'Example Corp Signing')).toEqual([]);
  });

  it.each([
    ['C=US, O=Example, CN=www.example.org', 'www.example.org'],
    ['CN=a, OU=x, CN=b', 'b'],
    ['O=No Common Name', undefined],
  ])('CN of %s is %s', (dn, cn) => {
    expect(commonNameOf(dn)).toBe(cn);
  });
});
