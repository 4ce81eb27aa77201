import { describe, expect, it } from 'vitest';
import type { CaaIssuer, DnsCaaData, Evidence } from '../../../model/evidence.js';
import assessor from '../../../rules/07-certificate-management/assess-pki-governance.js';
import { NOW, certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, firstReasons, kinds } from '../assess-helpers.js';
import { caConfigEvidence, ctEntryEvidence, policyWith } from '../helpers.js';

const registered = policyWith({ name: 'reg', cas: { approved: ['CN=Example Issuing CA*', "C=US, O=Let's Encrypt*"] } });

const caa = (domain: string, issuers: readonly CaaIssuer[], outcome: DnsCaaData['outcome'] = 'found'): Evidence<'dns-caa'> => ({
  id: `dns-caa:${domain}`,
  kind: 'dns-caa',
  collector: 'dns-caa',
  target: domain,
  observedAt: NOW.toISOString(),
  data: { domain, source: 'configured', outcome, ...(outcome === 'found' ? { foundAt: domain } : {}), lookups: [], records: [], issuers, iodef: [], contactEmails: [], contactPhones: [] },
});
const issue = (domain?: string): CaaIssuer => ({ tag: 'issue', ...(domain === undefined ? {} : { domain }), parameters: [] });
const leCert = certificateEvidence({ issuer: "C=US, O=Let's Encrypt, CN=R11", subjectAltNames: ['DNS:www.example.test'] });

describe(assessor.id, () => {
  it('is insufficient without certificates, CT entries or CA configurations', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
  });

  it('caps at 3 without a CA register', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence()]))).toEqual(['cap 3']);
  });

  it('supports 3 when every issuer is registered', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence()], { policy: registered }))).toEqual(['support 3']);
  });

  it('caps at 3 for one shadow CA and at 2 for three', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence(), certificateEvidence({ issuer: 'CN=Dev CA' })], { policy: registered }))).toEqual(['cap 3']);
    const shadows = ['CN=A', 'CN=B'].map((issuer) => certificateEvidence({ issuer }));
    expect(kinds(assessWith(assessor, [...shadows, ctEntryEvidence({ issuer: 'CN=C' }), caConfigEvidence({ observations: [{ code: 'cert-manager-self-signed', message: 'x' }] })], { policy: registered }))).toEqual(['cap 2']);
  });

  describe('CAA', () => {
    it('supports 4 when CAA restricts public issuance to the CAs in use', () => {
      const statements = assessWith(assessor, [leCert, caa('example.test', [issue('letsencrypt.org')])], { policy: registered });
      expect(kinds(statements)).toEqual(['support 4']);
      expect(statements[0]?.reasons.map((r) => r.ruleIds ?? [])).toContainEqual(['caa-record-present', 'caa-authorises-observed-issuers']);
    });

    it('caps at 4 when a declared domain with public certificates has no CAA records', () => {
      const statements = assessWith(assessor, [leCert, caa('example.test', [], 'none'), caa('other.test', [issue('letsencrypt.org')])], { policy: registered });
      expect(kinds(statements)).toEqual(['cap 4', 'support 3']);
      expect(firstReasons(statements)[0]).toBe('1 declared domain(s) with public certificates have no CAA records: No CAA record applies to example.test, which has 1 public certificate name(s) such as www.example.test.');
      expect(statements[0]?.evidenceIds).toEqual(['dns-caa:example.test']);
    });

    it('caps at 3 when a CA issues for a domain whose CAA records do not authorise it', () => {
      expect(kinds(assessWith(assessor, [leCert, caa('example.test', [issue('pki.goog')])], { policy: registered }))).toEqual(['cap 3', 'support 3']);
    });

    it('stays at support 3 when CAA records restrict nothing or no domain with public certificates was looked up', () => {
      expect(kinds(assessWith(assessor, [leCert, caa('example.test', [])], { policy: registered }))).toEqual(['support 3']);
      expect(kinds(assessWith(assessor, [leCert, caa('unrelated.test', [issue('letsencrypt.org')])], { policy: registered }))).toEqual(['support 3']);
    });

    it('gives no support 4 beside a shadow CA', () => {
      expect(kinds(assessWith(assessor, [leCert, certificateEvidence({ issuer: 'CN=Dev CA' }), caa('example.test', [issue('letsencrypt.org')])], { policy: registered }))).toEqual(['cap 3']);
    });
  });
});
