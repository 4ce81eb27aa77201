import { describe, expect, it } from 'vitest';
import type { DnsCaaData, Evidence, SecurityTxtData, SecurityTxtFields } from '../../../model/evidence.js';
import assessor from '../../../rules/16-awareness/assess-point-of-contact.js';
import { NOW, certificateEvidence, type DataOverrides } from '../../helpers/evidence.js';
import { assessWith, firstReasons, kinds } from '../assess-helpers.js';
import { policyWith } from '../helpers.js';

/** Drops keys whose value is undefined (an override removing an optional field). */
const defined = <T,>(value: DataOverrides<T>): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

const FIELDS: SecurityTxtFields = { contact: ['mailto:security@example.test'], expires: ['2027-06-01T00:00:00Z'], encryption: [], acknowledgments: [], preferredLanguages: [], canonical: [], policy: [], hiring: [], csaf: [] };
const txt = (data: DataOverrides<SecurityTxtData> = {}, fields: Partial<SecurityTxtFields> = {}): Evidence<'security-txt'> => ({
  id: 'security-txt:example.test',
  kind: 'security-txt',
  collector: 'security-txt',
  target: 'example.test',
  observedAt: NOW.toISOString(),
  data: defined<SecurityTxtData>({ domain: 'example.test', outcome: 'found', url: 'https://example.test/.well-known/security.txt', status: 200, redirects: [], httpsVerified: true, fields: { ...FIELDS, ...fields }, ...data }),
});
const caa = (iodef: readonly string[]): Evidence<'dns-caa'> => ({
  id: 'dns-caa:example.test',
  kind: 'dns-caa',
  collector: 'dns-caa',
  target: 'example.test',
  observedAt: NOW.toISOString(),
  data: { domain: 'example.test', source: 'configured', outcome: 'found', foundAt: 'example.test', lookups: [], records: [], issuers: [], iodef, contactEmails: [], contactPhones: [] } satisfies DnsCaaData,
});
const publicCert = certificateEvidence();

describe(assessor.id, () => {
  it('is insufficient without a declared contact and without lookups', () => {
    expect(kinds(assessWith(assessor, [publicCert]))).toEqual(['insufficient']);
  });

  it('supports 3 with a declared contact', () => {
    const statements = assessWith(assessor, [], { policy: policyWith({ name: 'c', documents: { contact: 'pki-abuse@example.test' } }) });
    expect(kinds(statements)).toEqual(['support 3']);
    expect(firstReasons(statements)[0]).toBe('A problem-reporting contact is discoverable: declared in the policy profile (pki-abuse@example.test); its responsiveness needs a person.');
  });

  it('supports 3 with a current security.txt naming a usable contact', () => {
    const statements = assessWith(assessor, [txt()]);
    expect(kinds(statements)).toEqual(['support 3']);
    expect(firstReasons(statements)[0]).toContain('security.txt on 1 domain(s) (example.test: mailto:security@example.test)');
    expect(statements[0]?.evidenceIds).toEqual(['security-txt:example.test']);
  });

  it('supports 3 with a CAA iodef contact alone', () => {
    expect(firstReasons(assessWith(assessor, [caa(['mailto:caa@example.test']), publicCert]))[0]).toContain('CAA iodef on 1 domain(s) (example.test: mailto:caa@example.test)');
  });

  it.each([
    ['an expired security.txt', txt({}, { expires: ['2026-11-01T00:00:00Z'] })],
    ['a security.txt without Contact', txt({}, { contact: [] })],
    ['a security.txt with an unusable Contact', txt({}, { contact: ['http://example.test/report'] })],
    ['a security.txt behind an invalid certificate', txt({ outcome: 'invalid-certificate', httpsVerified: false, fields: undefined })],
    ['no security.txt', txt({ outcome: 'not-found', status: 404, fields: undefined })],
  ])('caps at 2 with %s, no iodef and public certificates', (_, item) => {
    const statements = assessWith(assessor, [item, caa([]), publicCert]);
    expect(kinds(statements)).toEqual(['cap 2']);
    expect(firstReasons(statements)[0]).toBe('No discoverable problem-reporting contact: 1 security.txt lookup(s) and 1 CAA lookup(s) found no contact, and none is declared in the policy profile, while 1 public certificate name(s) show external relying parties.');
  });

  it('is insufficient when nothing was found but no public certificate shows external relying parties', () => {
    expect(kinds(assessWith(assessor, [txt({ outcome: 'not-found', status: 404, fields: undefined }), certificateEvidence({ policyOids: [] })]))).toEqual(['insufficient']);
  });
});
