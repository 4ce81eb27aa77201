import { describe, expect, it } from 'vitest';
import type { CaaIssuer, DnsCaaData, Evidence } from '../../../model/evidence.js';
import rule from '../../../rules/07-certificate-management/caa-authorises-observed-issuers.js';
import { NOW, certificateEvidence, type DataOverrides } from '../../helpers/evidence.js';
import { ctEntryEvidence, resultFor } from '../helpers.js';

/** Drops keys whose value is undefined (an override removing an optional field). */
const defined = <T,>(value: DataOverrides<T>): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

const caa = (issuers: readonly CaaIssuer[], data: DataOverrides<DnsCaaData> = {}): Evidence<'dns-caa'> => {
  const full = defined<DnsCaaData>({ domain: 'example.test', source: 'configured', outcome: 'found', foundAt: 'example.test', lookups: [], records: [], issuers, iodef: [], contactEmails: [], contactPhones: [], ...data });
  return { id: `dns-caa:${full.domain}`, kind: 'dns-caa', collector: 'dns-caa', target: full.domain, observedAt: NOW.toISOString(), data: full };
};
const issue = (domain?: string): CaaIssuer => ({ tag: 'issue', ...(domain === undefined ? {} : { domain }), parameters: [] });
const issuewild = (domain?: string): CaaIssuer => ({ tag: 'issuewild', ...(domain === undefined ? {} : { domain }), parameters: [] });
const LE = 'C=US, O=Let\'s Encrypt, CN=R11';
const GTS = 'C=US, O=Google Trust Services, CN=WR1';
const cert = (issuer: string, name = 'www.example.test') => certificateEvidence({ issuer, subjectAltNames: [`DNS:${name}`] });

describe(rule.id, () => {
  it('passes when the records name the issuer of every certificate', () => {
    expect(resultFor(rule, caa([issue('letsencrypt.org'), issue('pki.goog')]), [cert(LE), cert(GTS, 'api.example.test')]).status).toBe('pass');
  });

  it('passes when the records restrict nothing (no issue property)', () => {
    expect(resultFor(rule, caa([]), [cert(LE)]).status).toBe('pass');
  });

  it('flags a CA the records do not authorise, from observed and CT-logged certificates', () => {
    const result = resultFor(rule, caa([issue('letsencrypt.org')]), [cert(LE), ctEntryEvidence({ issuer: GTS, dnsNames: ['shop.example.test'] })]);
    expect(result.status).toBe('fail');
    expect(result.message).toBe('The CAA records of example.test (at example.test) do not authorise C=US, O=Google Trust Services, CN=WR1, which issued 1 valid certificate name(s) such as shop.example.test.');
  });

  it('flags every CA when the records forbid issuance (issue ";")', () => {
    expect(resultFor(rule, caa([issue()]), [cert(LE)]).status).toBe('fail');
  });

  it('uses issuewild for wildcard names when present, else issue', () => {
    expect(resultFor(rule, caa([issue('pki.goog'), issuewild('letsencrypt.org')]), [cert(LE, '*.example.test')]).status).toBe('pass');
    expect(resultFor(rule, caa([issue('pki.goog'), issuewild('letsencrypt.org')]), [cert(LE, 'www.example.test')]).status).toBe('fail');
    expect(resultFor(rule, caa([issue('letsencrypt.org')]), [cert(LE, '*.example.test')]).status).toBe('pass');
  });

  it('judges a name by the most specific looked-up domain', () => {
    const sub = caa([issue('pki.goog')], { domain: 'shop.example.test', foundAt: 'shop.example.test' });
    const parent = caa([issue('letsencrypt.org')]);
    const shopCert = cert(GTS, 'www.shop.example.test');
    expect(resultFor(rule, parent, [sub, shopCert, cert(LE)]).status).toBe('pass');
    expect(resultFor(rule, sub, [parent, shopCert, cert(LE)]).status).toBe('pass');
  });

  it('maps issuers through the issuerDomains option before the built-in table', () => {
    const own = cert('CN=Example TLS CA, O=Example');
    expect(resultFor(rule, caa([issue('ca.example.test')]), [own], { options: { issuerDomains: { 'CN=Example TLS CA*': ['ca.example.test'] } } }).status).toBe('pass');
    expect(resultFor(rule, caa([issue('letsencrypt.org')]), [own], { options: { issuerDomains: { 'CN=Example TLS CA*': ['ca.example.test'] } } }).status).toBe('fail');
  });

  it.each([
    ['no CAA records were found', caa([], { outcome: 'none', foundAt: undefined }), [cert(GTS)]],
    ['the issuer is not in the table', caa([issue('letsencrypt.org')]), [cert('CN=Example Issuing CA,O=Example')]],
    ['the only certificate has expired', caa([issue('letsencrypt.org')]), [certificateEvidence({ issuer: GTS, notAfter: '2026-10-01T00:00:00Z' })]],
  ])('is not applicable when %s', (_, item, others) => {
    expect(resultFor(rule, item, others).status).toBe('not-applicable');
  });
});
